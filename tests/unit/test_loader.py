"""The line-aware YAML loader: places, duplicate keys, aliases, encodings."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from jobdesc.core.yamlload import LoadError, load_text, read_file

pytestmark = pytest.mark.unit


def messages(exc: LoadError) -> list[str]:
    return [str(p) for p in exc.problems]


def test_places_of_values_and_keys() -> None:
    doc = load_text("a: 1\nb:\n  - x: 2\n    y: [1, 2]\n", "f.yml")
    assert doc.data == {"a": 1, "b": [{"x": 2, "y": [1, 2]}]}
    assert doc.places[("b", 0, "y")] == (4, 8)
    assert doc.key_places[("b", 0, "x")] == (3, 5)
    assert doc.where(("b", 0, "y", 1)) == (4, 12)


def test_duplicate_key_is_reported_with_both_lines() -> None:
    with pytest.raises(LoadError) as info:
        load_text("id: a\ntitle: x\nid: b\n", "f.yml")
    assert messages(info.value) == [
        "f.yml:3:1: id: duplicate key 'id': it is already given on line 1; keep only one"
    ]


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    start = time.perf_counter()
    with pytest.raises(LoadError) as info:
        load_text("\n".join(lines), "bomb.yml")
    assert time.perf_counter() - start < 1
    assert "anchors and aliases" in messages(info.value)[0]
    assert messages(info.value)[0].startswith("bomb.yml:2:")


def test_tab_indentation() -> None:
    with pytest.raises(LoadError) as info:
        load_text("a:\n\t- 1\n", "f.yml")
    assert messages(info.value) == ["f.yml:2:1: a tab character cannot indent YAML: indent with spaces"]


def test_python_tags_are_refused() -> None:
    with pytest.raises(LoadError) as info:
        load_text("a: !!python/object/apply:os.system ['true']\n", "f.yml")
    assert "is not allowed" in messages(info.value)[0]


def test_empty_file() -> None:
    with pytest.raises(LoadError) as info:
        load_text("# only a comment\n", "f.yml")
    assert messages(info.value) == ["f.yml:1:1: the file is empty"]


def test_bom_and_windows_line_ends_load(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: two\r\n")
    doc = read_file(str(path), "p.yml")
    assert doc.data == {"a": 1, "b": "two"}
    assert doc.places[("b",)] == (2, 4)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_bytes("a: 1\nb: Менеджер\n".encode("cp1251"))
    with pytest.raises(LoadError) as info:
        read_file(str(path), "p.yml")
    assert messages(info.value) == ["p.yml:2:4: the file is not UTF-8 text (byte 0xcc); save it as UTF-8"]


def test_deep_nesting_is_refused() -> None:
    text = "a: " + "[" * 60 + "]" * 60 + "\n"
    with pytest.raises(LoadError) as info:
        load_text(text, "f.yml")
    assert "nested deeper than" in messages(info.value)[0]
