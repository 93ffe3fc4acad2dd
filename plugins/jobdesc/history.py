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


@dataclass(frozen=True)
class FolderHistory:
    """Changes of every file of a folder from one `git log` (instead of one process per file)."""

    changes: dict[str, tuple[Change, ...]]  # file name -> newest first
    modified: frozenset[str]  # file names with uncommitted changes

    def of(self, name: str, limit: int = 5) -> tuple[Change, ...]:
        return self.changes.get(name, ())[:limit]


def folder_history(folder: str | Path) -> FolderHistory:
    """All commits touching files directly in `folder`; empty where git is missing or says no."""
    git = _git()
    empty = FolderHistory({}, frozenset())
    if git is None:
        return empty
    folder = Path(folder).resolve()
    try:
        log = subprocess.run(
            [git, "log", "--format=%x1e%cs%x1f%s%x1f%h", "--name-only", "--relative", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        status = subprocess.run(
            [git, "status", "--porcelain", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return empty
    if log.returncode != 0:
        return empty
    changes: dict[str, list[Change]] = {}
    for record in log.stdout.split("\x1e"):
        if not record.strip():
            continue
        head, _, names = record.partition("\n")
        parts = head.split("\x1f")
        if len(parts) != 3:
            continue
        change = Change(parts[0], parts[1], parts[2])
        for name in names.split("\n"):
            name = name.strip()
            if name and "/" not in name:
                changes.setdefault(name, []).append(change)
    # porcelain paths are relative to the repository root: the file name is what matters here
    modified = frozenset(
        Path(line[3:].strip().strip('"')).name for line in status.stdout.splitlines() if len(line) > 3
    )
    return FolderHistory({k: tuple(v) for k, v in changes.items()}, modified)
