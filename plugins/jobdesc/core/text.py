"""The text policy: what a YAML text may contain, and how it becomes HTML (once) or plain text.

A text is one paragraph of inline Markdown: **bold**, *italic*, `code`, links to full `https://`,
`http://` or `mailto:` addresses, a hard line break. Nothing else is interpreted: raw HTML, images,
headings, lists and entity references are text. This module is the one place where a text becomes HTML
(`inline`) or plain text (`plain`); everything downstream (pages, titles, navigation, search, PDFs,
exports) takes one of the two and never interprets it again. The validator (`problems`) refuses what
would not be shown as written, so an author learns of it in the pull request, not from the page.

The parser is markdown-it-py's inline parser (CommonMark), whose running time grows linearly with the
text: a text of 4 000 `[` takes 0.07 s (Python-Markdown's inline patterns took minutes on such texts).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from babel import Locale
from babel.numbers import format_currency, format_decimal
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from .messages import M, Msg

# Link targets a text may use: full addresses only, the same on a page, in a PDF and in an export.
# Everything else (javascript:, data:, vbscript:, file:, relative paths and #anchors that a PDF would
# resolve against the build folder, protocol-relative //host) is refused by the validator and shown as
# plain text by the renderer.
_SAFE_LINK = re.compile(r"^(?:https?://[^\s/]|mailto:[^\s])", re.I)

# Characters that draw nothing, on top of the categories Cc/Cf/Z*: a text of only these looks empty.
_BLANK = {"\u2800", "\u3164", "\u115f", "\u1160", "\uffa0", "\u034f", "\u180e", "\u17b4", "\u17b5"}
# Format (Cf), private-use (Co), surrogate (Cs), unassigned (Cn) and control (Cc) characters are
# refused wherever they come from (typed, or written as YAML escapes such as "\u202E", "\a", "\0"),
# except newline and tab; U+200E/U+200F (LRM/RLM) are harmless direction marks for Hebrew.
_ALLOWED_FORMAT = {"\n", "\t", "\u200e", "\u200f"}
_REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn"}
_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")

_SNIPPET = re.compile(r"<[^>\n]{0,40}>?|&[^;\s]{0,20};?")

MAX_TEXT = 4000  # characters; the schema says the same (maxLength)


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["emphasis", "backticks", "link", "image", "escape", "newline"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # every target is judged by the policy below, not silently
    return md


@cache
def _block_parser() -> MarkdownIt:
    # block structure only: the inline content of each block is not parsed (that is _parser's work)
    return MarkdownIt("commonmark", {"html": False}).disable("inline")


# A block construct (heading, list, quote, fence, table, thematic break, setext underline, indented code)
# can only start a line this way, and a blank line inside a text starts a second paragraph; a text with
# neither is one paragraph without asking the parser.
_BLOCK_START = re.compile(r"^(?: {4}|\t| {0,3}(?:[#>*+=|`~_-]|\d{1,9}[.)]))|\n[ \t]*\n", re.M)


def safe_link(href: str) -> bool:
    return bool(_SAFE_LINK.match(href.strip()))


@cache
def _tokens(text: str) -> list[Token]:
    tokens = _parser().parseInline(text)
    return tokens[0].children or [] if tokens else []


def _html(children: list[Token]) -> str:
    out: list[str] = []
    links: list[str] = []  # closing tag of each open link: </a>, or </span> for a refused target
    for tok in children:
        kind = tok.type
        if kind == "text":
            out.append(str(escape(tok.content)))
        elif kind == "code_inline":
            out.append(f"<code>{escape(tok.content)}</code>")
        elif kind in _TAGS:
            out.append(_TAGS[kind])
        elif kind == "softbreak":
            out.append("\n")
        elif kind == "hardbreak":
            out.append("<br>")
        elif kind == "link_open":
            href = str(tok.attrGet("href") or "")
            if safe_link(href):
                out.append(f'<a href="{escape(href)}">')
                links.append("</a>")
            else:
                out.append("<span>")
                links.append("</span>")
        elif kind == "link_close":
            out.append(links.pop() if links else "")
        elif kind == "image":  # no images in a job description: its description, as text
            out.append(str(escape(_plain(tok.children or []))))
        else:  # a rule added later: its text, never markup
            out.append(str(escape(tok.content)))
    out.extend(reversed(links))
    return "".join(out)


_TAGS = {"em_open": "<em>", "em_close": "</em>", "strong_open": "<strong>", "strong_close": "</strong>"}


def _plain(children: list[Token]) -> str:
    out: list[str] = []
    for tok in children:
        if tok.type in ("text", "code_inline"):
            out.append(tok.content)
        elif tok.type == "softbreak":
            out.append(" ")
        elif tok.type == "hardbreak":
            out.append("\n")
        elif tok.type == "image":
            out.append(_plain(tok.children or []))
    return "".join(out)


@cache
def inline(text: str) -> Markup:
    """One YAML text as inline HTML, made once: every character of the text is escaped except the
    markup of the policy above."""
    return Markup(_html(_tokens(text)))


@cache
def plain(text: str) -> str:
    """What a reader sees of a text, as plain text (for titles, metadata, exports, search, PDFs)."""
    return _plain(_tokens(text))


def title_text(text: str) -> str:
    """A text as a one-line plain title (navigation, <title>, PDF metadata)."""
    return " ".join(plain(text).split())


# --------------------------------------------------------------------------------------------------
# The policy as the validator applies it


@dataclass(frozen=True)
class TextProblem:
    message: str


def visible(text: str) -> bool:
    """Does the text draw anything? (Not only spaces, format characters, fillers, braille blanks.)"""
    for ch in plain(text):
        if ch in _BLANK:
            continue
        cat = unicodedata.category(ch)
        if cat[0] in "LNPS":
            return True
    return False


def _describe_char(ch: str) -> Msg | str:
    """`U+200B ZERO WIDTH SPACE` (Unicode's name, the same in every language), or what kind it is."""
    name = unicodedata.name(ch, "")
    if name:
        return f"U+{ord(ch):04X} {name}"
    code = f"U+{ord(ch):04X}"
    return (
        M("text.control-char", code=code)
        if unicodedata.category(ch) == "Cc"
        else M("text.unassigned-char", code=code)
    )


def problems(text: str) -> Iterator[Msg]:
    """Why a text cannot be published as written (plain words; empty when it can)."""
    if len(text) > MAX_TEXT:
        yield M("text.too-long", n=len(text), most=MAX_TEXT)
        return
    if text != text.strip():
        yield M("text.edge-spaces")
    # str.isprintable() is False for every character of the "Other" categories (and separators but the
    # space): a printable text has none of the refused ones, and is not scanned character by character
    bad = (
        []
        if text.isprintable()
        else sorted(
            {
                ch
                for ch in text
                if ch not in _ALLOWED_FORMAT and unicodedata.category(ch) in _REFUSED_CATEGORIES
            }
        )
    )
    if bad:
        yield M("text.invisible", names=[_describe_char(c) for c in bad[:5]])
    if not visible(text):
        yield M("text.shows-nothing")
    m = _HTML.search(text)
    if m:
        snippet = _SNIPPET.match(text, m.start())
        yield M("text.html", html=repr(snippet.group(0) if snippet else m.group(0)))
    blocks = (
        [t.type for t in _block_parser().parse(text) if t.nesting >= 0 and t.type != "inline"]
        if _BLOCK_START.search(text)
        else []
    )
    if blocks and blocks != ["paragraph_open"]:
        yield M("text.not-one-paragraph")
    for tok in _walk(_tokens(text)):
        if tok.type == "image":
            yield M("text.image")
        elif tok.type == "link_open":
            href = str(tok.attrGet("href") or "")
            if not safe_link(href):
                yield M("text.link-refused", href=href)


def _walk(children: list[Token]) -> Iterator[Token]:
    for tok in children:
        yield tok
        if tok.children:
            yield from _walk(tok.children)


# --------------------------------------------------------------------------------------------------
# Numbers and money


@cache
def _money_pattern(lang: str) -> str:
    pattern = str(Locale.parse(lang).currency_formats["standard"].pattern)
    return pattern.split(";")[0].replace(".00", "").replace(",##0.00", ",##0")


def money(amount: int, currency: str, lang: str) -> str:
    """45000 RUB in `ru` -> '45 000 ₽' (no kopecks; grouping and sign placement of the locale)."""
    return format_currency(amount, currency, locale=lang, format=_money_pattern(lang), currency_digits=False)


def number(value: float, lang: str) -> str:
    return format_decimal(value, locale=lang)
