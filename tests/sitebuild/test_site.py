"""A real `mkdocs build --strict` of the project into a temporary folder, read back as HTML."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from jobdesc.core.model import LANGS
from jobdesc.core.validate import load_handbook
from tests.conftest import ROOT
from tests.htmlscan import scan, table_cells

pytestmark = pytest.mark.build
HB = load_handbook(ROOT / "positions")
SUB_PATH = "/jobs/"
SECTION_ANCHORS = ["general", "qualification", "duties", "rights", "responsibility"]


def page(site: Path, lang: str, rel: str) -> Path:
    return site / ("" if lang == "ru" else lang) / rel / "index.html"


@pytest.mark.parametrize("lang", LANGS)
def test_every_position_has_a_page_with_lang_dir_numbers_and_anchors(built_site: Path, lang: str) -> None:
    for pos in HB.positions:
        path = page(built_site, lang, f"positions/{pos.id}")
        html = path.read_text("utf-8")
        assert f'<html lang="{lang}"' in html
        assert f'dir="{"rtl" if lang == "he" else "ltr"}"' in re.search(r"<body[^>]*>", html).group(0)  # type: ignore[union-attr]
        s = scan(path)
        for anchor in SECTION_ANCHORS:
            assert anchor in s.ids, (pos.id, lang, anchor)
        # every clause of the YAML is on the page, numbered in order within its section
        nums = re.findall(r'<span class="jd-num" dir="ltr">(\d+)\.(\d+)\.</span>', html)
        assert nums, pos.id
        duties_section = (
            next(i for i, k in enumerate(["general", "qualification", "duties"]) if k == "duties") + 1
        )
        duty_nums = [int(n) for sec, n in nums if int(sec) == duties_section]
        assert duty_nums == list(range(1, len(pos.all_duties()) + 1))
        for clause in pos.all_duties():
            assert f'id="c-{clause.id}"' in html
        assert pos.title.get(lang).split("*")[0][:20] in html


def test_client_manager_salary_table_matches_the_yaml(built_site: Path) -> None:
    html = page(built_site, "ru", "positions/client-manager").read_text("utf-8")
    rows = table_cells(html, "jd-salary")
    assert rows[0] == ["Уровень", "Москва", "Санкт-Петербург", "Екатеринбург", "Нижний Новгород"]
    cells = [r[1:] for r in rows[1:]]
    nb = "\u00a0"
    expected = [
        ["25 000 – 30 000 ₽", "20 000 – 23 000 ₽", "15 000 – 20 000 ₽", "12 000 – 15 000 ₽"],
        ["до 40 000 ₽", "до 30 000 ₽", "до 25 000 ₽", "до 20 000 ₽"],
        ["до 60 000 ₽", "до 47 000 ₽", "до 38 000 ₽", "до 28 000 ₽"],
        ["120 000 ₽", "95 000 ₽", "75 000 ₽", "55 000 ₽"],
    ]
    assert [[c.replace(nb, " ") for c in row] for row in cells] == expected


def test_service_manager_from_figure_and_honest_no_figure(built_site: Path) -> None:
    html = page(built_site, "ru", "positions/service-manager").read_text("utf-8")
    assert "от 45\u00a0000\u00a0₽" in html
    sales = page(built_site, "ru", "positions/sales-manager").read_text("utf-8")
    assert "устанавливается положением об оплате труда" in sales
    assert 'class="jd-salary"' not in sales


def test_hebrew_amounts_and_headers(built_site: Path) -> None:
    html = page(built_site, "he", "positions/client-manager").read_text("utf-8")
    rows = table_cells(html, "jd-salary")
    assert rows[0][1] == "מוסקבה"
    assert "עד" in rows[2][1] and "40,000" in rows[2][1]


def _resolve(site: Path, source: Path, href: str) -> tuple[Path, str] | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    if not parts.path:
        return source, parts.fragment
    if parts.path.startswith("/"):  # absolute paths carry the site_url's sub-path
        assert parts.path.startswith(SUB_PATH), href
        target = (site / unquote(parts.path[len(SUB_PATH) :])).resolve()
    else:
        target = (source.parent / unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def test_no_broken_internal_link_or_anchor(built_site: Path) -> None:
    broken = []
    scans = {}
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 4 * (len(HB.positions) + 4)
    for path in pages:
        if path.name == "404.html":
            continue
        s = scans.setdefault(path, scan(path))
        for href in s.links:
            hit = _resolve(built_site, path, href)
            if hit is None:
                continue
            target, frag = hit
            if not target.exists():
                broken.append(f"{path.relative_to(built_site)} -> {href}")
                continue
            if frag and target.suffix == ".html":
                ids = scans.setdefault(target, scan(target)).ids
                if unquote(frag) not in ids:
                    broken.append(f"{path.relative_to(built_site)} -> {href} (no anchor)")
    assert broken == []


def test_nothing_points_outside_the_intranet(built_site: Path) -> None:
    outside = set()
    for path in built_site.rglob("*.html"):
        s = scan(path)
        for url in s.srcs + [h for tag, a in s.tags if tag == "link" for h in [a.get("href") or ""]]:
            if re.match(r"^(https?:)?//", url):
                outside.add(url)
    for path in built_site.rglob("*.css"):
        for url in re.findall(r"url\(([^)]+)\)", path.read_text("utf-8", "replace")):
            if re.match(r"^['\"]?(https?:)?//", url):
                outside.add(url)
    assert outside <= {u for u in outside if u.startswith("http://intranet.local/jobs/")}


@pytest.mark.parametrize("lang", LANGS)
def test_search_index_per_language(built_site: Path, lang: str) -> None:
    base = built_site if lang == "ru" else built_site / lang
    idx = json.loads((base / "search" / "search_index.json").read_text("utf-8"))
    locations = [d["location"] for d in idx["docs"]]
    assert any(loc.startswith("positions/sales-manager/") for loc in locations)
    assert not any(loc.split("/")[0] in LANGS for loc in locations)
    # comparison pages repeat the positions' texts: search leads to the positions themselves
    assert not any(loc.startswith("compare/") for loc in locations)
    titles = " ".join(d["title"] for d in idx["docs"])
    assert HB.position("sales-manager").title.get(lang) in titles  # type: ignore[union-attr]


def test_catalogue_and_comparison_pages(built_site: Path) -> None:
    for lang in LANGS:
        cat = page(built_site, lang, "positions").read_text("utf-8")
        for pos in HB.positions:
            assert f'href="{pos.id}/"' in cat
        assert 'class="jd-tree"' in cat
        assert 'id="jd-range-note"' in cat  # the Pay column says what its range covers
        cmp_html = page(built_site, lang, "compare").read_text("utf-8")
        header = table_cells(cmp_html, "jd-matrix")[0]
        assert len(header) == 1 + len(HB.positions)
    cmp_html = page(built_site, "ru", "compare").read_text("utf-8")
    resp = cmp_html.split('id="responsibility"')[1].split('id="qualification"')[0]
    # the liability clause every position shares is written once, as common to all five
    assert resp.count("ненадлежащее исполнение или неисполнение обязанностей") == 1
    assert f"общий пункт: у {len(HB.positions)} из {len(HB.positions)}" in resp


def test_generated_sources_are_not_published(built_site: Path) -> None:
    assert not (built_site / "jobdesc").exists()
    assert not list(built_site.rglob("*.j2"))


@pytest.mark.parametrize("lang", LANGS)
def test_404_page_per_language(built_site: Path, lang: str) -> None:
    path = built_site / ("" if lang == "ru" else lang) / "404.html"
    html = path.read_text("utf-8")
    assert f'<html lang="{lang}"' in html
    assert ('dir="rtl"' in html) == (lang == "he")
    # its language switcher leads to each language's home page, not to a page built before it
    alternates = dict(re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([a-z]+)"', html))
    assert {v: k for k, v in alternates.items()} == {
        code: SUB_PATH + ("" if code == "ru" else f"{code}/") for code in LANGS
    }


def test_edit_link_points_at_the_yaml_and_last_changed_date(built_site: Path) -> None:
    html = page(built_site, "bg", "positions/client-manager").read_text("utf-8")
    assert 'href="http://git.intranet.local/hr/jobdesc/-/edit/main/positions/client-manager.yml"' in html
    assert "docs/positions" not in html
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', html)


def test_change_history_comes_from_git(built_site: Path) -> None:
    html = page(built_site, "ru", "positions/sales-manager").read_text("utf-8")
    assert '<time datetime="2026-03-01">2026-03-01</time>' in html
    assert "Import positions" not in html  # the commit, not its developer's subject line
    assert re.search(r"<time datetime=\"2026-03-01\">2026-03-01</time> <code>[0-9a-f]{7,}</code>", html)


def test_work_format_field_on_page_comparison_and_export(built_site: Path) -> None:
    html = page(built_site, "ru", "positions/sales-manager").read_text("utf-8")
    row = [r for r in table_cells(html, "jd-kv") if r[0] == "Формат работы"]
    assert row == [["Формат работы", "в офисе и удалённо"]]
    he = page(built_site, "he", "positions/key-account-manager").read_text("utf-8")
    assert ["אופן העבודה", "בשטח (אצל לקוחות)"] in table_cells(he, "jd-kv")
    assert (
        "Формат работы"
        not in page(built_site, "ru", "positions/client-manager").read_text("utf-8").split("jd-kv")[1][:3000]
    )
    data = json.loads((built_site / "export" / "positions.az.json").read_text("utf-8"))
    assert {p["id"]: p["work_format"] for p in data["positions"]}["sales-manager"] == "hybrid"


def _primary_nav(html: str) -> str:
    """The sidebar navigation of a page (without the page's own table of contents)."""
    start = html.index('class="md-nav md-nav--primary"')
    nav = html[start : html.index('class="md-content"', start)]
    return re.sub(r'<nav class="md-nav md-nav--secondary".*?</nav>', "", nav, flags=re.S)


@pytest.mark.parametrize("lang", LANGS)
def test_nav_has_a_positions_section_with_families_and_prunes_other_families(
    built_site: Path, lang: str
) -> None:
    """The positions are one nav section (the catalogue is its index) with a sub-section per family in
    the page's language; a position page carries its own family's positions, not the other families'
    (navigation.prune: at 1000 positions a full nav on every page made the build quadratic)."""
    from jobdesc.core.labels import labels

    for pos in HB.positions:
        html = page(built_site, lang, f"positions/{pos.id}").read_text("utf-8")
        nav = _primary_nav(html)
        assert labels(lang)["ui"]["catalogue"] in nav
        for fam in HB.catalogue.families:
            assert fam.title.get(lang) in nav, (pos.id, lang, fam.id)
        for fam in HB.catalogue.families:
            members = [p for p in HB.positions if p.family == fam.id]
            for i, other in enumerate(members):
                linked = f'href="../{other.id}/"' in nav or other.id == pos.id
                # a pruned family is one link, to its first position
                assert linked == (fam.id == pos.family or i == 0), (pos.id, other.id, lang)


@pytest.mark.parametrize("lang", ["ru", "he"])
def test_position_pages_have_catalogue_and_family_breadcrumbs(built_site: Path, lang: str) -> None:
    for pos in HB.positions:
        html = page(built_site, lang, f"positions/{pos.id}").read_text("utf-8")
        crumbs = re.search(r'<nav class="jd-crumbs"[^>]*>(.*?)</nav>', html, re.S)
        assert crumbs, pos.id
        links = re.findall(r'<a href="([^"]+)">(.*?)</a>', crumbs.group(1))
        family = HB.family(pos.family)
        assert [href for href, _ in links] == ["../", f"../#{family.id}"]
        assert family.title.get(lang) in links[1][1]
        catalogue = page(built_site, lang, "positions").read_text("utf-8")
        assert f'id="{family.id}"' in catalogue


def test_a_large_catalogue_keeps_the_sidebar_to_the_catalogue(tmp_path: Path) -> None:
    """Above `nav_max_entries` (families + the largest family) the sidebar lists no family or position:
    rendered on every page, that list made large builds superlinear. The strict build still passes."""
    from tests.conftest import build_site, copy_project

    project = copy_project(tmp_path / "p")
    cfg = project / "mkdocs.yml"
    text = cfg.read_text("utf-8")
    cfg.write_text(
        text.replace(
            "      positions_dir: positions\n", "      positions_dir: positions\n      nav_max_entries: 4\n"
        )
    )
    site = build_site(project, JOBDESC_PDF="0")
    for lang in ("ru", "az"):
        html = page(site, lang, "positions/sales-manager").read_text("utf-8")
        nav = _primary_nav(html)
        assert not re.search(r'href="\.\./[a-z-]+/"', nav), "a position is in the sidebar"
        assert 'href="../"' in nav  # the catalogue
        for fam in HB.catalogue.families:
            assert fam.title.get(lang) not in nav
        assert 'class="jd-crumbs"' in html


def test_every_nav_entry_is_named_on_every_page(built_site: Path) -> None:
    """Each page's sidebar names every entry with its page's title, whichever page was built before it
    (a page's source is let go once written, its title must stay)."""
    home = {
        lang: re.search(r"^# (.+)$", (ROOT / "docs" / f"index.{lang}.md").read_text("utf-8"), re.M)
        for lang in LANGS
    }
    pages = list(built_site.rglob("index.html"))
    assert len(pages) >= 40
    for path in pages:
        html = path.read_text("utf-8")
        if 'class="md-nav md-nav--primary"' not in html:
            continue
        names = [
            re.sub(r"\s+", " ", n).strip()
            for n in re.findall(r'<span class="md-ellipsis">(.*?)</span>', _primary_nav(html), re.S)
        ]
        assert names and all(n and n != "None" for n in names), (path, names)
        lang = (
            path.relative_to(built_site).parts[0] if path.relative_to(built_site).parts[0] in LANGS else "ru"
        )
        title = home[lang]
        assert title and title.group(1).strip().split(" {")[0] in " ".join(names), (path, names)


def test_no_build_path_in_any_output(built_site: Path) -> None:
    """The folder the site was built in appears in no file: two clones in different folders publish the
    same files (the PDFs are checked by the reproducibility test)."""
    project = str(built_site.parent)
    found = [
        str(p.relative_to(built_site))
        for p in built_site.rglob("*")
        if p.is_file() and p.suffix != ".pdf" and project.encode() in p.read_bytes()
    ]
    assert found == []


def test_generated_pages_have_their_toc_and_title_from_our_data(built_site: Path) -> None:
    html = page(built_site, "he", "positions/sales-manager").read_text("utf-8")
    hb = load_handbook(ROOT / "positions")
    pos = hb.position("sales-manager")
    assert pos is not None
    assert f"<title>{pos.title.get('he')} - " in html
    toc = re.findall(r'<a href="#([a-z0-9-]+)" class="md-nav__link">', html)
    assert toc[:3] == ["general", "qualification", "knowledge"], toc
    assert {"duties", "rights", "responsibility", "pay"} <= set(toc)
    assert html.count('<h1 id="top">') == 1


def test_the_build_writes_nothing_into_docs(built_site: Path) -> None:
    """Generated pages live in the build's own folder (.cache/jobdesc/docs-part-<lang> for each
    language's build of `jobdesc build`, docs-all for a plain `mkdocs build`), not in docs/: the source
    tree holds what people wrote, and git status stays clean after a build."""
    project = built_site.parent
    assert sorted(p.name for p in (project / "docs").iterdir()) == sorted(
        p.name for p in (ROOT / "docs").iterdir() if p.name not in ("positions", "compare", "status")
    )
    # `jobdesc build` builds each language from its own folder; on ProperDocs (scripts/compat.sh) the site
    # is one plain build, from docs-all
    folder = "docs-all" if os.environ.get("COMPAT_BUILDER") == "properdocs" else "docs-part-he"
    assert (project / ".cache" / "jobdesc" / folder / "positions" / "sales-manager.he.md").is_file()
    out = subprocess.run(
        ["git", "status", "--porcelain", "docs"], cwd=project, capture_output=True, text=True
    )
    assert out.stdout == ""
