"""UI labels: the same keys in every language, every enum of the schema named in every language."""

from __future__ import annotations

from typing import Any

import pytest

from jobdesc.core.labels import experience_text, is_label, labels, table, years_text
from jobdesc.core.model import LANGS
from jobdesc.core.validate import schema

pytestmark = pytest.mark.unit


def keys(d: Any, prefix: str = "") -> set[str]:
    if isinstance(d, dict):
        return {k2 for k, v in d.items() for k2 in keys(v, f"{prefix}{k}.")} | {prefix.rstrip(".")}
    return {prefix.rstrip(".")}


def test_every_label_has_its_words_in_every_language() -> None:
    def walk(node: Any, path: str) -> list[str]:
        if is_label(node):
            return [path] if any(node[lang] is None for lang in LANGS) else []
        assert isinstance(node, dict) and node, f"{path}: a group of labels, or a label in {LANGS}"
        return [p for k, v in node.items() for p in walk(v, f"{path}.{k}")]

    assert walk(table(), "labels") == []


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


# Babel's counted form (CLDR plurals, the language's decimal sign) in a phrase that takes it as it is:
# Russian '... и более' (after 'не менее' the genitive would be needed: 'не менее 3 лет', never '3 года');
# Hebrew has words of its own for one and two years.
@pytest.mark.parametrize(
    ("lang", "years", "words"),
    [
        ("ru", 1, "1 год и более"),
        ("ru", 2, "2 года и более"),
        ("ru", 3, "3 года и более"),
        ("ru", 5, "5 лет и более"),
        ("ru", 11, "11 лет и более"),
        ("ru", 21, "21 год и более"),
        ("ru", 1.5, "1,5 года и более"),
        ("bg", 1, "най-малко 1 година"),
        ("bg", 2, "най-малко 2 години"),
        ("bg", 3, "най-малко 3 години"),
        ("bg", 5, "най-малко 5 години"),
        ("bg", 11, "най-малко 11 години"),
        ("bg", 21, "най-малко 21 години"),
        ("bg", 1.5, "най-малко 1,5 години"),
        ("he", 1, "שנה אחת לפחות"),
        ("he", 2, "שנתיים לפחות"),
        ("he", 3, "3 שנים לפחות"),
        ("he", 5, "5 שנים לפחות"),
        ("he", 11, "11 שנים לפחות"),
        ("he", 21, "21 שנים לפחות"),
        ("he", 1.5, "1.5 שנים לפחות"),
        ("az", 1, "ən azı 1 il"),
        ("az", 2, "ən azı 2 il"),
        ("az", 3, "ən azı 3 il"),
        ("az", 5, "ən azı 5 il"),
        ("az", 11, "ən azı 11 il"),
        ("az", 21, "ən azı 21 il"),
        ("az", 1.5, "ən azı 1,5 il"),
        ("ru", 0, "без требований к стажу"),
        ("he", 0, "ללא דרישת ניסיון"),
    ],
)
def test_years_of_experience_in_words(lang: str, years: float, words: str) -> None:
    assert years_text(years, lang) == words


@pytest.mark.parametrize("lang", LANGS)
def test_a_whole_number_of_years_given_as_a_float_reads_like_the_integer(lang: str) -> None:
    for n in (1, 2, 3, 5, 11, 21):
        assert years_text(float(n), lang) == years_text(n, lang)


def test_more_russian_plural_forms() -> None:
    """CLDR's one/few/many, not a hand-written rule: 12-14 take 'лет', 22-24 'года', 101 'год'."""
    words = {n: years_text(n, "ru") for n in (4, 12, 14, 22, 25, 101, 111)}
    assert words == {
        4: "4 года и более",
        12: "12 лет и более",
        14: "14 лет и более",
        22: "22 года и более",
        25: "25 лет и более",
        101: "101 год и более",
        111: "111 лет и более",
    }
    assert years_text(0.5, "ru") == "0,5 года и более"
    assert years_text(2.25, "bg") == "най-малко 2,25 години"


def test_experience_kind_without_years_stands_alone() -> None:
    assert experience_text(0, "опыт в аналогичной должности", "ru") == "опыт в аналогичной должности"
    assert experience_text(2, "в продажах", "ru") == "2 года и более"
