"""Change history of a file from git; empty where git is missing.

In a shallow clone (what most CI checks out) the oldest commit present has no parents, so git shows it as
adding every file: those boundary commits are left out, and `shallow` says that the history is cut."""

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
    shallow: bool = False  # a shallow clone: older commits are missing, so changes may be too

    def of(self, name: str, limit: int = 5) -> tuple[Change, ...]:
        return self.changes.get(name, ())[:limit]


def run_git(git: str, args: list[str], cwd: Path, timeout: int = 60) -> str | None:
    """The output of one git command in `cwd`, or None where git fails or says no."""
    try:
        run = subprocess.run(
            [git, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return run.stdout if run.returncode == 0 else None


def folder_history(folder: str | Path) -> FolderHistory:
    """All commits touching files directly in `folder`; empty where git is missing or says no."""
    git = _git()
    empty = FolderHistory({}, frozenset())
    if git is None:
        return empty
    folder = Path(folder).resolve()
    log = run_git(
        git, ["log", "--format=%x1e%cs%x1f%s%x1f%h", "--name-only", "--relative", "--", "."], folder
    )
    status = run_git(git, ["status", "--porcelain", "--", "."], folder)
    if log is None:
        return empty
    boundary = _shallow_boundary(git, folder)
    changes: dict[str, list[Change]] = {}
    for record in log.split("\x1e"):
        if not record.strip():
            continue
        head, _, names = record.partition("\n")
        parts = head.split("\x1f")
        if len(parts) != 3:
            continue
        change = Change(parts[0], parts[1], parts[2])
        if boundary and any(full.startswith(change.commit) for full in boundary):
            continue  # a shallow clone's cut: it did not add these files, it only starts the history here
        for name in names.split("\n"):
            name = name.strip()
            if name and "/" not in name:
                changes.setdefault(name, []).append(change)
    # porcelain paths are relative to the repository root: the file name is what matters here
    modified = frozenset(
        Path(line[3:].strip().strip('"')).name for line in (status or "").splitlines() if len(line) > 3
    )
    return FolderHistory({k: tuple(v) for k, v in changes.items()}, modified, shallow=boundary is not None)


def _shallow_boundary(git: str, folder: Path) -> frozenset[str] | None:
    """The commits where a shallow clone's history is cut, or None for a full clone."""
    out = run_git(git, ["rev-parse", "--is-shallow-repository", "--git-path", "shallow"], folder, 30)
    lines = (out or "").split("\n")
    if not lines or lines[0].strip() != "true":
        return None
    shallow_file = Path(lines[1].strip()) if len(lines) > 1 else None
    if shallow_file is not None and not shallow_file.is_absolute():
        shallow_file = folder / shallow_file
    try:
        text = shallow_file.read_text("ascii") if shallow_file is not None else ""
    except OSError:
        text = ""
    return frozenset(line.strip() for line in text.splitlines() if line.strip())
