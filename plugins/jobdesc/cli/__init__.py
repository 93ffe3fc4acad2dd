"""`jobdesc` command line: validate positions for HR and CI, scaffold new positions, translation status."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ..core.errors import Problem, ValidationFailed
from ..core.messages import MESSAGE_LANGS, M, Msg, add_lang_option, choose, say
from ..core.model import LANGS, Handbook
from ..core.validate import (
    CATALOGUE_FILE,
    POSITION_SUFFIXES,
    check_files,
    is_position_file_name,
    load_handbook,
)

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _format(problems: list[Problem], fmt: str, lang: str = "en") -> str:
    if fmt == "json":
        return json.dumps(
            [
                {
                    "file": p.file,
                    "line": p.line,
                    "column": p.column,
                    "path": p.path,
                    "message": say(p.message, lang),
                    **({"id": p.message.key} if isinstance(p.message, Msg) else {}),
                }
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
            f"title={esc(p.path or 'position')}::{esc(say(p.message, lang))}"
            for p in problems
        )
    return "\n".join(p.shown(lang) for p in problems)


def _load(folder: Path, require_translations: bool = True) -> Handbook:
    return load_handbook(folder, require_translations=require_translations, display_root=Path.cwd())


def _targets(paths: list[str]) -> dict[Path, set[str] | None] | Msg:
    """Folder -> the file names named in it (None: the whole folder); or a usage error."""
    folders: dict[Path, set[str] | None] = {}
    for raw in paths or ["positions"]:
        t = Path(raw)
        if t.is_dir():
            folders[Path(os.path.normpath(t))] = None
            continue
        if not os.path.lexists(t) or not t.name.lower().endswith(POSITION_SUFFIXES):
            return M("cli.no-such-target", target=str(t))
        if t.name != CATALOGUE_FILE and not is_position_file_name(t.name):
            return M("cli.not-a-position-file", target=str(t))
        only = folders.setdefault(Path(os.path.normpath(t.parent)), set())
        if only is not None:
            only.add(t.name)
    return folders


def _outdated(folders: dict[Path, set[str] | None]) -> list[Problem]:
    """Translations not checked against the current Russian text, as warnings (of the named files only)."""
    from ..core.translations import outdated_in_folder
    from ..core.validate import display_path

    found: list[Problem] = []
    for folder, only in folders.items():
        try:
            items = outdated_in_folder(folder, lambda p: display_path(Path.cwd(), p))
        except OSError:
            continue
        found += [o.problem() for o in items if only is None or Path(o.file).name in only]
    return found


def _print_warnings(warnings: list[Problem], fmt: str, lang: str) -> None:
    if fmt == "github":
        print(_format(warnings, fmt, lang).replace("::error ", "::warning "))
    elif fmt == "text":
        word = say(M("cli.warning"), lang)
        print(
            "\n".join(
                f"{w.file}:{w.line}:{w.column}: {w.path}: {word}: {say(w.message, lang)}" for w in warnings
            )
        )
        print("\n" + say(M("cli.warnings-summary", n=len(warnings)), lang), file=sys.stderr)


def cmd_validate(args: argparse.Namespace) -> int:
    lang = choose(getattr(args, "ui_lang", None))
    folders = _targets(args.paths)
    if isinstance(folders, Msg):
        print(f"jobdesc: {say(folders, lang)}", file=sys.stderr)
        return EXIT_USAGE
    require = not args.allow_missing_translations
    problems: list[Problem] = []
    positions = named = 0
    for folder, only in folders.items():
        if only is None:
            try:
                positions += len(_load(folder, require).positions)
            except ValidationFailed as exc:
                problems.extend(exc.problems)
        else:
            names = [n for n in only if n != CATALOGUE_FILE]
            named += len(only)
            problems.extend(check_files(folder, names, require_translations=require, display_root=Path.cwd()))
    warnings = _outdated(folders)
    if problems:
        print(_format(problems, args.format, lang))
        if args.format == "text":
            files = len({p.file for p in problems})
            print("\n" + say(M("cli.problems-summary", n=len(problems), files=files), lang), file=sys.stderr)
        return EXIT_INVALID
    if warnings:
        _print_warnings(warnings, args.format, lang)
    if args.format == "json":
        print("[]")
    elif args.format == "text":
        if named and not positions:
            ok = M("cli.ok-files", n=named, langs=len(LANGS))
        elif named:
            ok = M("cli.ok-positions-and-files", n=positions, files=named, langs=len(LANGS))
        else:
            ok = M("cli.ok-positions", n=positions, langs=len(LANGS))
        print(say(ok, lang))
    return EXIT_OK


def _quiet_stdout() -> None:
    """Send what is still buffered for stdout nowhere, so the interpreter's last flush cannot fail
    (and print "Exception ignored ..." after our one line)."""
    with contextlib.suppress(OSError, AttributeError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _say(message: str) -> None:
    """One line on stderr, if stderr can take it."""
    with contextlib.suppress(OSError, AttributeError, ValueError):
        print(f"jobdesc: {message}", file=sys.stderr, flush=True)


def _os_error(exc: OSError) -> str | Msg:
    what = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is not None:
        target = f" -> {exc.filename2}" if exc.filename2 is not None else ""
        return f"{exc.filename}{target}: {what}"
    return M("cli.cannot-write-output", where=_stdout_name(), reason=what)


def _stdout_name() -> str | Msg:
    """Where stdout goes (`/dev/full`, a file), as far as the system says."""
    try:
        return os.readlink(f"/proc/self/fd/{sys.stdout.fileno()}")
    except (OSError, AttributeError, ValueError):
        return M("cli.standard-output")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jobdesc", description="Job descriptions from YAML.")
    parser.add_argument(
        "--lang",
        dest="ui_lang",
        choices=MESSAGE_LANGS,
        help="the language of the messages of every command, e.g. `jobdesc --lang ru confirm positions` "
        "(validate, new, status and build also take it after the command)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check position files; exit 1 when there are problems")
    p.add_argument("paths", nargs="*", help="positions folder(s) or .yml/.yaml files (default: positions)")
    p.add_argument("--format", choices=["text", "github", "json"], default="text")
    p.add_argument(
        "--allow-missing-translations",
        action="store_true",
        help="accept texts without all four languages (the site then shows the Russian text)",
    )
    add_lang_option(p)
    p.set_defaults(func=cmd_validate)
    from ..core import status, translations
    from . import build, scaffold

    build.add_parser(sub)
    scaffold.add_parser(sub)
    status.add_parser(sub)
    translations.add_parser(sub)
    ui = choose()
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:
            code = int(exc.code or 0) and EXIT_USAGE
        else:
            ui = choose(args.ui_lang)
            code = int(args.func(args))
        if sys.stdout is not None:
            sys.stdout.flush()
        return code
    except BrokenPipeError:  # the reader went away (`jobdesc validate | head -1`): nothing to say
        _quiet_stdout()
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        message = _os_error(exc)
        _quiet_stdout()
        _say(say(message, ui))
        return EXIT_INVALID
    except Exception as exc:  # a bug: still one line, never a traceback
        _quiet_stdout()
        _say(say(M("cli.unexpected", error=f"{type(exc).__name__}: {exc}"), ui))
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
