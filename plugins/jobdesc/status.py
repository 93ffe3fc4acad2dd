"""Translation status: for every position and language, which texts are missing and which are outdated.

A translation is outdated when its Russian source line was changed in a later commit than the
translation's own line (`git blame`; uncommitted edits count as the newest). Texts written on one line
(`{ru: ..., bg: ...}`) cannot be told apart this way and count as current. Where git cannot tell (no
repository, or a shallow clone whose history is cut) the state is `unknown`, never "up to date".
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ValidationFailed, format_path
from .history import FolderHistory, folder_history, run_git
from .model import DEFAULT_LANG, LANGS
from .validate import display_path, position_files, text_maps
from .yamlload import LoadError, read_file


@dataclass
class Status:
    position: str
    file: str
    missing: dict[str, list[str]] = field(default_factory=lambda: {lang: [] for lang in LANGS})
    outdated: dict[str, list[str]] = field(default_factory=lambda: {lang: [] for lang in LANGS})
    texts: int = 0
    unknown: bool = False  # git could not tell which translations are outdated (shallow clone, no git)


def blame_times(path: Path) -> dict[int, float] | None:
    """Line number -> time of the commit that last changed it; None where git cannot tell."""
    git = shutil.which("git")
    out = run_git(git, ["blame", "--line-porcelain", "--", path.name], path.parent, 30) if git else None
    if out is None:
        return None
    times: dict[int, float] = {}
    line = 0
    stamp = 0.0
    uncommitted = False
    for row in out.splitlines():
        if row.startswith("\t"):
            times[line] = time.time() if uncommitted else stamp
            continue
        parts = row.split(" ")
        if len(parts) >= 3 and len(parts[0]) == 40 and all(c in "0123456789abcdef" for c in parts[0]):
            line = int(parts[2])
            uncommitted = parts[0] == "0" * 40
        elif parts[0] == "committer-time":
            stamp = float(parts[1])
    return times


def file_status(path: Path, shown: str, needs_blame: bool = True, unknown: bool = False) -> Status:
    doc = read_file(str(path), shown)
    blamed = blame_times(path) if needs_blame and not unknown else {}
    times = blamed or {}
    st = Status(path.stem, shown, unknown=unknown or blamed is None)
    for where, text in text_maps(doc.data):
        st.texts += 1
        src_line = doc.places.get((*where, DEFAULT_LANG), (0, 0))[0]
        for lang in LANGS:
            if lang == DEFAULT_LANG:
                continue
            if lang not in text or not str(text[lang]).strip():
                st.missing[lang].append(format_path(where))
                continue
            line = doc.places.get((*where, lang), (0, 0))[0]
            if line != src_line and times.get(src_line, 0) > times.get(line, 0):
                st.outdated[lang].append(format_path(where))
    return st


def translation_status(
    positions_dir: Path, display_root: Path | None = None, hist: FolderHistory | None = None
) -> list[Status]:
    """Status of every position file; `hist` is the folder's git history when the caller has it already."""
    base = display_root or positions_dir.parent
    hist = hist if hist is not None else folder_history(positions_dir)
    out = []
    for path in position_files(positions_dir):
        # a file committed once and unchanged since cannot hold a translation older than its source
        needs_blame = len(hist.changes.get(path.name, ())) > 1 or path.name in hist.modified
        unknown = hist.shallow or not (hist.changes or hist.modified)  # cut history, or none at all
        shown = display_path(base, path)  # a link is named as the link, never as its target
        try:
            out.append(file_status(path, shown, needs_blame, unknown))
        except LoadError as exc:
            raise ValidationFailed(exc.problems) from None
    return out


def cell(st: Status, lang: str) -> str:
    if lang == DEFAULT_LANG:
        return "source"
    m, o = len(st.missing[lang]), len(st.outdated[lang])
    if not m and not o:
        return "unknown" if st.unknown else "ok"
    return ", ".join(x for x in (f"{m} missing" if m else "", f"{o} outdated" if o else "") if x)


def cmd_status(args: argparse.Namespace) -> int:
    if not Path(args.dir).is_dir():
        print(f"jobdesc: {args.dir}: no such folder (give the positions folder with --dir)", file=sys.stderr)
        return 2
    try:
        rows = translation_status(Path(args.dir), Path.cwd())
    except ValidationFailed as exc:
        print("\n".join(map(str, exc.problems)))
        return 1
    if not rows:
        print("no positions")
        return 0
    width = max(len(r.position) for r in rows) + 2
    cols = [max(len(lang), *(len(cell(r, lang)) for r in rows)) + 2 for lang in LANGS]
    print("position".ljust(width) + "".join(lang.ljust(w) for lang, w in zip(LANGS, cols, strict=True)))
    for r in rows:
        print(
            r.position.ljust(width)
            + "".join(cell(r, lang).ljust(w) for lang, w in zip(LANGS, cols, strict=True))
        )
    if args.details:
        for r in rows:
            for lang in LANGS:
                for p in r.missing[lang]:
                    print(f"{r.file}: {p}.{lang}: missing")
                for p in r.outdated[lang]:
                    print(f"{r.file}: {p}.{lang}: outdated (the Russian text changed after this translation)")
    todo = sum(len(r.missing[lang]) + len(r.outdated[lang]) for r in rows for lang in LANGS)
    total = sum(r.texts for r in rows) * (len(LANGS) - 1)
    done = 100.0 * (total - todo) / total if total else 100.0
    if any(r.unknown for r in rows):
        print("\nwhether translations are current is unknown: git history is missing or cut (shallow clone)")
        print(f"translations complete: {done:.1f}%")
    else:
        print(f"\ntranslations complete and current: {done:.1f}%")
    return 1 if args.check and todo else 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("status", help="translation status: positions x languages, missing or outdated texts")
    p.add_argument("--dir", default="positions")
    p.add_argument("--details", action="store_true", help="list every missing or outdated text")
    p.add_argument("--check", action="store_true", help="exit 1 when a text is missing or outdated")
    p.set_defaults(func=cmd_status)
