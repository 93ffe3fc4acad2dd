"""A validated handbook kept on disk, keyed by everything it is made from.

`jobdesc build` builds each language as its own `mkdocs build` process; they would each validate the
same files. The first validation stores the handbook here, and every later load with the same inputs
reads it back instead: the bytes of every file in `positions/`, the options of the load, and this
package's own code and data, its templates aside (a new rule or a changed message makes another key).
A handbook with problems is never stored (the error is raised again, read afresh). Anything unreadable
in the cache is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from .cachelock import locked
from .fileio import write_bytes_atomic
from .model import Handbook
from .status import Status, translation_status
from .validate import load_handbook

_PACKAGE = Path(__file__).resolve().parent.parent  # the whole package: code, schema, words
_NOT_THE_HANDBOOK = frozenset({"__pycache__", "templates"})  # compiled code, and what draws pages and PDFs
FORMAT = 1


def _tree_digest(h: Any, folder: Path, skip: frozenset[str] = frozenset({"__pycache__"})) -> None:
    """Every entry under `folder` but the folders named in `skip`, links not followed: a regular file by
    its bytes, anything else (a link, a named pipe: the validator refuses them) by its name and kind
    only, never opened."""
    entries = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in skip)
        entries += [Path(dirpath) / name for name in filenames]
        entries += [Path(dirpath) / d for d in dirnames if (Path(dirpath) / d).is_symlink()]
    for path in sorted(entries):
        h.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        mode = path.lstat().st_mode
        if stat.S_ISREG(mode):
            h.update(hashlib.sha256(path.read_bytes()).digest())
        else:
            h.update(f"kind {stat.S_IFMT(mode)}".encode())


@cache
def _package_digest() -> bytes:
    """The package's code and data that make a handbook, hashed once per process (the code that runs is
    the code that was imported)."""
    h = hashlib.sha256()
    _tree_digest(h, _PACKAGE, _NOT_THE_HANDBOOK)
    return h.digest()


def key(positions_dir: Path, **options: Any) -> str:
    h = hashlib.sha256(f"jobdesc-handbook-{FORMAT}\0{sorted(options.items())!r}\0".encode())
    h.update(_package_digest())
    h.update(b"\0positions\0")
    _tree_digest(h, positions_dir)
    return h.hexdigest()[:32]


def load(positions_dir: Path, cache_dir: Path, **options: Any) -> Handbook:
    """`validate.load_handbook(positions_dir, **options)`, read from `cache_dir` when it holds the same."""
    hb = _cached(
        "handbook", lambda: load_handbook(positions_dir, **options), positions_dir, cache_dir, options
    )
    assert isinstance(hb, Handbook)
    return hb


def status(positions_dir: Path, cache_dir: Path, display_root: Path) -> list[Status]:
    """`status.translation_status(positions_dir, display_root)` (the HR page's table), cached the same way."""
    found = _cached(
        "status",
        lambda: translation_status(positions_dir, display_root),
        positions_dir,
        cache_dir,
        {"display_root": display_root},
    )
    assert isinstance(found, list)
    return found


def _cached(
    name: str, make: Callable[[], object], positions_dir: Path, cache_dir: Path, options: dict[str, Any]
) -> object:
    path = cache_dir / f"{name}-{key(positions_dir, kind=name, **options)}.pickle"
    with locked(cache_dir, exclusive=False):  # waits while another process makes it (cachelock)
        found = _read(path)
    if found is not _MISSING:
        return found
    with locked(cache_dir, exclusive=True):
        found = _read(path)  # made by the process this one waited for
        if found is not _MISSING:
            return found
        value = make()  # problems raise ValidationFailed: nothing stored
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            for old in cache_dir.glob(f"{name}-*.pickle"):
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only checkout builds as well, only without the cache
    return value


_MISSING = object()


def _read(path: Path) -> object:
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, IndexError, TypeError):
        return _MISSING
