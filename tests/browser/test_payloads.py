"""A real build of a position filled with hostile text that passes the validator, loaded page by page
in Chromium: no script runs, nothing leaves localhost, the search index and PDFs carry text only."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from jobdesc.validate import load_handbook
from tests.browser.test_browser import _Quiet, launch
from tests.conftest import build_site, copy_project

pytestmark = pytest.mark.browser

# Each passes the validator (raw HTML, entities, javascript: and bidi overrides are refused before).
PAYLOADS = [
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    '[x](http://intranet.local "onmouseover=alert(1)")',
    '[a](#" onclick="alert(1))',
    "**<**script**>**alert(1)**<**/script**>**",
    "{{ 7*7 }} {% raw %} ${alert(1)}",
    "[x](java\tscript:alert(1))",
    "![pic](x.png) onerror=alert(1)",
    'x" onload="alert(1)',
    "[x](//evil.example/steal)",
]


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("payload"))
    path = project / "positions" / "sales-manager.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    evil = [
        {"id": f"evil-{i}", "text": {lang: p for lang in ("ru", "bg", "he", "az")}}
        for i, p in enumerate(PAYLOADS)
    ]
    data["duties"].insert(
        0, {"group": "evil", "title": {lang: PAYLOADS[4] for lang in ("ru", "bg", "he", "az")}, "items": evil}
    )
    data["summary"] = {lang: PAYLOADS[0] + " " + PAYLOADS[8] for lang in ("ru", "bg", "he", "az")}
    path.write_text(
        "# yaml-language-server: $schema=../plugins/jobdesc/schema/position.schema.json\n"
        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
        "utf-8",
    )
    load_handbook(project / "positions")  # the payloads pass the validator
    return build_site(project)


@pytest.fixture(scope="module")
def served(payload_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    www = tmp_path_factory.mktemp("www2")
    (www / "jobs").symlink_to(payload_site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_no_script_runs_on_any_page(payload_site: Path, served: str) -> None:
    from playwright.sync_api import sync_playwright

    pages = sorted(p.relative_to(payload_site).as_posix() for p in payload_site.rglob("index.html"))
    assert len(pages) >= 40
    dialogs: list[str] = []
    outside: list[str] = []
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: None if r.url.startswith((served, "data:")) else outside.append(r.url))
        for rel in pages:
            page.goto(f"{served}/jobs/{rel}")
            page.mouse.move(400, 400)
            for link in page.locator("ol.jd-clauses a").all()[:20]:
                link.hover()
            assert page.evaluate("typeof window.__pwned") == "undefined"
        # the payload links lost their dangerous targets
        page.goto(f"{served}/jobs/he/positions/sales-manager/")
        hrefs: list[Any] = page.locator("#g-evil ~ ol a, ol.jd-clauses a").evaluate_all(
            "a => a.map(e => e.getAttribute('href'))"
        )
        assert not [
            h for h in hrefs if h and h.split(":")[0].lower().strip() in ("data", "vbscript", "javascript")
        ]
        assert page.locator("text=onerror=alert(1)").count() >= 1  # shown as text
        browser.close()
    assert dialogs == []
    assert outside == []


def test_search_index_and_pdf_carry_payloads_as_text(payload_site: Path) -> None:
    idx = json.loads((payload_site / "he" / "search" / "search_index.json").read_text("utf-8"))
    blob = json.dumps(idx, ensure_ascii=False)
    assert "data:text/html" not in blob.replace("\\", "")
    assert "<script" not in blob
    text = " ".join(
        pg.extract_text() or "" for pg in PdfReader(payload_site / "pdf" / "sales-manager.ru.pdf").pages
    )
    assert "{{ 7*7 }}" in text or "{{ 77 }}" in text or "{{ 7" in text
    assert "onerror=alert(1)" in text
