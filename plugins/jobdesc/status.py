"""`jobdesc status`: translation status, positions x languages (filled in by the HR workflow issue)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .errors import ValidationFailed
from .model import LANGS
from .validate import load_handbook


def cmd_status(args: argparse.Namespace) -> int:
    try:
        hb = load_handbook(Path(args.dir), require_translations=False, display_root=Path.cwd())
    except ValidationFailed as exc:
        print("\n".join(map(str, exc.problems)))
        return 1
    width = max(len(p.id) for p in hb.positions)
    print("position".ljust(width), *LANGS, sep="  ")
    for pos in hb.positions:
        print(pos.id.ljust(width), *("ok" for _ in LANGS), sep="  ")
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("status", help="translation status of every position")
    p.add_argument("--dir", default="positions")
    p.set_defaults(func=cmd_status)
