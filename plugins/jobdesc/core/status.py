"""Translation status: for every position and language, which texts are missing and which are outdated.

A translation is outdated when the Russian text changed after the translation was last checked, as
recorded in `positions/_translations.yml` (`jobdesc.core.translations`; `jobdesc confirm` records a check).
That is data in the repository, not history: the status is the same in a shallow clone, a fresh export
or a folder without git.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ValidationFailed, format_path
from .messages import M, add_lang_option, choose, say
from .model import DEFAULT_LANG, LANGS
from .translations import Lock, Outdated, outdated_in, read_lock, text_maps
from .validate import display_path, position_files
from .yamlload import LoadError, read_file


@dataclass
class Status:
    position: str
    file: str
    missing: dict[str, list[str]] = field(default_factory=lambda: {lang: [] for lang in LANGS})
    outdated: dict[str, list[str]] = field(default_factory=lambda: {lang: [] for lang in LANGS})
    texts: int = 0
    items: list[Outdated] = field(default_factory=list)  # the outdated texts, with their places


def file_status(path: Path, shown: str, lock: Lock) -> Status:
    doc = read_file(str(path), shown)
    st = Status(path.stem, shown)
    for where, text in text_maps(doc.data):
        st.texts += 1
        for lang in LANGS:
            if lang != DEFAULT_LANG and (lang not in text or not str(text[lang]).strip()):
                st.missing[lang].append(format_path(where))
    st.items = outdated_in(doc, path.name, lock)[1]
    for item in st.items:
        for lang in item.langs:
            st.outdated[lang].append(item.path)
    return st


def translation_status(positions_dir: Path, display_root: Path | None = None) -> list[Status]:
    """Status of every position file."""
    base = display_root or positions_dir.parent
    lock, problems = read_lock(positions_dir, display_path(base, positions_dir / "_translations.yml"))
    if problems:
        raise ValidationFailed(problems)
    out = []
    for path in position_files(positions_dir):
        shown = display_path(base, path)  # a link is named as the link, never as its target
        try:
            out.append(file_status(path, shown, lock))
        except LoadError as exc:
            raise ValidationFailed(exc.problems) from None
    return out


def cell(st: Status, lang: str, ui: str = "en") -> str:
    if lang == DEFAULT_LANG:
        return say(M("status.source"), ui)
    m, o = len(st.missing[lang]), len(st.outdated[lang])
    if not m and not o:
        return say(M("status.ok"), ui)
    parts = [M("status.missing", n=m) if m else "", M("status.outdated", n=o) if o else ""]
    return ", ".join(say(x, ui) for x in parts if x)


def cmd_status(args: argparse.Namespace) -> int:
    from babel.numbers import format_decimal

    ui = choose(getattr(args, "ui_lang", None))
    if not Path(args.dir).is_dir():
        print(f"jobdesc: {say(M('status.no-folder', folder=args.dir), ui)}", file=sys.stderr)
        return 2
    try:
        rows = translation_status(Path(args.dir), Path.cwd())
    except ValidationFailed as exc:
        print("\n".join(p.shown(ui) for p in exc.problems))
        return 1
    if not rows:
        print(say(M("status.no-positions"), ui))
        return 0
    head = say(M("status.position"), ui)
    width = max(len(head), *(len(r.position) for r in rows)) + 2
    cols = [max(len(lang), *(len(cell(r, lang, ui)) for r in rows)) + 2 for lang in LANGS]
    print(head.ljust(width) + "".join(lang.ljust(w) for lang, w in zip(LANGS, cols, strict=True)))
    for r in rows:
        print(
            r.position.ljust(width)
            + "".join(cell(r, lang, ui).ljust(w) for lang, w in zip(LANGS, cols, strict=True))
        )
    if args.details:
        for r in rows:
            for lang in LANGS:
                for p in r.missing[lang]:
                    print(f"{r.file}: {p}.{lang}: {say(M('status.detail-missing'), ui)}")
                for p in r.outdated[lang]:
                    print(f"{r.file}: {p}.{lang}: {say(M('status.detail-outdated'), ui)}")
    todo = sum(len(r.missing[lang]) + len(r.outdated[lang]) for r in rows for lang in LANGS)
    total = sum(r.texts for r in rows) * (len(LANGS) - 1)
    done = 100.0 * (total - todo) / total if total else 100.0
    percent = format_decimal(done, "0.0", locale=ui)
    print("\n" + say(M("status.summary", percent=percent), ui))
    return 1 if args.check and todo else 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("status", help="translation status: positions x languages, missing or outdated texts")
    p.add_argument("--dir", default="positions")
    p.add_argument("--details", action="store_true", help="list every missing or outdated text")
    p.add_argument("--check", action="store_true", help="exit 1 when a text is missing or outdated")
    add_lang_option(p)

    p.set_defaults(func=cmd_status)
