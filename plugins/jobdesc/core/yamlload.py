"""Line-aware YAML loading.

PyYAML's `safe_load` forgets where a value stood and silently keeps the last of two equal keys. Here the
file is composed into nodes, then walked: the result is plain data plus a map from field path to the
(line, column) of its value and of its key. Duplicate keys, aliases (and so "billion laughs"), tags and
non-string keys are refused with the exact place.

Numbers and yes/no are resolved exactly as written, not by YAML 1.1's rules: only a plain decimal whole
number (`25000`, `-3`) becomes an int and only `true`/`false` a boolean. Every other plain scalar that
YAML 1.1 would turn into a number or a boolean (`025000` is octal 10752 there, `25:00` is 1500, `25_000`,
`25000.0`, `.nan`, `.inf`, `0x1F`, `+5`, `yes`, `no`, `on`, `off`) is kept as `AsWritten`, its original
text, which no schema type accepts: the validator quotes it and says how to write it. Dates stay text.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Path, Problem, format_path
from .messages import M, Msg
from .yamlsyntax import excerpt, explain

MAX_DEPTH = 40
MAX_BYTES = 2_000_000

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)")
MAX_DIGITS = 15  # larger whole numbers are refused: no figure has more, and JSON readers lose digits above
_TRUE_FALSE = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@dataclass(frozen=True)
class AsWritten:
    """A plain scalar YAML 1.1 would have read as a number or as yes/no, kept as the text it was written
    as (`kind` is "number" or "yes/no"). It is neither a text nor a number: no schema type accepts it, so
    the validator explains it, quoting the text."""

    text: str
    kind: str

    def __str__(self) -> str:
        return self.text


def _scalar(node: ScalarNode, loader: Any) -> Any:
    """The value of a scalar, resolved exactly as written (see the module's docstring)."""
    tag, text = node.tag, str(node.value)
    if tag in (_INT, _FLOAT):
        if _DECIMAL.fullmatch(text) and len(text.lstrip("-")) <= MAX_DIGITS:
            return int(text)
        return AsWritten(text, "number")
    if tag == _BOOL:
        if text in _TRUE_FALSE:
            return _TRUE_FALSE[text]
        return AsWritten(text, "yes/no")
    if tag == _TIMESTAMP:
        return text
    return loader.construct_object(node, deep=True)


class _AliasRefused(yaml.YAMLError):
    def __init__(self, mark: yaml.Mark | None) -> None:
        super().__init__(M("yaml.alias"))
        self.problem_mark = mark


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases as soon as the parser meets one: nothing is ever expanded."""

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _AliasRefused(event.start_mark)
        return Composer.compose_node(self, parent, index)


# LibYAML's parser is ten times faster; it composes shared nodes for aliases without expanding them, and
# the walk below refuses any node met twice. The pure-Python loader is the fallback.
_FastLoader: Any = getattr(yaml, "CSafeLoader", None)


@dataclass
class Located:
    """Data of one YAML file with the place of every value."""

    data: Any
    file: str
    places: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_places: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """The place of `path`, or of its nearest ancestor that has one."""
        table = self.key_places if key else self.places
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if not key and p in self.places:
                return self.places[p]
            p = p[:-1]
        return self.places.get((), (1, 1))

    def problem(self, path: Path, message: str, key: bool = False) -> Problem:
        line, col = self.where(path, key)
        return Problem(self.file, line, col, format_path(path), message)


class LoadError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_text(text: str, file: str) -> Located:
    """Parse `text` (already decoded) and return located data, or raise LoadError with every problem."""
    loader = _FastLoader(text) if _FastLoader is not None else _Loader(text)
    try:
        root = loader.get_single_node()
    except _AliasRefused as exc:
        m = exc.problem_mark
        line, col = (m.line + 1, m.column + 1) if m else (1, 1)
        raise LoadError([Problem(file, line, col, "", exc.args[0])]) from None
    except yaml.MarkedYAMLError as exc:
        found = explain(text, exc)
        quoted = excerpt(text, found.line, found.column)
        raise LoadError([Problem(file, found.line, found.column, "", found.message, quoted)]) from None
    except yaml.YAMLError as exc:
        raise LoadError([Problem(file, 1, 1, "", M("yaml.error", detail=str(exc)))]) from None
    finally:
        loader.dispose()
    located = Located(None, file)
    if root is None:
        raise LoadError([Problem(file, 1, 1, "", M("file.empty"))])
    problems: list[Problem] = []
    located.data = _walk(root, (), located, loader, problems, 0)
    if problems:
        raise LoadError(problems)
    return located


def _walk(
    node: Node,
    path: Path,
    loc: Located,
    loader: Any,
    problems: list[Problem],
    depth: int,
    seen: set[int] | None = None,
) -> Any:
    seen = set() if seen is None else seen
    if id(node) in seen or (node.tag == "tag:yaml.org,2002:merge"):
        if not any(getattr(p.message, "key", "") == "yaml.alias" for p in problems):  # once per file
            line, col = loc.key_places.get(path) or loc.places.get(path[:-1], (1, 1))
            problems.append(Problem(loc.file, line, col, format_path(path), M("yaml.alias")))
        return None
    seen.add(id(node))
    loc.places[path] = _mark(node)
    if depth > MAX_DEPTH:
        problems.append(loc.problem(path, M("yaml.too-deep", most=MAX_DEPTH)))
        return None
    if node.tag not in _STANDARD_TAGS:
        problems.append(loc.problem(path, M("yaml.tag", tag=repr(node.tag))))
        return None
    if isinstance(node, ScalarNode):
        try:
            return _scalar(node, loader)
        except (yaml.YAMLError, ValueError) as exc:
            problems.append(loc.problem(path, M("yaml.bad-value", detail=str(exc))))
            return None
    if isinstance(node, SequenceNode):
        return [
            _walk(item, (*path, i), loc, loader, problems, depth + 1, seen)
            for i, item in enumerate(node.value)
        ]
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(loc.file, *_mark(key_node), format_path(path), M("yaml.merge-key")))
                continue
            if not isinstance(key_node, ScalarNode):
                problems.append(
                    Problem(loc.file, *_mark(key_node), format_path(path), M("yaml.key-not-plain"))
                )
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key in out:
                first = loc.key_places[child]
                problems.append(
                    Problem(
                        loc.file,
                        *_mark(key_node),
                        format_path(child),
                        M("yaml.duplicate-key", key=repr(key), first=first[0]),
                    )
                )
                continue
            loc.key_places[child] = _mark(key_node)
            out[key] = _walk(value_node, child, loc, loader, problems, depth + 1, seen)
        return out
    problems.append(loc.problem(path, M("yaml.unsupported-node")))
    return None


_CACHE: dict[tuple[str, str, int, int, int], Located] = {}


def not_a_file(mode: int) -> Msg | None:
    """Why an entry of this `lstat` mode cannot be a position file; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return M("file.symlink")
    if stat.S_ISDIR(mode):
        return M("file.folder")
    if stat.S_ISFIFO(mode):
        return M("file.fifo")
    if stat.S_ISSOCK(mode):
        return M("file.socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return M("file.device")
    return M("file.not-regular")


def _refuse(name: str, message: str) -> LoadError:
    return LoadError([Problem(name, 0, 0, "", message)])


def _checked_lstat(path: str, name: str) -> os.stat_result:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise _refuse(name, M("file.missing")) from None
    except OSError as exc:
        raise _refuse(name, M("file.cannot-read", reason=str(exc.strerror))) from None
    why = not_a_file(st.st_mode)
    if why is not None:
        raise _refuse(name, why)
    return st


def read_file(path: str, display: str | None = None) -> Located:
    """Read a file as UTF-8 (a byte-order mark and Windows line ends are fine) and load it.

    Only a regular file is read: a symbolic link, a FIFO, a socket or a device is refused from its
    `lstat`, without being opened or followed (so nothing of a link's target reaches a message, and a FIFO
    cannot make the reader wait). Parsed files are kept by path, size, modification time and inode: the
    validator and the translation status read the same files in one build. (Callers never mutate a
    Located.)"""
    name = display or path
    st = _checked_lstat(path, name)
    key = (path, name, st.st_size, st.st_mtime_ns, st.st_ino)
    if key in _CACHE:
        return _CACHE[key]
    located = load_text(_decoded(path, name, st, MAX_BYTES), name)
    if len(_CACHE) > 5000:
        _CACHE.clear()
    _CACHE[key] = located
    return located


def read_text(path: str, display: str | None = None, max_bytes: int = MAX_BYTES) -> str:
    """The text of a file, read with read_file's checks (a regular file, at most `max_bytes`, UTF-8, no
    NUL), Windows line ends made plain, not parsed: for a machine-written file that has a faster reader of
    its own (the translation record), which falls back to load_text for anything else."""
    name = display or path
    return _decoded(path, name, _checked_lstat(path, name), max_bytes)


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)


def _read_bytes(path: str, name: str, st: os.stat_result, limit: int) -> bytes:
    """At most `limit` + 1 bytes of the regular file `path`, which `st` (its lstat) described. Opened
    without following a link and without blocking, then checked again: a file swapped for a link, a FIFO
    or another file between the lstat and the open is refused, not read."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _refuse(name, M("file.symlink")) from None
        raise _refuse(name, M("file.cannot-read", reason=str(exc.strerror))) from None
    try:
        now = os.fstat(fd)
        if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            raise _refuse(name, not_a_file(now.st_mode) or M("file.changed"))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise _refuse(name, M("file.cannot-read", reason=str(exc.strerror))) from None
    finally:
        os.close(fd)


def _decoded(path: str, name: str, st: os.stat_result, limit: int) -> str:
    raw = _read_bytes(path, name, st, limit)
    if len(raw) > limit:
        raise LoadError([Problem(name, 1, 1, "", M("file.too-large", mb=limit // 1_000_000))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            [Problem(name, line, col, "", M("file.not-utf8", byte=f"0x{raw[exc.start]:02x}"))]
        ) from None
    if "\x00" in text:
        raise LoadError([Problem(name, 1, 1, "", M("file.nul"))])
    return text.replace("\r\n", "\n")
