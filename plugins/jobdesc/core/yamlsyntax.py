"""YAML syntax errors in plain words, at the place the mistake was made.

The parser reports where it gave up, in its own terms: a missing closing quote on line 13 comes out as
"did not find expected key" at 14:8, one space too many before `he:` as "mapping values are not allowed
in this context". Here the text around the error is looked at again and the common mistakes of people
who edit YAML by hand are told as they are:

- a quote (or a `[` / `{`) opened and never closed: at the place it opens;
- a line indented differently from the block it belongs to: which line, how far, against which line above;
- a colon followed by a space inside a text: "put the text in quotes";
- a tab used for indentation.

Anything else keeps the parser's words, at the parser's place. Every message is a catalogue message
(`messages.py`), so it is said in the reader's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .messages import M, Msg


@dataclass(frozen=True)
class SyntaxProblem:
    line: int  # from 1
    column: int  # from 1
    message: Msg


EXCERPT_WIDTH = 80  # characters of the quoted line


def excerpt(text: str, line: int, column: int) -> str:
    """The line `line` of `text` quoted, with a caret under column `column` (both from 1)."""
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return ""
    src = lines[line - 1].replace("\t", " ")
    col = max(1, min(column, len(src) + 1))
    if len(src) > EXCERPT_WIDTH:  # a long text: the part around the caret, cut with "…"
        start = max(0, min(col - 1 - EXCERPT_WIDTH // 3, len(src) - EXCERPT_WIDTH))
        end = start + EXCERPT_WIDTH
        shown = ("…" if start else "") + src[start:end] + ("…" if end < len(src) else "")
        col = col - start + (1 if start else 0)
        src = shown
    num = f"{line:>5} | "
    return f"{num}{src}\n{' ' * (len(num) - 2)}| {' ' * (col - 1)}^"


def _indent(s: str) -> int:
    return len(s) - len(s.lstrip(" "))


def _content(s: str) -> bool:
    t = s.strip()
    return bool(t) and not t.startswith("#")


_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[^\s#'\"\[\]{},][^:#]*:(?:\s|$)")
_SWALLOWED = re.compile(r"^\s*(?:-\s+)?[\w-]+:(?:\s|$)")


def _quoted_tokens(text: str) -> list[yaml.ScalarToken]:
    """The quoted scalars the pure-Python scanner reads before it stops (it scans on past parse errors)."""
    found: list[yaml.ScalarToken] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                found.append(token)
    except yaml.YAMLError:
        pass
    return found


def _unclosed_quote(text: str, exc: yaml.MarkedYAMLError) -> SyntaxProblem | None:
    lines = text.split("\n")
    ctx = exc.context_mark
    if exc.context == "while scanning a quoted scalar" and ctx is not None:
        quote = lines[ctx.line][ctx.column] if ctx.column < len(lines[ctx.line]) else '"'
        return SyntaxProblem(ctx.line + 1, ctx.column + 1, M("yaml.quote-not-closed", quote=quote))
    err = exc.problem_mark
    for token in _quoted_tokens(text):
        start, end = token.start_mark, token.end_mark
        if start.line == end.line or (err is not None and start.line > err.line):
            continue
        # a quoted text that runs on over a line that looks like the next key: its quote was not closed
        if any(_SWALLOWED.match(lines[n]) for n in range(start.line + 1, min(end.line, len(lines) - 1) + 1)):
            quote = token.style or '"'
            return SyntaxProblem(start.line + 1, start.column + 1, M("yaml.quote-not-closed", quote=quote))
    return None


def _unclosed_bracket(text: str, exc: yaml.MarkedYAMLError) -> SyntaxProblem | None:
    ctx, err = exc.context_mark, exc.problem_mark
    if (
        ctx is None
        or err is None
        or exc.context
        not in (
            "while parsing a flow sequence",
            "while parsing a flow mapping",
        )
    ):
        return None
    if err.line == ctx.line:
        return None
    line = text.split("\n")[ctx.line]
    opening = line[ctx.column] if ctx.column < len(line) else "["
    closing = "]" if opening == "[" else "}"
    return SyntaxProblem(
        ctx.line + 1, ctx.column + 1, M("yaml.bracket-not-closed", opening=opening, closing=closing)
    )


def _colon_in_text(text: str, exc: yaml.MarkedYAMLError) -> SyntaxProblem | None:
    err = exc.problem_mark
    if err is None:
        return None
    lines = text.split("\n")
    if err.line >= len(lines):
        return None
    line = lines[err.line]
    if err.column >= len(line) or line[err.column] != ":":
        return None
    before = line[: err.column]
    flow = exc.context in ("while parsing a flow mapping", "while parsing a flow sequence")
    if flow:
        m = re.search(r"[{,]\s*([^\s:{},]+):\s+([^,{}]*)$", before)
    else:
        m = re.match(r"^\s*(?:-\s+)?([^\s:#]+):\s+(\S.*)$", before) or re.match(r"^\s*-\s+()(\S.*)$", before)
    if not m:
        return None
    key, start = m.group(1), m.start(2)
    value = re.split(r",\s|[}\]]", line[start:])[0] if flow else line[start:]
    example = f'{key}: "{value.strip()}"' if key else f'- "{value.strip()}"'
    return SyntaxProblem(err.line + 1, start + 1, M("yaml.colon-in-text", example=example))


_BLOCK_ERRORS = (
    "mapping values are not allowed",
    "did not find expected key",
    "did not find expected '-' indicator",
    "expected <block end>",
    "could not find expected ':'",
    "while parsing a block",
)


def _bad_indent(text: str, exc: yaml.MarkedYAMLError) -> SyntaxProblem | None:
    err = exc.problem_mark
    words = f"{exc.problem or ''} {exc.context or ''}"
    if err is None or not any(w in words for w in _BLOCK_ERRORS):
        return None
    lines = text.split("\n")
    # the error is on the misplaced line or, for a line indented too little, sometimes on the next one
    for n in (err.line, err.line - 1):
        if not 0 < n < len(lines) or not _content(lines[n]):
            continue
        here = _indent(lines[n])
        prev = next((p for p in range(n - 1, -1, -1) if _content(lines[p])), None)
        if prev is None:
            continue
        above = _indent(lines[prev])
        opens = lines[prev].rstrip().endswith(":") or lines[prev].strip() == "-"
        if here == above or (opens and here > above):
            continue
        # the columns a line may start at here: the block of the line above and every block around it
        levels: list[tuple[int, int]] = [(above, prev + 1)]
        for p in range(prev - 1, -1, -1):
            if _content(lines[p]) and _indent(lines[p]) < levels[-1][0]:
                levels.append((_indent(lines[p]), p + 1))
        if here in {c for c, _ in levels}:
            continue
        if here > above:
            message = M(
                "yaml.indent-more",
                line=n + 1,
                spaces=here,
                above=prev + 1,
                above_spaces=above,
                extra=here - above,
            )
        else:
            choices = [M("yaml.indent-choice", spaces=c, line=ln) for c, ln in levels]
            message = M("yaml.indent-between", line=n + 1, spaces=here, choices=choices)
        return SyntaxProblem(n + 1, here + 1, message)
    return None


def explain(text: str, exc: yaml.MarkedYAMLError) -> SyntaxProblem:
    """The plain account of the syntax error `exc` in `text`."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or str(exc)
    lines = text.split("\n")
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in bad_line[: col + 1] or "found character '\\t'" in what:
        tab = bad_line.find("\t")
        return SyntaxProblem(line, tab + 1 if tab >= 0 else col, M("yaml.tab"))
    for rule in (_unclosed_quote, _unclosed_bracket, _colon_in_text, _bad_indent):
        found = rule(text, exc)
        if found is not None:
            return found
    context = f" ({exc.context})" if exc.context else ""
    return SyntaxProblem(line, col, M("yaml.other", parser=f"{what}{context}"))
