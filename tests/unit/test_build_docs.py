"""The docs folder a build reads (`plugin.assemble_docs`): links to the hand-written files of docs/ and a
placeholder per generated page, in a folder of its own; docs/ itself is never written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jobdesc.mkdocs.plugin import PLACEHOLDER, assemble_docs

pytestmark = pytest.mark.unit


def _tree(root: Path) -> dict[str, str]:
    out = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            p = Path(dirpath) / name
            out[p.relative_to(root).as_posix()] = (
                ("-> " + os.readlink(p)) if p.is_symlink() else p.read_text()
            )
    return out


def test_links_placeholders_and_nothing_in_docs(tmp_path: Path) -> None:
    src, dest = tmp_path / "docs", tmp_path / ".cache" / "docs-all"
    (src / "assets").mkdir(parents=True)
    (src / "index.ru.md").write_text("# Главная")
    (src / "assets" / "a.css").write_text("a{}")
    (src / "positions").mkdir()  # a leftover generated folder of an older version: not hand-written
    (src / "positions" / "old.md").write_text(PLACEHOLDER)
    (src / ".hidden.md").write_text("x")
    before = _tree(src)
    want = {"positions/sales-manager.md": None, "compare/index.md": None}
    assemble_docs(src, dest, want)  # type: ignore[arg-type]
    assert _tree(src) == before
    assert _tree(dest) == {
        "index.ru.md": f"-> {(src / 'index.ru.md').resolve()}",
        "assets/a.css": f"-> {(src / 'assets' / 'a.css').resolve()}",
        "positions/sales-manager.md": PLACEHOLDER,
        "compare/index.md": PLACEHOLDER,
    }
    assert (dest / "index.ru.md").read_text() == "# Главная"  # read through the link
    (src / "index.ru.md").write_text("# Новая")  # an edit reaches the build without a new link
    assert (dest / "index.ru.md").read_text() == "# Новая"


def test_a_second_assembly_writes_nothing_and_removes_what_is_gone(tmp_path: Path) -> None:
    src, dest = tmp_path / "docs", tmp_path / "build"
    src.mkdir()
    (src / "index.ru.md").write_text("x")
    (src / "hr.ru.md").write_text("y")
    want = {"positions/a.md": None, "positions/b.md": None}
    assemble_docs(src, dest, want)  # type: ignore[arg-type]
    stamp = {p: os.lstat(dest / p).st_mtime_ns for p in _tree(dest)}
    assemble_docs(src, dest, want)  # type: ignore[arg-type]
    assert {p: os.lstat(dest / p).st_mtime_ns for p in _tree(dest)} == stamp  # mkdocs serve sees no change
    (src / "hr.ru.md").unlink()
    assemble_docs(src, dest, {"positions/a.md": None})  # type: ignore[arg-type]
    assert set(_tree(dest)) == {"index.ru.md", "positions/a.md"}
