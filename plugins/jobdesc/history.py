"""Change history of a file from git. Works, empty, where git is missing or the clone is shallow."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Change:
    date: str  # ISO date, YYYY-MM-DD
    summary: str
    commit: str


@cache
def _git() -> str | None:
    return shutil.which("git")


def changes(path: str | Path, limit: int = 5) -> tuple[Change, ...]:
    """The last `limit` commits that touched `path`, newest first; () when git cannot say."""
    git = _git()
    if git is None:
        return ()
    p = Path(path).resolve()
    try:
        out = subprocess.run(
            [git, "log", f"-{limit}", "--follow", "--format=%cs%x1f%s%x1f%h", "--", p.name],
            cwd=p.parent,
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    if out.returncode != 0:
        return ()
    result = []
    for line in out.stdout.splitlines():
        parts = line.split("\x1f")
        if len(parts) == 3:
            result.append(Change(parts[0], parts[1], parts[2]))
    return tuple(result)
