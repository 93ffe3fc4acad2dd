"""The built site in a real headless Chromium (Debian's), served on localhost under /jobs/."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def origin(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    www = tmp_path_factory.mktemp("www")
    (www / "jobs").symlink_to(built_site, target_is_directory=True)
    handler = functools.partial(_Quiet, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()  # the listening socket too (else a ResourceWarning, an error in the tests)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, with the flags this closed network needs (no background requests)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run scripts/bootstrap.sh test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, origin: str) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.requests_seen = []
    pg.on("request", lambda r: pg.requests_seen.append(r.url))
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    outside = [
        u for u in pg.requests_seen if not u.startswith(origin) and not u.startswith(("data:", "blob:"))
    ]
    assert outside == [], outside
    assert errors == []
    ctx.close()


def test_language_switch_keeps_the_page(page: Any, origin: str) -> None:
    page.goto(f"{origin}/jobs/positions/sales-manager/")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator("a[hreflang=he]").first.click()
    page.wait_for_url(f"{origin}/jobs/he/positions/sales-manager/")
    assert page.locator("html").get_attribute("lang") == "he"
    page.locator(".md-header__option .md-select").first.hover()
    page.locator("a[hreflang=az]").first.click()
    page.wait_for_url(f"{origin}/jobs/az/positions/sales-manager/")


def test_hebrew_runs_right_to_left(page: Any, origin: str) -> None:
    page.goto(f"{origin}/jobs/he/positions/client-manager/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('.jd-clauses li')).direction") == "rtl"
    # key/value table: the label column stands to the right of the value column
    th = page.locator("table.jd-kv tr").first.locator("th").bounding_box()
    td = page.locator("table.jd-kv tr").first.locator("td").bounding_box()
    assert th["x"] > td["x"]
    # salary table: the tier column is the rightmost, Moscow comes next to it
    heads = page.locator("table.jd-salary thead th")
    xs = [heads.nth(i).bounding_box()["x"] for i in range(heads.count())]
    assert xs == sorted(xs, reverse=True)
    # the clause number sits at the right-hand start of its line
    num = page.locator(".jd-clauses li .jd-num").first.bounding_box()
    text = page.locator(".jd-clauses li .jd-text").first.bounding_box()
    assert num["x"] > text["x"]


def test_russian_page_runs_left_to_right(page: Any, origin: str) -> None:
    page.goto(f"{origin}/jobs/positions/client-manager/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    assert page.locator("html").get_attribute("lang") == "ru"


def _search(page: Any, origin: str, lang_prefix: str, query: str) -> list[str]:
    page.goto(f"{origin}/jobs/{lang_prefix}")
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.press_sequentially(query, delay=20)
    page.keyboard.press("End")  # Material listens to keyup
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hrefs: list[str] = page.locator(".md-search-result__item > a").evaluate_all("a => a.map(e => e.href)")
    return hrefs


@pytest.mark.parametrize(
    ("lang", "query"), [("he/", "מכירות"), ("az/", "müştəri"), ("bg/", "клиенти"), ("", "клиент")]
)
def test_search_returns_the_languages_own_pages_only(page: Any, origin: str, lang: str, query: str) -> None:
    hrefs = _search(page, origin, lang, query)
    assert hrefs
    if lang:
        assert all(h.startswith(f"{origin}/jobs/{lang}") for h in hrefs), hrefs
    else:
        assert not any(h.startswith(f"{origin}/jobs/{x}/") for x in ("bg", "he", "az") for h in hrefs), hrefs


def test_every_page_kind_loads_without_outside_requests(page: Any, origin: str) -> None:
    for path in (
        "",
        "positions/",
        "compare/",
        "hr/",
        "he/positions/key-account-manager/",
        "az/compare/",
        "bg/positions/service-manager/",
    ):
        page.goto(f"{origin}/jobs/{path}")
        page.wait_for_load_state("networkidle")
    assert page.requests_seen
