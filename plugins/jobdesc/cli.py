"""`jobdesc` command line: validate positions for HR and CI, scaffold new positions, translation status."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import Problem, ValidationFailed
from .model import LANGS, Handbook
from .validate import load_handbook

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _format(problems: list[Problem], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(
            [
                {"file": p.file, "line": p.line, "column": p.column, "path": p.path, "message": p.message}
                for p in problems
            ],
            ensure_ascii=False,
            indent=2,
        )
    if fmt == "github":

        def esc(s: str) -> str:
            return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        return "\n".join(
            f"::error file={p.file},line={max(p.line, 1)},col={max(p.column, 1)},"
            f"title={esc(p.path or 'position')}::{esc(p.message)}"
            for p in problems
        )
    return "\n".join(map(str, problems))


def _load(folder: Path, require_translations: bool = True) -> Handbook:
    return load_handbook(folder, require_translations=require_translations, display_root=Path.cwd())


def cmd_validate(args: argparse.Namespace) -> int:
    targets = [Path(p) for p in args.paths] or [Path("positions")]
    folders: dict[Path, set[str] | None] = {}
    for t in targets:
        if t.is_dir():
            folders[t] = None
        elif t.suffix in (".yml", ".yaml") and t.exists():
            only = folders.setdefault(t.parent, set())
            if only is not None:
                only.add(t.resolve().as_posix())
        else:
            print(f"jobdesc: {t}: no such folder or .yml file", file=sys.stderr)
            return EXIT_USAGE
    problems: list[Problem] = []
    count = 0
    for folder, only in folders.items():
        try:
            hb = _load(folder, not args.allow_missing_translations)
            count += len(hb.positions)
        except ValidationFailed as exc:
            for p in exc.problems:
                if only is None or Path(p.file).resolve().as_posix() in only:
                    problems.append(p)
    if problems:
        print(_format(problems, args.format))
        if args.format == "text":
            files = len({p.file for p in problems})
            print(f"\n{len(problems)} problem(s) in {files} file(s).", file=sys.stderr)
        return EXIT_INVALID
    if args.format == "json":
        print("[]")
    elif args.format == "text":
        print(f"OK: {count} position(s) valid in {len(LANGS)} languages.")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jobdesc", description="Job descriptions from YAML.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check position files; exit 1 when there are problems")
    p.add_argument("paths", nargs="*", help="positions folder(s) or .yml files (default: positions)")
    p.add_argument("--format", choices=["text", "github", "json"], default="text")
    p.add_argument(
        "--allow-missing-translations",
        action="store_true",
        help="accept texts without all four languages (the site then shows the Russian text)",
    )
    p.set_defaults(func=cmd_validate)
    from . import build, scaffold, status

    build.add_parser(sub)
    scaffold.add_parser(sub)
    status.add_parser(sub)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
