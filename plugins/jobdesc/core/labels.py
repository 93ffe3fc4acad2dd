"""UI labels: one table of every label in every language (`i18n/labels.yml`)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, cast

import yaml
from babel.units import format_unit

from .model import LANGS


@cache
def table() -> dict[str, Any]:
    """`i18n/labels.yml` as written: nested groups, each label a mapping of the four languages."""
    text = resources.files("jobdesc").joinpath("i18n/labels.yml").read_text("utf-8")
    return cast(dict[str, Any], yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def is_label(node: object) -> bool:
    return isinstance(node, dict) and set(node) == set(LANGS)


@cache
def labels(lang: str) -> dict[str, Any]:
    """The labels in one language, grouped as in the table (`labels("he")["sections"]["duties"]`)."""
    if lang not in LANGS:
        raise KeyError(lang)

    def pick(node: dict[str, Any]) -> dict[str, Any]:
        return {k: v[lang] if is_label(v) else pick(v) for k, v in node.items()}

    return pick(table())


def years_text(years: float, lang: str) -> str:
    """'1 год и более', 'най-малко 3 години', '3 שנים לפחות', 'ən azı 1,5 il', or the words for 'no
    experience required'.

    The number and its noun come from Babel (CLDR: every plural form of the language, the language's
    decimal sign); the language's `experience.years` phrase puts them in a sentence that takes them as
    they are (Russian 'не менее' would need the genitive, which CLDR does not give, so the Russian
    phrase is '{years} и более'). `experience.exact` gives a phrase of its own for a small number
    where the language has one (Hebrew: שנתיים, two years)."""
    lab = labels(lang)["experience"]
    if years <= 0:
        return str(lab["none"])
    value: int | Decimal = int(years) if float(years).is_integer() else Decimal(str(years))
    exact = lab.get("exact") or []
    if isinstance(value, int) and value < len(exact) and exact[value]:
        return str(exact[value])
    counted = format_unit(value, "duration-year", length="long", locale=lang)
    return str(lab["years"]).format(years=counted)


def experience_text(years: float, kind: str | None, lang: str) -> str:
    """Years and kind of experience; a kind without a number of years stands alone."""
    if years <= 0 and kind:
        return kind
    return years_text(years, lang)
