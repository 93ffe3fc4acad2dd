"""A small HTML reader for the tests: ids, links, tables and text of a built page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path


class Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.srcs: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag in ("a", "link") and a.get("href"):
            self.links.append(str(a["href"]))
        if a.get("src"):
            self.srcs.append(str(a["src"]))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def scan(path: Path) -> Scan:
    s = Scan()
    s.feed(path.read_text("utf-8"))
    return s


def table_cells(html: str, table_class: str) -> list[list[str]]:
    """Rows of the first table with `table_class`, each a list of cell texts (th and td)."""
    m = re.search(rf'<table class="(?:[^"]* )?{table_class}(?: [^"]*)?"[^>]*>(.*?)</table>', html, re.S)
    assert m, f"no table.{table_class}"
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", m.group(1), re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip() for c in cells])
    return rows
