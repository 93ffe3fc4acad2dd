"""The text fields of a format, read from its JSON Schema (not from a hand-kept list), and a way to put a
value into every one of them in a document."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from jobdesc.core.validate import schema_path

TEXT_DEFS = ("#/$defs/text",)
Path = tuple[str, ...]  # "[]" for any list item, "*" for any key of a map


def text_paths(name: str) -> set[Path]:
    """Every place of the schema `name` that holds a text (a map of languages)."""
    root = json.loads(schema_path(name).read_text("utf-8"))  # the file as editors read it, not a cached copy
    found: set[Path] = set()

    def walk(node: Any, path: Path, seen: frozenset[str]) -> None:
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if ref in TEXT_DEFS:
            found.add(path)
            return
        if isinstance(ref, str) and ref not in seen:
            target: Any = root
            for part in ref.removeprefix("#/").split("/"):
                target = target[part]
            walk(target, path, seen | {ref})
        for key in ("allOf", "anyOf", "oneOf"):
            for sub in node.get(key, []):
                walk(sub, path, seen)
        for key in ("then", "else"):
            walk(node.get(key), path, seen)
        for key, sub in node.get("properties", {}).items():
            walk(sub, (*path, key), seen)
        walk(node.get("items"), (*path, "[]"), seen)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            walk(extra, (*path, "*"), seen)

    walk(root, (), frozenset())
    return found


def text_places(data: Any, pattern: Path) -> Iterator[tuple[Any, str | int]]:
    """(container, key) of every place in `data` that matches `pattern`."""

    def walk(node: Any, rest: Path) -> Iterator[tuple[Any, str | int]]:
        head, tail = rest[0], rest[1:]
        if head == "[]":
            keys: list[str | int] = list(range(len(node))) if isinstance(node, list) else []
        elif head == "*":
            keys = list(node) if isinstance(node, dict) else []
        else:
            keys = [head] if isinstance(node, dict) and head in node else []
        for k in keys:
            if not tail:
                yield node, k
            else:
                yield from walk(node[k], tail)

    yield from walk(data, pattern)


def fill(data: Any, paths: set[Path], value: Callable[[Path, int], dict[str, str]]) -> set[Path]:
    """Replace every text at `paths` in `data` with `value(path, n)`; the paths that were found."""
    hit: set[Path] = set()
    for path in sorted(paths):
        for n, (container, key) in enumerate(text_places(data, path)):
            if isinstance(container[key], dict) and "ru" in container[key]:
                container[key] = value(path, n)
                hit.add(path)
    return hit
