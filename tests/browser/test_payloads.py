"""Hostile text in every text field of the format, through the validator and a real build.

The text fields come from the JSON Schemas (tests/schema_texts.py), not from a list kept by hand: a new
text field is covered the day it is added. Every one of them, in the positions and in the catalogue
(family titles in the sidebar, city names, roles, laws, shared clauses), gets a payload that the
validator accepts. The site is built for real, every page is loaded in Chromium, and any dialog, any
`window.__pwned`, any console error and any request to a host other than the test server fails the
test. The search index and the PDFs must carry the payloads as text, with no dangerous or local link.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from jobdesc.core.model import LANGS
from jobdesc.core.validate import load_handbook
from tests.browser.test_browser import _Quiet, launch
from tests.conftest import build_site, copy_project
from tests.schema_texts import Path as SPath
from tests.schema_texts import fill, text_paths

pytestmark = pytest.mark.browser

# Each of these passes the validator: raw HTML, entities, images, unsafe links, block Markdown, control
# and bidi characters are refused before (tests/unit/test_text_policy.py). What is left must stay text.
# A payload that runs either opens a dialog (`alert`) or sets `window.__pwned` (PWN): both are checked.
PWN = "window.__pwned=1"
PAYLOADS = [
    "Мениджър `![x](http://203.0.113.1/a.png){: onerror=alert(document.domain) }`",
    f"Продажи {{: onclick=alert(1) }} *{{: .x onmouseover={PWN} }}* `{{#top onload={PWN}}}`",
    "{{ 7*7 }} {% raw %} ${alert(1)} '\"; alert(1); //",
    f'[x](https://203.0.113.1/ "onmouseover={PWN}") x" onload="{PWN}',
    "Заголовок \\",
    "javascript:alert(1) data:text/html,x vbscript:x ]]> --> *a **b",
    f'[a](https://h/#" onclick="{PWN}) [b](mailto:x"onclick="alert(1))',
    "Linha `\\u202E` \\n \\0 \\a: x",
]


def payload(path: SPath, n: int) -> dict[str, str]:
    i = (sum(map(ord, ".".join(path))) + n) % len(PAYLOADS)  # stable across runs
    return {lang: f"{PAYLOADS[i]} ə ğ ı ş ç ö ü" if lang == "az" else PAYLOADS[i] for lang in LANGS}


def _ensure(data: dict[str, Any], path: SPath) -> None:
    """Create an optional text field that the real data does not use, so it is filled too."""
    node: Any = data
    if "[]" in path or "*" in path:
        return  # list items have several shapes (a ref, a clause, a group): the data has each already
    for part in path[:-1]:
        if isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return
    if isinstance(node, dict) and path[-1] not in ("[]", "*") and path[-1] not in node:
        node[path[-1]] = {lang: "x" for lang in LANGS}


def _write(path: Path, data: dict[str, Any], schema: str) -> None:
    path.write_text(
        f"# yaml-language-server: $schema=../plugins/jobdesc/schema/{schema}.schema.json\n"
        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
        "utf-8",
    )


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("payload"))
    positions = project / "positions"
    covered: dict[str, set[SPath]] = {"position": set(), "catalogue": set()}
    wanted = {name: text_paths(name) for name in covered}
    for file in sorted(positions.glob("*.yml")):
        name = "catalogue" if file.name.startswith("_") else "position"
        data = yaml.safe_load(file.read_text("utf-8"))
        if file.stem == "sales-manager":
            for p in wanted["position"]:
                _ensure(data, p)
            data["duties"].append(
                {"id": "ungrouped-duty", "area": "general-duties", "text": {lang: "x" for lang in LANGS}}
            )
        covered[name] |= fill(data, wanted[name], payload)
        _write(file, data, name)
    for name, paths in wanted.items():
        assert len(paths) >= (10 if name == "position" else 5)  # the walker found the schema's texts
        assert covered[name] == paths, f"{name} text fields without a payload: {paths - covered[name]}"
    load_handbook(positions)  # every payload passes the validator
    return build_site(project)


@pytest.fixture(scope="module")
def served(payload_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    www = tmp_path_factory.mktemp("www2")
    (www / "jobs").symlink_to(payload_site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_the_schema_walker_finds_clause_and_nav_texts() -> None:
    position = {".".join(p) for p in text_paths("position")}
    catalogue = {".".join(p) for p in text_paths("catalogue")}
    assert {"title", "summary", "duties.[].title", "duties.[].items.[].text", "rights.[].text"} <= position
    assert {"families.[].title", "cities.[].name", "clauses.[].text"} <= catalogue


def test_no_script_runs_and_nothing_leaves_the_server_on_any_page(payload_site: Path, served: str) -> None:
    from playwright.sync_api import sync_playwright

    pages = sorted(p.relative_to(payload_site).as_posix() for p in payload_site.rglob("index.html"))
    assert len(pages) >= 40
    dialogs: list[str] = []
    outside: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: None if r.url.startswith(served) else outside.append(r.url))
        page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
        # the flag means something: the payloads' own code, where it runs, sets it
        assert sum(PWN in p for p in PAYLOADS) >= 3
        page.set_content(f'<body onload="{PWN}"></body>')
        assert page.evaluate("window.__pwned") == 1
        for rel in pages:
            page.goto(f"{served}/jobs/{rel}")
            page.mouse.move(400, 400)
            for link in page.locator("article a").all()[:30]:
                link.hover()
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert (
                page.locator("article img, nav img, [onerror], [onclick], [onload], [onmouseover]").count()
                == 0
            )
        page.goto(f"{served}/jobs/bg/positions/sales-manager/")
        hrefs: list[Any] = page.locator("a[href]").evaluate_all("a => a.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if re.match(r"\s*(data|vbscript|javascript|file):", h, re.I)]
        # the payloads are shown as written: the example title is text in the heading
        assert "{: onerror=alert(document.domain) }" in (page.locator("h1").first.text_content() or "") or (
            page.locator("text={: onerror=alert(document.domain) }").count() >= 1
        )
        browser.close()
    assert dialogs == []
    assert outside == []
    assert errors == []


def test_titles_are_text_in_title_nav_and_search(payload_site: Path) -> None:
    html = (payload_site / "positions" / "sales-manager" / "index.html").read_text("utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None and "<" not in title.group(1)
    idx = json.loads((payload_site / "bg" / "search" / "search_index.json").read_text("utf-8"))
    for doc in idx["docs"]:
        assert not re.search(
            r"<(img|script|a |iframe)|onerror=\"|href=\"(data|javascript|vbscript):", doc["title"]
        )
    blob = json.dumps(idx, ensure_ascii=False)
    assert "<img" not in blob and "<script" not in blob


def test_pdfs_carry_payloads_as_text_and_link_nowhere_local(payload_site: Path) -> None:
    pdfs = sorted((payload_site / "pdf").glob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        reader = PdfReader(pdf)
        for pg in reader.pages:
            for annot in pg.get("/Annots") or []:
                action = annot.get_object().get("/A")
                uri = str(action.get_object().get("/URI", "")) if action is not None else ""
                assert not re.match(r"(file|javascript|data|vbscript):", uri, re.I), (pdf.name, uri)
                assert str(payload_site.parent) not in uri, (pdf.name, uri)
    text = " ".join(
        pg.extract_text() or "" for pg in PdfReader(payload_site / "pdf" / "sales-manager.ru.pdf").pages
    )
    assert "{{ 7*7 }}" in text or "{{ 7" in text
    assert "onerror=alert(document.domain)" in text
