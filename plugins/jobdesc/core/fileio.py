"""Atomic file writes: a reader sees the old file or the new one, never half of one.

The content goes to a temporary file with a unique name in the same folder (so the rename stays on one
file system), is flushed and fsynced, then renamed over the target with `os.replace`. On any failure
the temporary file is removed and the old file is left as it was. Parent folders are created. A new
file gets the mode a plain `open(path, "w")` would give it (0o666 less the umask, not mkstemp's 0o600);
an existing regular file keeps its permission bits, as it would with a plain write.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

__all__ = ["write_bytes_atomic", "write_text_atomic"]

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _open_temp(path: Path) -> tuple[int, Path]:
    """A new, empty file beside `path` with a name nobody else has (created exclusively)."""
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, _FLAGS, 0o666), tmp  # the kernel applies the umask
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def _keep_mode(fd: int, path: Path) -> None:
    """Give the new file the permission bits of the regular file it replaces, if there is one."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISREG(st.st_mode) and hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(st.st_mode))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort, some file systems refuse."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file at `path` with `data` in one step (see the module's docstring)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _open_temp(target)
    try:
        try:
            _keep_mode(fd, target)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _sync_folder(target.parent)


def write_text_atomic(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """`write_bytes_atomic` of `text` encoded; line ends are written as they are in `text` (no
    translation of "\\n" on any platform)."""
    write_bytes_atomic(path, text.encode(encoding))
