"""`jobdesc build` builds each language as its own `mkdocs build` and puts them together: the site it
makes must be the site one plain `mkdocs build` makes (which static-i18n builds language by language in
one process), page for page, once the addresses are read as the browser reads them."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest

from tests.conftest import build_site, copy_project, publish_site

LANGS = ("ru", "bg", "he", "az")
BASE = "/jobs/"  # site_url's path: the browser reads the pages' addresses under it


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    published = publish_site(copy_project(tmp_path_factory.mktemp("parts")), JOBDESC_PDF="0")
    whole = build_site(copy_project(tmp_path_factory.mktemp("whole")), JOBDESC_PDF="0")
    return published.resolve(), whole


def _lang_of(rel: str) -> str:
    first = rel.split("/")[0]
    return first if first in LANGS[1:] else "ru"


def _absolute(page: str, url: str) -> str:
    """`url` on the page `page` (a path in the site) as the path the browser asks the server for; each
    language's copy of the theme's assets counts as the one copy the whole build shares."""
    if re.match(r"^([a-z]+:|#)", url):
        path = url
    elif url.startswith("/"):
        path = posixpath.normpath(url)  # `/jobs/az/.` is `/jobs/az/` to a browser
    else:
        path = posixpath.normpath(posixpath.join(BASE + posixpath.dirname(page), url))
    if path.startswith("/") and not re.search(r"\.\w+$|[#?]", path):
        path = path.rstrip("/") + "/"  # a folder: `../..` and `../../` are the same address
    path = re.sub(r"^/jobs/(bg|he|az)/assets/", "/jobs/assets/", path)
    return path.replace("/.", "/") if path.endswith("/.") else path


def _normal(page: str, html: str) -> str:
    if re.fullmatch(r"(bg|he|az)/index\.html", page):
        # a language's home page is the home page of its own build: titled with the site's name only, as
        # the default language's is (the whole build titled it "<page> - <site>")
        html = re.sub(r"<title>.*?</title>", "<title></title>", html, count=1)
    html = re.sub(r'((?:href|src)=")([^"]*)(")', lambda m: m[1] + _absolute(page, m[2]) + m[3], html)
    html = re.sub(
        r'__md_scope=new URL\("([^"]*)",location\)', lambda m: f"scope={_absolute(page, m[1])}", html
    )

    def config(m: re.Match[str]) -> str:
        data = json.loads(m[2])
        # the whole build's 404 pages search the default language's index (their `base` is the
        # site's root); each language's own build gets its own (test_404_pages_search_their_language)
        data["base"] = "" if page.endswith("404.html") else _absolute(page, data["base"])
        data["search"] = _absolute(page, data["search"])
        return m[1] + json.dumps(data, sort_keys=True) + m[3]

    return re.sub(
        r'(<script id="__config" type="application/json">)(.*?)(</script>)', config, html, flags=re.S
    )


def _files(site: Path) -> set[str]:
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not re.match(r"^(bg|he|az)/(assets/|sitemap\.xml)", p.relative_to(site).as_posix())
    }


def test_the_same_files(both: tuple[Path, Path]) -> None:
    published, whole = both
    assert _files(published) == _files(whole)
    for lang in LANGS[1:]:  # each language is a site of its own: theme files (hard links) and sitemap
        assert (published / lang / "assets" / "jobdesc.css").samefile(published / "assets" / "jobdesc.css")
        assert (published / lang / "sitemap.xml").is_file()


def test_every_page_the_same(both: tuple[Path, Path]) -> None:
    published, whole = both
    pages = sorted(f for f in _files(whole) if f.endswith(".html"))
    assert len(pages) > 40
    differ = [
        f
        for f in pages
        if _normal(f, (published / f).read_text("utf-8")) != _normal(f, (whole / f).read_text("utf-8"))
    ]
    assert differ == []


def test_the_same_data_files(both: tuple[Path, Path]) -> None:
    published, whole = both
    data = sorted(f for f in _files(whole) if f.endswith((".json", ".csv")))
    assert any(f.startswith("he/compare/data/") for f in data) and "export/positions.az.json" in data
    assert [f for f in data if (published / f).read_bytes() != (whole / f).read_bytes()] == []


def test_the_sitemaps_list_every_page_with_its_languages(both: tuple[Path, Path]) -> None:
    published, whole = both

    def entries(text: str) -> set[tuple[str, ...]]:
        return {
            (re.search(r"<loc>(.*?)</loc>", b)[1], *sorted(re.findall(r'hreflang="(\w+)" href="([^"]+)"', b)))  # type: ignore[index]
            for b in re.findall(r"(?s)<url>.*?</url>", text)
        }

    assert entries((published / "sitemap.xml").read_text("utf-8")) == entries(
        (whole / "sitemap.xml").read_text("utf-8")
    )
    bg = entries((published / "bg" / "sitemap.xml").read_text("utf-8"))
    assert bg and all(e[0].startswith("http://intranet.local/jobs/bg/") and len(e) == 5 for e in bg)


@pytest.mark.parametrize("lang", LANGS)
def test_404_pages_search_their_language(both: tuple[Path, Path], lang: str) -> None:
    published, _ = both
    page = "404.html" if lang == "ru" else f"{lang}/404.html"
    raw = re.search(
        r'<script id="__config" type="application/json">(.*?)</script>', (published / page).read_text("utf-8")
    )
    assert raw is not None
    assert _absolute(page, json.loads(raw[1])["base"]) == BASE + ("" if lang == "ru" else f"{lang}/")
