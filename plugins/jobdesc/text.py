"""Inline Markdown from YAML text to safe HTML, and locale-aware numbers and money."""

from __future__ import annotations

import html
import re
from functools import cache
from xml.etree.ElementTree import Element

import markdown
from babel import Locale
from babel.numbers import format_currency, format_decimal
from markupsafe import Markup, escape

_SAFE_SCHEMES = re.compile(r"^(https?:|mailto:|#|/|\.|[A-Za-z0-9_-]+(/|\.|$))", re.I)


class _SafeLinks(markdown.treeprocessors.Treeprocessor):
    """Drop link targets whose scheme is not http(s), mailto or relative (no javascript:, data:, ...)."""

    def run(self, root: Element) -> None:
        for el in root.iter():
            for attr in ("href", "src"):
                value = el.get(attr)
                if value is not None and not _SAFE_SCHEMES.match(value.strip()):
                    del el.attrib[attr]
            if el.tag == "img":  # no images in job descriptions: keep the alt text only
                el.tag = "span"
                el.text = el.get("alt", "")
                el.attrib.clear()


class _NoHtml(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


@cache
def _md() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_NoHtml()], output_format="html")


_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>&\\!#~|]|  \n|^\s*(?:[-+>=]|\d+[.)])", re.M)


@cache
def inline(text: str) -> Markup:
    """Render one YAML text as inline HTML. Raw HTML in the text is shown as text, never run."""
    if not _MARKDOWN_SYNTAX.search(text):
        return escape(text)  # no Markdown in it: most texts; ten times faster than the parser
    md = _md()
    md.reset()
    html = md.convert(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


@cache
def plain(text: str) -> str:
    """Text without Markdown markup, for PDF metadata, exports and titles: what a reader sees."""
    return html.unescape(re.sub(r"<[^>]+>", "", str(inline(text))))


@cache
def _money_pattern(lang: str) -> str:
    pattern = str(Locale.parse(lang).currency_formats["standard"].pattern)
    return pattern.split(";")[0].replace(".00", "").replace(",##0.00", ",##0")


def money(amount: int, currency: str, lang: str) -> str:
    """45000 RUB in `ru` -> '45 000 ₽' (no kopecks; grouping and sign placement of the locale)."""
    return format_currency(amount, currency, locale=lang, format=_money_pattern(lang), currency_digits=False)


def number(value: float, lang: str) -> str:
    return format_decimal(value, locale=lang)
