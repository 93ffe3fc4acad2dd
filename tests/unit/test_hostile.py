"""Hostile text, with the validator bypassed: the renderers alone must keep every payload inert."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from jobdesc.core.model import LANGS, Clause, DutyGroup, Text
from jobdesc.core.validate import load_handbook
from jobdesc.outputs import export
from jobdesc.views import site

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '<iframe src="javascript:window.__pwned=1"></iframe>',
    '<svg onload="window.__pwned=1"><script>window.__pwned=1</script></svg>',
    "[click](javascript:window.__pwned=1)",
    "[click](JaVaScRiPt:window.__pwned=1)",
    "[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)",
    "[click](vbscript:msgbox(1))",
    '![x](x" onerror="window.__pwned=1)',
    "&lt;script&gt;window.__pwned=1&lt;/script&gt;",
    "&#60;script&#62;window.__pwned=1&#60;/script&#62;",
    '<a href="#" onclick="window.__pwned=1">x</a>',
    "</td></tr></table><script>window.__pwned=1</script>",
    "{{ 7*7 }} {% raw %} ${7*7}",
    '<style>body{background:url("javascript:alert(1)")}</style>',
    "<!-- --><script>window.__pwned=1</script>",
]


def hostile_handbook():  # type: ignore[no-untyped-def]
    hb = load_handbook(ROOT / "positions")
    pos = hb.position("sales-manager")
    assert pos is not None
    evil = tuple(Clause(f"evil-{i}", Text(dict.fromkeys(LANGS, p))) for i, p in enumerate(PAYLOADS))
    title = Text({lang: PAYLOADS[0] + " title" for lang in LANGS})
    bad = replace(
        pos,
        title=title,
        summary=Text(dict.fromkeys(LANGS, PAYLOADS[1])),
        duties=(DutyGroup("evil", Text(dict.fromkeys(LANGS, PAYLOADS[3])), evil),),
        rights=evil,
        responsibility=evil,
    )
    return replace(hb, positions=tuple(bad if p.id == pos.id else p for p in hb.positions))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ours = (tag == "svg" and dict(attrs).get("class") == "jd-chart") or (  # the template's salary chart
            tag == "script" and dict(attrs).get("type") == "application/json"  # the pair view's words
        )
        if not ours and tag in ("script", "iframe", "object", "embed", "svg", "img", "style", "base", "meta"):
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"{tag}[{name}]")
            if (
                name in ("href", "src", "action")
                and value
                and re.match(r"\s*(javascript|vbscript|data):", value, re.I)
            ):
                self.bad.append(f"{tag}[{name}={value[:20]}]")


def active_markup(html: str) -> list[str]:
    """Tags and attributes that would run code or load something."""
    parser = _Tags()
    parser.feed(html)
    return parser.bad


def test_generated_pages_keep_payloads_inert() -> None:
    hb = hostile_handbook()
    pages = site.pages(hb, None, site.SiteOptions())
    for name, gen in pages.items():
        assert active_markup(gen.body) == [], name
        assert (
            "<" not in gen.title or "script" not in gen.title.lower() or gen.title == PAYLOADS[0] + " title"
        )
    page = pages["positions/sales-manager.he.md"].body
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "{{ 7" in page and "{% raw %}" in page  # data, not a template


def test_exports_keep_payloads_as_plain_text() -> None:
    hb = hostile_handbook()
    data = json.loads(export.export_json(hb, "ru", True))
    rights = next(p for p in data["positions"] if p["id"] == "sales-manager")["rights"]
    assert rights[0]["text"] == PAYLOADS[0]  # exactly the text, for tools that escape themselves
    csv_text = export.clauses_csv(hb, "he")
    assert PAYLOADS[12] in csv_text  # CSV carries text as text; quoting is the reader's job
