"""Errors as values: every problem found in the YAML carries file, line, column and field path."""

from __future__ import annotations

from dataclasses import dataclass, field

from .messages import say

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """`('duties', 2, 'text', 'he')` -> `duties[3].text.he` (list positions count from 1, as HR does)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file; `line` and `column` count from 1 (0 when unknown)."""

    file: str
    line: int
    column: int
    path: str
    message: str
    # the offending line quoted with a caret under the column (syntax errors), for the text format
    excerpt: str = field(default="", compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def said(self, lang: str) -> str:
        """`file:line:column: field: message` with the message in `lang` (the rest is the same in every
        language)."""
        where = f"{self.file}:{self.line}:{self.column}"
        text = say(self.message, lang)
        return f"{where}: {self.path}: {text}" if self.path else f"{where}: {text}"

    def shown(self, lang: str) -> str:
        """`said(lang)`, then the quoted line with its caret where there is one: what a person reads."""
        return self.said(lang) + (f"\n{self.excerpt}" if self.excerpt else "")


class ValidationFailed(Exception):
    """Raised with every problem found, never with only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
