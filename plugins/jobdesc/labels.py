"""UI labels: one small YAML file per language (`i18n/<lang>.yml`)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, cast

import yaml

from .model import LANGS


@cache
def labels(lang: str) -> dict[str, Any]:
    if lang not in LANGS:
        raise KeyError(lang)
    text = resources.files("jobdesc").joinpath(f"i18n/{lang}.yml").read_text("utf-8")
    return cast(dict[str, Any], yaml.safe_load(text))


def years_text(years: float, lang: str) -> str:
    """'не менее 2 лет', 'най-малко 1 година', ... or the words for 'no experience required'."""
    lab = labels(lang)["experience"]
    if years <= 0:
        return str(lab["none"])
    one, few, many = lab["units"]
    n = int(years) if float(years).is_integer() else None
    if n is None:
        unit = few
    elif lang == "ru":
        unit = one if n % 10 == 1 and n % 100 != 11 else many
    else:
        unit = one if n == 1 else few
    exact = lab.get("exact") or []  # words of its own for a small number (Hebrew: שנתיים, two years)
    if n is not None and n < len(exact) and exact[n]:
        return str(exact[n])
    shown = str(n) if n is not None else str(years).replace(".", "," if lang in ("ru", "bg", "az") else ".")
    return str(lab["years"]).format(n=shown, unit=unit)


def experience_text(years: float, kind: str | None, lang: str) -> str:
    """Years and kind of experience; a kind without a number of years stands alone."""
    if years <= 0 and kind:
        return kind
    return years_text(years, lang)
