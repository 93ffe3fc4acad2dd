"""Translation state as data: which Russian text each translation was checked against.

`positions/_translations.yml` records, for every translated text of every file, a short hash of the Russian
text that the translation was made from or last checked against:

    sales-manager.yml:
      duties.find-clients.items.cold-calls.text: {bg: "3f2a9c1d0e", he: "3f2a9c1d0e", az: "3f2a9c1d0e"}

A translation is *outdated* when the current Russian text no longer has the recorded hash, or when nothing
is recorded for it. That needs no git history, so it holds in a shallow clone and in a folder without git.
Texts are named by a stable key: list items by their `id` (or a duty group's `group`), so reordering
clauses changes nothing; only items without an id are named by their number.

`jobdesc confirm` records the current Russian text for a file, a language or one field, once a translator
has checked the translation (or written it); `jobdesc new` records the stub it writes. The file is written
by these commands only, in the order of the position files, so a pull request shows exactly which
translations were confirmed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from .errors import Path, Problem, ValidationFailed, format_path
from .fileio import write_text_atomic
from .messages import M, Msg, choose, say
from .model import DEFAULT_LANG, LANGS
from .yamlload import LoadError, Located, load_text, read_file, read_text

LOCK_FILE = "_translations.yml"
HASH_LEN = 10
# The record grows with the catalogue (about 8 kB per position), so it has a limit of its own rather than
# the 2 MB of a hand-written file: 64 MB is room for some 8,000 positions.
RECORD_MAX_BYTES = 64_000_000
MODES = ("warn", "notice", "fail")  # the plugin's `outdated_translations`: log only / mark / refuse
TRANSLATED = tuple(lang for lang in LANGS if lang != DEFAULT_LANG)

_HEADER = """\
# Which Russian text each translation was checked against: a short SHA-256 of the Russian text, per
# language. A translation whose Russian text has changed since (or was never recorded) is shown as
# "not checked against the current Russian text" on the site and in its PDF.
# Written by `jobdesc confirm` and `jobdesc new`; do not edit by hand.
"""

# the page anchor of a text that is not a clause, by its top-level field (the headings' ids)
_SECTION_ANCHOR = {
    "title": "top",
    "summary": "top",
    "department": "top",
    "general": "general",
    "qualification": "qualification",
    "duties": "duties",
    "rights": "rights",
    "responsibility": "responsibility",
    "kpis": "kpis",
    "working_conditions": "working-conditions",
    "pay": "pay",
    "salary": "pay",
    "career": "career",
    "final_provisions": "final-provisions",
}


def source_hash(russian: str) -> str:
    """The short hash recorded for a Russian text (as written in the YAML, before any substitution)."""
    return hashlib.sha256(russian.encode("utf-8")).hexdigest()[:HASH_LEN]


def _item_id(item: Any) -> str | None:
    if isinstance(item, dict):
        for k in ("id", "group"):
            v = item.get(k)
            if isinstance(v, str) and v:
                return v
    return None


def text_key(data: Any, path: Path) -> str:
    """`('duties', 2, 'items', 0, 'text')` -> `duties.sell.items.cold-calls.text`: list items by id."""
    parts: list[str] = []
    node = data
    for p in path:
        if isinstance(p, int):
            ident = _item_id(node[p]) if isinstance(node, list) and p < len(node) else None
            parts.append(ident if ident is not None else f"#{p + 1}")
        else:
            parts.append(p)
        node = _child(node, p)
    return ".".join(parts)


def _child(node: Any, p: str | int) -> Any:
    if isinstance(node, list) and isinstance(p, int) and p < len(node):
        return node[p]
    if isinstance(node, dict):
        return node.get(p)
    return None


def anchor(data: Any, path: Path) -> str:
    """The id of the place on a position page where the text at `path` is drawn."""
    node = data
    clause: str | None = None
    group: str | None = None
    for p in path:
        node = _child(node, p)
        if isinstance(node, dict) and isinstance(node.get("id"), str) and "text" in node:
            clause = node["id"]
        if isinstance(node, dict) and isinstance(node.get("group"), str):
            group = node["group"]
    if clause is not None and path[-1] == "text":
        return f"c-{clause}"
    if group is not None and path[-1] == "title":
        return f"g-{group}"
    return _SECTION_ANCHOR.get(str(path[0]), "top") if path else "top"


def text_maps(data: Any, path: Path = ()) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every text of a document: a map of languages (with `ru`), with its path."""
    if isinstance(data, dict):
        if DEFAULT_LANG in data and set(data) <= set(LANGS):
            yield path, data
            return
        for k, v in data.items():
            yield from text_maps(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from text_maps(v, (*path, i))


@dataclass(frozen=True, order=True)
class Outdated:
    """One text with translations not checked against its current Russian text."""

    file: str  # as shown in messages
    line: int
    column: int
    path: str  # the field, as messages write it (`duties[2].items[1].text`)
    langs: tuple[str, ...]
    position: str  # the file's stem: the position id (or `_catalogue`)
    anchor: str  # where the text is drawn on the position's page
    new: bool = False  # no translation of this text was ever confirmed (a new text, a new file)

    def problem(self) -> Problem:
        return Problem(self.file, self.line, self.column, self.path, warning_message(self.langs, self.new))


def warning_message(langs: Iterable[str], new: bool = False) -> Msg:
    names = [f"`{lang}`" for lang in langs]
    return M("translation.unconfirmed", langs=names) if new else M("translation.outdated", langs=names)


@dataclass
class Lock:
    """file name -> text key -> language -> recorded hash of the Russian text."""

    entries: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    def recorded(self, file_name: str, key: str, lang: str) -> str | None:
        return self.entries.get(FsPath(file_name).stem, {}).get(key, {}).get(lang)

    def knows(self, file_name: str, key: str) -> bool:
        """Whether any translation of this text was ever recorded."""
        return bool(self.entries.get(FsPath(file_name).stem, {}).get(key))


def lock_path(positions_dir: FsPath) -> FsPath:
    return positions_dir / LOCK_FILE


def read_lock(positions_dir: FsPath, shown: str | None = None) -> tuple[Lock, list[Problem]]:
    """The recorded state of a positions folder; a missing file is an empty record (every translation is
    then outdated until confirmed).

    The record as `jobdesc confirm` writes it is read by a strict line reader (`_read_as_written`), a
    hundred times faster than the YAML loader (7.8 MB at N = 1000: 0.1 s instead of 6 s). Anything
    else (a hand edit, a merge, a damaged file) goes through the full YAML loader and its line-exact
    checks, so the two readers can only differ in speed."""
    path = lock_path(positions_dir)
    name = shown or path.as_posix()
    if not os.path.lexists(path):
        return Lock(), []
    try:
        text = read_text(str(path), name, RECORD_MAX_BYTES)
        fast = _read_as_written(text)
        if fast is not None:
            return fast, []
        doc = load_text(text, name)
    except LoadError as exc:
        return Lock(), exc.problems
    return _lock_from(doc)


_KEY = r'(?:[A-Za-z_][A-Za-z0-9._#-]*|"(?:[^"\\]|\\[\\"])*")'
_FILE_LINE = re.compile(rf"({_KEY}):")
_PAIR = rf'({"|".join(TRANSLATED)}): "([0-9a-f]{{{HASH_LEN}}})"'
_TEXT_LINE = re.compile(rf"  ({_KEY}): \{{({_PAIR}(?:, {_PAIR})*)\}}")
_PAIRS = re.compile(_PAIR)
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null"}  # plain keys YAML 1.1 reads as non-text


def _key_as_written(raw: str) -> str | None:
    if raw.startswith('"'):
        key = re.sub(r'\\([\\"])', r"\1", raw[1:-1])
        return key if key.isprintable() else None
    return None if raw.lower() in _YAML_WORDS else raw


def _read_as_written(text: str) -> Lock | None:
    """The record, if every line has exactly the form render_lock writes (comments, `file:` lines, and
    `  key: {bg: "…", he: "…", az: "…"}` lines) with no key twice; otherwise None, for the YAML loader."""
    lock = Lock()
    current: dict[str, dict[str, str]] | None = None
    for line in text.split("\n"):
        if not line or line.startswith("#"):
            continue
        m = _TEXT_LINE.fullmatch(line)
        if m:
            key = _key_as_written(m.group(1))
            if current is None or key is None or key in current:
                return None
            pairs = _PAIRS.findall(m.group(2))
            rec = dict(pairs)
            if len(rec) != len(pairs):
                return None
            current[key] = rec
            continue
        m = _FILE_LINE.fullmatch(line)
        if not m:
            return None
        file_name = _key_as_written(m.group(1))
        if file_name is None or file_name in lock.entries:
            return None
        current = lock.entries[file_name] = {}
    if not lock.entries:
        return None  # an empty record: the YAML loader says what it says of an empty file
    for file_name in [f for f, texts in lock.entries.items() if not texts]:
        del lock.entries[file_name]  # `name.yml:` with nothing under it: nothing confirmed
    return lock


def _lock_from(doc: Located) -> tuple[Lock, list[Problem]]:
    problems: list[Problem] = []
    lock = Lock()
    data = doc.data
    if data is None:
        return lock, []
    if not isinstance(data, dict):
        return lock, [doc.problem((), M("record.not-files"))]
    for file_name, texts in data.items():
        if texts is None:  # `name.yml:` with nothing under it: nothing confirmed
            continue
        if not isinstance(texts, dict):
            problems.append(doc.problem((file_name,), M("record.not-texts")))
            continue
        out: dict[str, dict[str, str]] = {}
        for key, langs in texts.items():
            where = (file_name, key)
            if not isinstance(langs, dict):
                problems.append(doc.problem(where, M("record.not-hashes")))
                continue
            rec: dict[str, str] = {}
            for lang, h in langs.items():
                if lang not in TRANSLATED:
                    problems.append(doc.problem((*where, lang), M("record.not-a-language", code=lang)))
                elif (
                    not isinstance(h, str)
                    or len(h) != HASH_LEN
                    or any(c not in "0123456789abcdef" for c in h)
                ):
                    problems.append(doc.problem((*where, lang), M("record.not-a-hash")))
                else:
                    rec[lang] = h
            out[str(key)] = rec
        lock.entries[str(file_name)] = out
    return lock, problems


def outdated_in(doc: Located, file_name: str, lock: Lock) -> tuple[dict[int, frozenset[str]], list[Outdated]]:
    """For one loaded file: the outdated languages of each text map (by the map's `id()`), and the list."""
    marks: dict[int, frozenset[str]] = {}
    found: list[Outdated] = []
    stem = FsPath(file_name).stem
    for path, obj in text_maps(doc.data):
        ru = obj.get(DEFAULT_LANG)
        if not isinstance(ru, str):
            continue
        h = source_hash(ru)
        key = text_key(doc.data, path)
        langs = tuple(
            lang
            for lang in TRANSLATED
            if isinstance(obj.get(lang), str)
            and obj[lang].strip()
            and lock.recorded(file_name, key, lang) != h
        )
        if langs:
            new = not lock.knows(file_name, key)
            marks[id(obj)] = frozenset(langs)
            line, col = doc.where((*path, langs[0]))
            where = anchor(doc.data, path)
            found.append(Outdated(doc.file, line, col, format_path(path), langs, stem, where, new))
    return marks, found


def render_lock(lock: Lock, order: Mapping[str, list[str]]) -> str:
    """The lock file's text: files and texts in document order (`order`: file -> keys), then any others."""
    out = [_HEADER]
    for file_name in sorted(lock.entries, key=lambda f: (f != "_catalogue", f)):
        texts = lock.entries[file_name]
        known = order.get(file_name, [])
        keys = [k for k in known if k in texts] + sorted(k for k in texts if k not in set(known))
        lines = []
        for key in keys:
            langs = texts[key]
            if langs:
                inner = ", ".join(f'{lang}: "{langs[lang]}"' for lang in TRANSLATED if lang in langs)
                lines.append(f"  {_yaml_key(key)}: {{{inner}}}\n")
        if lines:  # a file with no confirmed translation is left out (an empty key would read as null)
            out += [f"{_yaml_key(file_name)}:\n", *lines]
    return "".join(out)


def _yaml_key(key: str) -> str:
    if key and all(c.isalnum() or c in "._-#" for c in key) and key[0] not in "#-" and key.isascii():
        return key
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_lock(positions_dir: FsPath, lock: Lock, order: Mapping[str, list[str]]) -> None:
    """Write the record atomically: a temporary file beside it, then one rename."""
    write_text_atomic(lock_path(positions_dir), render_lock(lock, order))


def _folder_docs(positions_dir: FsPath, files: Iterable[str] | None) -> dict[str, Located]:
    from .validate import CATALOGUE_FILE, position_files

    names = [CATALOGUE_FILE] + [p.name for p in position_files(positions_dir)]
    if files is not None:
        wanted = set(files)
        names = [n for n in names if n in wanted]
    docs: dict[str, Located] = {}
    problems: list[Problem] = []
    for name in names:
        path = positions_dir / name
        if not os.path.lexists(path):
            continue
        try:
            docs[name] = read_file(str(path), path.as_posix())
        except LoadError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationFailed(problems)
    return docs


def doc_order(doc: Located) -> list[str]:
    return [text_key(doc.data, path) for path, _ in text_maps(doc.data)]


def confirm(
    positions_dir: FsPath,
    files: Iterable[str] | None = None,
    langs: Iterable[str] | None = None,
    fields: Iterable[str] | None = None,
) -> int:
    """Record the current Russian text of every translation of `files` (None: all) in `langs` (None: all
    translated languages), only of the `fields` named (field paths as messages print them, or text keys),
    None: every field. Returns how many translations were recorded as checked."""
    lock, problems = read_lock(positions_dir)
    if problems:
        lock = Lock()  # a damaged record is rewritten from what is confirmed now
    wanted_langs = tuple(langs) if langs else TRANSLATED
    wanted_fields = set(fields) if fields else None
    docs = _folder_docs(positions_dir, files)
    changed = 0
    for name, doc in docs.items():
        texts = lock.entries.setdefault(FsPath(name).stem, {})
        live: set[str] = set()
        for path, obj in text_maps(doc.data):
            key = text_key(doc.data, path)
            live.add(key)
            ru = obj.get(DEFAULT_LANG)
            if not isinstance(ru, str):
                continue
            if (
                wanted_fields is not None
                and key not in wanted_fields
                and format_path(path) not in wanted_fields
            ):
                continue
            h = source_hash(ru)
            rec = texts.setdefault(key, {})
            for lang in wanted_langs:
                if isinstance(obj.get(lang), str) and obj[lang].strip() and rec.get(lang) != h:
                    rec[lang] = h
                    changed += 1
        for gone in [k for k in texts if k not in live]:  # texts removed from the file
            del texts[gone]
    all_docs = _folder_docs(positions_dir, None) if files is not None else docs
    stems = {FsPath(n).stem for n in all_docs}
    for name in [n for n in lock.entries if n not in stems]:  # files removed from the folder
        del lock.entries[name]
    write_lock(positions_dir, lock, {FsPath(n).stem: doc_order(d) for n, d in all_docs.items()})
    return changed


def outdated_in_folder(positions_dir: FsPath, shown: Any = None) -> list[Outdated]:
    """Every outdated text of a folder (files that do not load are left to the validator)."""
    from .validate import display_path

    lock, _ = read_lock(positions_dir)
    found: list[Outdated] = []
    base = positions_dir.parent
    for name in _names(positions_dir):
        path = positions_dir / name
        try:
            doc = read_file(str(path), shown(path) if shown else display_path(base, path))
        except LoadError:
            continue
        found.extend(outdated_in(doc, name, lock)[1])
    return sorted(found)


def _names(positions_dir: FsPath) -> list[str]:
    from .validate import CATALOGUE_FILE, position_files

    names = [p.name for p in position_files(positions_dir)]
    return ([CATALOGUE_FILE] if (positions_dir / CATALOGUE_FILE).exists() else []) + names


# --------------------------------------------------------------------------------------------------
# `jobdesc confirm`


def cmd_confirm(args: argparse.Namespace) -> int:
    ui = choose(getattr(args, "ui_lang", None))
    folders: dict[FsPath, list[str] | None] = {}
    for raw in args.paths:
        t = FsPath(raw)
        if t.is_dir():
            folders[t] = None
        elif t.is_file() and t.suffix in (".yml", ".yaml") and t.name != LOCK_FILE:
            got = folders.setdefault(t.parent, [])
            if got is not None:
                got.append(t.name)
        else:
            print(f"jobdesc: {say(M('cli.no-such-target', target=raw), ui)}", file=sys.stderr)
            return 2
    if args.field and len(args.paths) != 1:
        print(f"jobdesc: {say(M('confirm.field-needs-one-file'), ui)}", file=sys.stderr)
        return 2
    total = 0
    for folder, names in folders.items():
        try:
            total += confirm(folder, names, args.lang or None, args.field or None)
        except ValidationFailed as exc:
            print("\n".join(p.shown(ui) for p in exc.problems))
            return 1
    print(say(M("confirm.done", n=total), ui))
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "confirm",
        help="record that translations were checked against the current Russian text",
        description="Record that the translations of the named files (or folders) were checked against "
        "the current Russian text: the site and the PDFs stop marking them as outdated.",
    )
    p.add_argument("paths", nargs="+", help="position files or a positions folder")
    p.add_argument("--lang", action="append", choices=TRANSLATED, help="only this language (repeatable)")
    p.add_argument(
        "--field", action="append", help="only this field, e.g. duties[2].items[1].text (repeatable)"
    )
    p.set_defaults(func=cmd_confirm)
