"""Accessibility in real Chromium (issue 19): axe-core and the Nu Html Checker over every page type in
four languages, on desktop (1280 px) and phone (390 px); sideways scroll, console errors, dark mode, the
404 page, keyboard, search snippets and the right-to-left details of Hebrew.

The site is a copy of the project with 14 positions, so that it has comparison pages per family and an
index of them (more than compare.COMPARE_MAX positions)."""

from __future__ import annotations

import difflib
import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import a11y
from tests.browser.test_browser import launch
from tests.conftest import ROOT, build_site, copy_project, git_commit

pytestmark = pytest.mark.browser
LANGS = a11y.LANGS
KINDS = tuple(a11y.PAGE_KINDS)
NOT_A_PAGE = "no-such-page/"  # what a reader who follows a stale link gets
COMPARISON = ("compare",)  # the comparison pages' phone layout is rebuilt by another issue


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not a11y.AXE.exists() or not a11y.VNU.exists():
        pytest.fail("axe-core and vnu-jar are missing: run scripts/bootstrap.sh test")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    project = copy_project(tmp_path_factory.mktemp("a11y"))
    synth.make_catalogue(14, project)
    # one Russian text changed after its translations were checked: the position page carries the notes
    path = project / "positions" / "client-manager.yml"
    old = "ru: самостоятельно определять формы работы с клиентами"
    assert old in path.read_text("utf-8")
    path.write_text(path.read_text("utf-8").replace(old, old + " и партнёрами", 1), "utf-8")
    git_commit(project, "fourteen positions", "2026-05-01T00:00:00")
    return build_site(project, JOBDESC_PDF="0")


@pytest.fixture(scope="module")
def origin(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with a11y.serve(site, tmp_path_factory.mktemp("www")) as o:
        yield o


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def url(origin: str, lang: str, rel: str) -> str:
    return f"{origin}/jobs/{a11y.lang_prefix(lang)}{rel}"


class Visit:
    """What one page showed: axe's violations, console errors, page width against the window."""

    def __init__(self, violations: list[dict[str, Any]], console: list[str], widths: list[int]) -> None:
        self.violations = violations
        self.console = console
        self.scroll_width, self.inner_width = widths


@pytest.fixture(scope="module")
def visits(browser: Any, origin: str) -> Iterator[dict[tuple[str, str], dict[str, Visit]]]:
    """Every page kind of a language at a width, visited once and shared by the tests below."""
    cache: dict[tuple[str, str], dict[str, Visit]] = {}
    contexts: list[Any] = []

    def get(lang: str, width: str) -> dict[str, Visit]:
        if (lang, width) not in cache:
            ctx = browser.new_context(viewport={"width": a11y.WIDTHS[width], "height": 900})
            contexts.append(ctx)
            page = ctx.new_page()
            out: dict[str, Visit] = {}
            for kind, rel in a11y.PAGE_KINDS.items():
                console: list[str] = []
                target = url(origin, lang, rel)

                def on_console(msg: Any, console: list[str] = console, target: str = target) -> None:
                    # the 404 page's own status is what it is for; anything else is an error
                    if msg.type == "error" and msg.location.get("url") != target:
                        console.append(f"{msg.text} {msg.location.get('url')}")

                page.on("console", on_console)
                page.on("pageerror", lambda e, console=console: console.append(str(e)))
                page.goto(target)
                page.wait_for_load_state("networkidle")
                widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                out[kind] = Visit(a11y.run_axe(page), console, widths)
                page.remove_listener("console", on_console)
            page.close()
            cache[(lang, width)] = out
        return cache[(lang, width)]

    yield _Lazy(get)  # type: ignore[misc]
    for ctx in contexts:
        ctx.close()


class _Lazy(dict):  # type: ignore[type-arg]
    def __init__(self, get: Any) -> None:
        super().__init__()
        self._get = get

    def __missing__(self, key: tuple[str, str]) -> dict[str, Visit]:
        value: dict[str, Visit] = self._get(*key)
        return value


def _describe(violations: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}" for v in violations
    )


@pytest.mark.parametrize("width", list(a11y.WIDTHS))
@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_axe_violation_on_any_page_type(visits: Any, lang: str, width: str) -> None:
    found = {kind: a11y.blocking(v.violations) for kind, v in visits[(lang, width)].items()}
    assert set(found) == set(KINDS)
    bad = {kind: _describe(v) for kind, v in found.items() if v}
    assert bad == {}


@pytest.mark.parametrize("width", list(a11y.WIDTHS))
@pytest.mark.parametrize("lang", LANGS)
def test_no_console_error_on_any_page(visits: Any, lang: str, width: str) -> None:
    errors = {kind: v.console for kind, v in visits[(lang, width)].items() if v.console}
    assert errors == {}


@pytest.mark.parametrize("lang", LANGS)
def test_no_sideways_scroll_on_a_phone(visits: Any, lang: str) -> None:
    wide = {
        kind: (v.scroll_width, v.inner_width)
        for kind, v in visits[(lang, "phone")].items()
        if kind not in COMPARISON and v.scroll_width > v.inner_width
    }
    assert wide == {}


def test_nu_html_checker_finds_no_error(site: Path) -> None:
    files = [a11y.page_file(site, lang, kind) for lang in LANGS for kind in KINDS]
    assert all(f.exists() for f in files), [f for f in files if not f.exists()]
    errors = a11y.run_vnu(files)
    assert [f"{e.get('url')}:{e.get('lastLine')}: {e['message']}" for e in errors] == []


def test_the_checkers_catch_what_they_should(browser: Any, origin: str, site: Path, tmp_path: Path) -> None:
    """The two checkers do fail on the faults of issue 19 (a test that cannot fail is no test)."""
    page = a11y.page_file(site, "he", "position")
    bad = page.read_text("utf-8").replace('role="dialog" aria-label=', 'role="dialog" data-x=')
    bad = bad.replace('type="checkbox" id="__drawer">', 'type="checkbox" id="__drawer" autocomplete="off">')
    broken = site / "he" / "broken" / "index.html"
    broken.parent.mkdir(exist_ok=True)
    try:
        broken.write_text(bad, "utf-8")
        messages = [e["message"] for e in a11y.run_vnu([broken])]
        assert any("autocomplete" in m for m in messages)
        pg = browser.new_page()
        pg.goto(url(origin, "he", "broken/"))
        assert "aria-dialog-name" in [v["id"] for v in a11y.blocking(a11y.run_axe(pg))]
        pg.close()
    finally:
        broken.unlink()
        broken.parent.rmdir()


def test_phone_catalogue_is_one_card_per_position(browser: Any, origin: str) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 900})
    pg = ctx.new_page()
    pg.goto(url(origin, "he", "positions/"))
    row = pg.locator("table.jd-catalogue tbody tr").first
    cells = row.locator("td")
    box = row.bounding_box()
    # every cell (summary, reports to, experience, pay) is on screen, about as wide as the card
    for i in range(cells.count()):
        cell = cells.nth(i).bounding_box()
        assert cell["x"] >= 0 and cell["x"] + cell["width"] <= 390
        assert cell["width"] > 0.8 * box["width"]
    # and labelled with its column's name
    assert "כפיפות" in cells.nth(1).evaluate("c => getComputedStyle(c, '::before').content")
    summary = row.locator(".jd-summary")
    words_per_line = len(summary.inner_text().split()) / (summary.bounding_box()["height"] / 20)
    assert words_per_line > 5
    ctx.close()


def _luminance(rgb: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"\d+", rgb)[:3])

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("lang", ["ru", "he"])
def test_dark_mode_follows_the_system_and_has_a_toggle(browser: Any, origin: str, lang: str) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    pg = ctx.new_page()
    for kind in ("position", "compare", "catalogue", "404"):
        pg.goto(url(origin, lang, a11y.PAGE_KINDS[kind]))
        assert pg.locator("body").get_attribute("data-md-color-scheme") == "slate"
        bg = pg.evaluate("getComputedStyle(document.body).backgroundColor")
        fg = pg.evaluate("getComputedStyle(document.querySelector('.md-typeset')).color")
        assert _luminance(bg) < 0.05
        assert _contrast(fg, bg) >= 4.5
        contrast = [v for v in a11y.run_axe(pg) if v["id"] == "color-contrast"]
        assert contrast == [], _describe(contrast)
    # the salary bars of the comparison stand out from the dark background
    pg.goto(url(origin, lang, a11y.PAGE_KINDS["compare"]))
    bar = pg.evaluate("getComputedStyle(document.querySelector('.jd-bar')).backgroundColor")
    assert _contrast(bar, pg.evaluate("getComputedStyle(document.body).backgroundColor")) >= 3
    # the toggle is named in the page's language and switches to the light scheme
    toggle = pg.locator("form[data-md-component=palette] label:visible")
    assert (
        toggle.get_attribute("title") == {"ru": "Включить светлую тему", "he": "מעבר לערכת צבעים בהירה"}[lang]
    )
    toggle.click()
    assert pg.locator("body").get_attribute("data-md-color-scheme") == "default"
    ctx.close()


def test_light_mode_when_the_system_is_light(browser: Any, origin: str) -> None:
    ctx = browser.new_context(color_scheme="light")
    pg = ctx.new_page()
    pg.goto(url(origin, "bg", ""))
    assert pg.locator("body").get_attribute("data-md-color-scheme") == "default"
    assert pg.locator("form[data-md-component=palette] label:visible").get_attribute("title") == (
        "Включване на тъмна тема"
    )
    ctx.close()


NOT_FOUND = {
    "ru": ("Страница не найдена", "Каталог должностей", "На главную"),
    "bg": ("Страницата не е намерена", "Каталог на длъжностите", "Към началната страница"),
    "he": ("הדף לא נמצא", "קטלוג התפקידים", "לדף הבית"),
    "az": ("Səhifə tapılmadı", "Vəzifələr kataloqu", "Ana səhifəyə"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_404_page_speaks_the_language_and_leads_back(browser: Any, origin: str, lang: str) -> None:
    pg = browser.new_page()
    response = pg.goto(url(origin, lang, "positions/no-such-position/"))
    assert response.status == 404
    title, catalogue, home = NOT_FOUND[lang]
    assert pg.locator("html").get_attribute("lang") == lang
    assert pg.locator("article h1").inner_text() == title
    assert title in pg.title()
    assert "Not found" not in pg.locator("article").inner_text()
    # search: the button opens Material's search with the box focused
    pg.locator("button.jd-open-search").click()
    assert pg.locator("#__search").is_checked()
    assert pg.evaluate("document.activeElement.dataset.mdComponent") == "search-query"
    pg.keyboard.press("Escape")
    # the way back: the catalogue and home, of this language
    pg.locator("article a", has_text=catalogue).click()
    pg.wait_for_url(url(origin, lang, "positions/"))
    pg.goto(url(origin, lang, "positions/no-such-position/"))
    pg.locator("article a", has_text=home).click()
    pg.wait_for_url(url(origin, lang, ""))
    assert pg.url == url(origin, lang, "")
    pg.close()


def test_keyboard_reaches_skip_link_and_scroll_boxes_with_visible_focus(browser: Any, origin: str) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 900})
    pg = ctx.new_page()
    for kind in ("position", "404"):
        pg.goto(url(origin, "he", a11y.PAGE_KINDS[kind]))
        pg.keyboard.press("Tab")
        assert pg.evaluate("document.activeElement.classList.contains('md-skip')"), kind
    ctx.close()
    # a comparison table scrolls inside its own box (on a desktop; on a phone it is cards): the box is in
    # the tab order, named, its focus shown, and the arrow keys scroll it
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.goto(url(origin, "he", a11y.PAGE_KINDS["compare"]))
    boxes = pg.evaluate(
        """() => Array.from(document.querySelectorAll('.jd-cmp-wrap, .jd-table-wrap'))
             .filter(b => b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1)
             .map(b => [b.tabIndex, b.getAttribute('role'), b.getAttribute('aria-label')])"""
    )
    assert boxes
    assert all(t == 0 and role == "region" and name for t, role, name in boxes), boxes
    for _ in range(80):
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.classList.contains('jd-cmp-wrap')"):
            break
    else:
        pytest.fail("Tab never reached a scrolling table")
    style = pg.evaluate("(s => [s.outlineStyle, s.outlineWidth])(getComputedStyle(document.activeElement))")
    assert style[0] != "none" and style[1] != "0px"
    before = pg.evaluate("document.activeElement.scrollTop")
    pg.keyboard.press("ArrowDown")
    pg.wait_for_timeout(300)
    assert pg.evaluate("document.activeElement.scrollTop") != before
    ctx.close()


def test_menu_and_search_start_closed_after_going_back(browser: Any, origin: str) -> None:
    """The toggles lost autocomplete="off" (invalid on a checkbox): the browser must not reopen them."""
    ctx = browser.new_context(viewport={"width": 390, "height": 900})
    pg = ctx.new_page()
    pg.goto(url(origin, "he", ""))
    pg.locator("label[for=__drawer]:visible").first.click()
    assert pg.locator("#__drawer").is_checked()
    pg.goto(url(origin, "he", "hr/"))
    pg.go_back()
    pg.wait_for_load_state("networkidle")
    assert not pg.locator("#__drawer").is_checked()
    assert not pg.locator("#__search").is_checked()
    ctx.close()


def test_links_in_text_are_underlined(browser: Any, origin: str) -> None:
    pg = browser.new_page()
    pg.goto(url(origin, "ru", a11y.PAGE_KINDS["hr"]))
    links = pg.evaluate(
        """() => Array.from(document.querySelectorAll('.md-typeset p a:not(.headerlink)'))
             .map(a => getComputedStyle(a).textDecorationLine)"""
    )
    assert links and all("underline" in d for d in links)
    pg.close()


# ---- right to left (he) ----


def _char_rects(pg: Any, selector: str, chars: str) -> list[dict[str, float]]:
    """The box of each listed character inside the element, in visual position."""
    rects: list[dict[str, float]] = pg.evaluate(
        """([sel, chars]) => {
            const el = document.querySelector(sel);
            const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            const out = [];
            for (let n = walk.nextNode(); n; n = walk.nextNode()) {
                for (let i = 0; i < n.data.length; i++) {
                    if (!chars.includes(n.data[i])) continue;
                    const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
                    const b = r.getBoundingClientRect();
                    out.push({c: n.data[i], x: b.x, y: b.y, w: b.width});
                }
            }
            return out;
        }""",
        [selector, chars],
    )
    return rects


def test_percentage_reads_number_then_sign(browser: Any, origin: str) -> None:
    pg = browser.new_page()
    pg.goto(url(origin, "he", "status/"))
    assert re.fullmatch(r"\d+(\.\d)? %", pg.locator("article bdi").inner_text())
    rects = _char_rects(pg, "article bdi", "0123456789%")
    percent = next(r for r in rects if r["c"] == "%")
    digits = [r for r in rects if r["c"] != "%"]
    assert percent["x"] > max(d["x"] for d in digits)  # "97.9 %" as written, not "% 97.9"
    pg.close()


@pytest.mark.parametrize(("path", "width"), [("hr/", 1280), ("status/", 390)])
def test_full_stop_after_code_stays_at_the_end_of_the_sentence(
    browser: Any, origin: str, path: str, width: int
) -> None:
    pg = browser.new_page(viewport={"width": width, "height": 900})
    pg.goto(url(origin, "he", path))
    # every Hebrew paragraph or item that ends with a code span and a full stop
    ends = pg.evaluate(
        """() => Array.from(document.querySelectorAll('.md-typeset p, .md-typeset li')).filter(e =>
              e.lastElementChild && e.lastElementChild.tagName === 'CODE' &&
              e.lastChild.nodeType === 3 && e.lastChild.data.trim() === '.'
            ).map((e, i) => { e.dataset.jdEnd = i; return i; })"""
    )
    assert ends, f"no sentence ending in code and a full stop on he/{path}"
    for i in ends:
        sel = f'[data-jd-end="{i}"]'
        # the code's last line box (a code span with a space may wrap over two lines)
        code = pg.evaluate(
            f"""() => {{ const r = Array.from(document.querySelector('{sel}').lastElementChild.getClientRects())
                  .pop(); return {{x: r.x, y: r.y, width: r.width}}; }}"""
        )
        dot = [r for r in _char_rects(pg, sel, ".") if abs(r["y"] - code["y"]) < 8][-1]
        # in Hebrew the sentence ends on the left: the stop stands left of the code, on its line
        assert dot["x"] + dot["w"] <= code["x"] + 1, (i, dot, code)
    if path != "hr/":
        pg.close()
        return
    # and code is laid out left to right inside: "positions/" keeps its slash on the right
    pg.locator("code", has_text=re.compile(r"^positions/$")).first.evaluate(
        "e => { e.dataset.jdSlash = '1'; }"
    )
    letters = _char_rects(pg, "code[data-jd-slash]", "ps/")
    assert letters[-1]["c"] == "/" and letters[-1]["x"] > max(r["x"] for r in letters[:-1])
    pg.close()


def _points_right(png: bytes) -> bool:
    """Whether a chevron glyph in the image points to the right (its middle row lies right of its top)."""
    from PIL import Image

    im = Image.open(io.BytesIO(png)).convert("L")
    dark = [(x, y) for y in range(im.height) for x in range(im.width) if im.getpixel((x, y)) < 160]
    ys = [y for _, y in dark]
    top, mid = min(ys), (min(ys) + max(ys)) / 2
    top_x = [x for x, y in dark if y <= top + 1]
    mid_x = [x for x, y in dark if abs(y - mid) <= 1]
    return sum(mid_x) / len(mid_x) > sum(top_x) / len(top_x)


@pytest.mark.parametrize(("lang", "right"), [("ru", True), ("he", False)])
def test_breadcrumb_chevron_points_onward(browser: Any, origin: str, lang: str, right: bool) -> None:
    ctx = browser.new_context(device_scale_factor=4)
    pg = ctx.new_page()
    pg.goto(url(origin, lang, a11y.PAGE_KINDS["position"]))
    crumbs = pg.locator(".jd-crumbs a")
    first, second = crumbs.nth(0).bounding_box(), crumbs.nth(1).bounding_box()
    assert (second["x"] > first["x"]) == right  # the family follows the catalogue in reading order
    png = pg.locator(".jd-crumbs span[aria-hidden]").screenshot()
    assert _points_right(png) == right  # and the chevron points to it, away from the catalogue
    # the breadcrumb does not touch the title
    title = pg.locator("article h1").bounding_box()
    nav = pg.locator(".jd-crumbs").bounding_box()
    assert title["y"] - (nav["y"] + nav["height"]) >= 8
    ctx.close()


@pytest.mark.parametrize(("lang", "dot_left"), [("ru", False), ("he", True)])
def test_clause_number_dot_is_on_the_texts_side(browser: Any, origin: str, lang: str, dot_left: bool) -> None:
    pg = browser.new_page()
    pg.goto(url(origin, lang, a11y.PAGE_KINDS["position"]))
    rects = _char_rects(pg, ".jd-clauses li .jd-num", "0123456789.")
    assert rects[-1]["c"] == "." or rects[0]["c"] == "."
    digits = [r["x"] for r in rects if r["c"].isdigit()]
    text = pg.locator(".jd-clauses li .jd-text").first.bounding_box()
    # the number's last dot (the one before the text) stands between the number and the text
    final = max(rects, key=lambda r: r["x"]) if not dot_left else min(rects, key=lambda r: r["x"])
    assert final["c"] == "."
    assert (final["x"] < min(digits)) == dot_left
    assert (text["x"] < final["x"]) == dot_left
    pg.close()


# ---- search ----


def test_search_snippets_number_clauses_once(browser: Any, origin: str) -> None:
    pg = browser.new_page()
    pg.goto(url(origin, "he", ""))
    box = pg.locator("input[data-md-component=search-query]")
    box.click()
    box.press_sequentially("מכירות", delay=20)
    pg.keyboard.press("End")  # Material listens to keyup
    pg.wait_for_selector(".md-search-result__article ol > li", state="attached", timeout=15000)
    first = pg.locator(".md-search-result__article ol > li").first
    assert re.match(r"\d+\.\d+\. ", first.text_content() or "")
    markers = pg.evaluate(
        """() => Array.from(document.querySelectorAll('.md-search-result__article ol > li'))
             .map(li => getComputedStyle(li).display === 'list-item' &&
                        getComputedStyle(li).listStyleType !== 'none')"""
    )
    assert markers and not any(markers)
    pg.close()


def test_catalogue_search_text_keeps_words_apart(site: Path) -> None:
    index = json.loads((site / "he" / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("positions/#"))
    assert "תפקיד כפיפות" in text  # the header cells "position" and "reports to", apart
    assert "תפקידכפיפות" not in text
    kv = " ".join(d["text"] for d in index["docs"] if d["location"].endswith("#general"))
    assert "קטגוריהמומחה" not in kv


# ---- the theme copy ----


def test_base_template_differs_from_materials_only_where_it_must() -> None:
    """overrides/base.html is a copy of Material's: a Material update must be merged into it by hand."""
    import material

    def without_header(path: Path) -> list[str]:
        text = path.read_text("utf-8")
        return text[text.index("-#}") + 3 :].strip().splitlines()

    theirs = without_header(Path(material.__file__).parent / "templates" / "base.html")
    ours = without_header(ROOT / "overrides" / "base.html")
    body = [
        line[1:].strip()
        for line in difflib.unified_diff(theirs, ours, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert sorted(body) == sorted(
        [
            '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
            '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
            '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
            '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
            "{% else %}",
            '<a href="#__content" class="md-skip">',
            '{{ lang.t("action.skip") }}',
            "</a>",
            '<article class="md-content__inner md-typeset">',
            '<article class="md-content__inner md-typeset" id="__content">',
            '"base": base_url,',
            '"base": base_url ~ ("/" ~ i18n_page_locale ~ "/" if i18n_config is defined and i18n_page_locale '
            'and not (i18n_config.languages | selectattr("locale", "equalto", i18n_page_locale) '
            '| map(attribute="default") | first) else ""),',
            "{% for alt in config.extra.alternate %}",
            "{% for alt in jd_alternates | d(config.extra.alternate, true) %}",
        ]
    )


def test_alternate_partial_differs_from_materials_only_in_its_links() -> None:
    import material

    def without_header(path: Path) -> list[str]:
        text = path.read_text("utf-8")
        return text[text.index("-#}") + 3 :].strip().splitlines()

    theirs = without_header(Path(material.__file__).parent / "templates" / "partials" / "alternate.html")
    ours = without_header(ROOT / "overrides" / "partials" / "alternate.html")
    body = [
        line[1:].strip()
        for line in difflib.unified_diff(theirs, ours, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert sorted(body) == sorted(
        [
            "{% for alt in config.extra.alternate %}",
            "{% for alt in jd_alternates | d(config.extra.alternate, true) %}",
        ]
    )


@pytest.mark.parametrize("lang", ["bg", "he"])
def test_outdated_note_is_seen_and_leads_to_the_russian_clause(browser: Any, origin: str, lang: str) -> None:
    """The note on a clause whose Russian text changed (set up in `site`): visible, inside a phone's
    width, in the page's language, and its link opens the Russian original at that clause."""
    ctx = browser.new_context(viewport={"width": 390, "height": 900})
    pg = ctx.new_page()
    pg.goto(url(origin, lang, "positions/client-manager/"))
    notes = pg.locator(".jd-outdated-note")
    assert notes.count() == 1
    note = notes.first
    note.scroll_into_view_if_needed()
    assert note.is_visible()
    box = note.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert pg.locator("#c-right-choose-work-methods .jd-outdated-note").count() == 1
    assert pg.locator(".jd-outdated-page").is_visible()
    note.locator("a").click()
    pg.wait_for_url(url(origin, "ru", "positions/client-manager/#c-right-choose-work-methods"))
    assert pg.locator("html").get_attribute("lang") == "ru"
    assert pg.locator("#c-right-choose-work-methods").is_visible()
    assert pg.locator(".jd-outdated-note").count() == 0
    ctx.close()
