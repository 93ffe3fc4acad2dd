"""UI labels: the same keys in every language, every enum of the schema named in every language."""

from __future__ import annotations

from typing import Any

import pytest

from jobdesc.labels import experience_text, labels, years_text
from jobdesc.model import LANGS
from jobdesc.validate import schema

pytestmark = pytest.mark.unit


def keys(d: Any, prefix: str = "") -> set[str]:
    if isinstance(d, dict):
        return {k2 for k, v in d.items() for k2 in keys(v, f"{prefix}{k}.")} | {prefix.rstrip(".")}
    return {prefix.rstrip(".")}


def test_same_keys_in_every_language() -> None:
    ru = keys(labels("ru"))
    for lang in LANGS:
        assert keys(labels(lang)) == ru, lang


def test_every_enum_value_has_a_label() -> None:
    s = schema("position")["properties"]
    for lang in LANGS:
        lab = labels(lang)
        assert set(s["category"]["enum"]) == set(lab["categories"])
        assert set(s["work_format"]["enum"]) == set(lab["work_formats"])
        assert set(s["qualification"]["properties"]["education"]["properties"]["level"]["enum"]) == set(
            lab["education"]
        )
        assert set(schema("position")["$defs"]["liability"]["enum"]) == set(lab["liability"])
        assert set(s["salary"]["properties"]["period"]["enum"]) == set(lab["salary"]["period"])


@pytest.mark.parametrize(
    ("lang", "years", "words"),
    [
        ("ru", 1, "не менее 1 года"),
        ("ru", 2, "не менее 2 лет"),
        ("ru", 5, "не менее 5 лет"),
        ("ru", 21, "не менее 21 года"),
        ("bg", 1, "най-малко 1 година"),
        ("bg", 3, "най-малко 3 години"),
        ("he", 1, "שנה אחת לפחות"),
        ("he", 2, "שנתיים לפחות"),
        ("he", 3, "3 שנים לפחות"),
        ("az", 3, "ən azı 3 il"),
        ("ru", 0, "без требований к стажу"),
    ],
)
def test_years_of_experience_in_words(lang: str, years: float, words: str) -> None:
    assert years_text(years, lang) == words


def test_experience_kind_without_years_stands_alone() -> None:
    assert experience_text(0, "опыт в аналогичной должности", "ru") == "опыт в аналогичной должности"
    assert experience_text(2, "в продажах", "ru") == "не менее 2 лет"
