"""One writer at a time in `.cache/jobdesc/`, and readers wait for it.

`jobdesc build` validates the positions in a process of its own (`jobdesc.mkdocs.prepare`) and starts
the language builds at the same time: their start (imports, MkDocs' config, the theme) runs on the
other core while the positions are validated. The validating process holds this folder's lock
exclusively from its first moment; a build that wants the handbook waits for the lock, then reads what
was stored. Without the orchestrator (a plain `mkdocs build`, or two builds at once) the first build to
validate holds the lock, and the second reads its result instead of validating again.

The lock is `flock` on `.lock` in the folder: the kernel releases it when its process ends, however it
ends. Where there is no `flock`, or the folder cannot be written, there is no lock (as there is no
cache). A process that holds a folder's lock exclusively does not wait for itself.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: no lock there
    fcntl = None  # type: ignore[assignment]

CACHE_DIR = Path(".cache", "jobdesc")  # beside mkdocs.yml: the plugin's cache folder (hbcache)
LOCK_NAME = ".lock"
_HELD: set[str] = set()  # folders whose lock this process holds exclusively


def _open(folder: Path) -> int | None:
    try:
        os.makedirs(folder, exist_ok=True)
        return os.open(
            os.path.join(folder, LOCK_NAME), os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644
        )
    except OSError:
        return None


@contextlib.contextmanager
def locked(folder: Path, exclusive: bool) -> Iterator[None]:
    """Hold `folder`'s lock, shared (to read) or exclusive (to make and store), for the `with` block."""
    key = os.path.abspath(folder)
    fd = None if fcntl is None or key in _HELD else _open(folder)
    if fd is None:
        yield
        return
    try:
        with contextlib.suppress(OSError):  # a file system without locks: go on without one
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        if exclusive:
            _HELD.add(key)
        try:
            yield
        finally:
            if exclusive:
                _HELD.discard(key)
    finally:
        os.close(fd)  # releases the lock
