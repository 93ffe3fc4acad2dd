"""The text policy (jobdesc.core.text): what the validator refuses, and what the renderer makes of anything."""

from __future__ import annotations

import time

import pytest

from jobdesc.core import text

pytestmark = pytest.mark.unit


def problems(value: str) -> list[str]:
    return list(text.problems(value))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Продажи <img src=x onerror=alert(1) x=", "contains HTML ('<img src=x onerror=alert(1) x=')"),
        ("a &#x202E; b", "contains HTML ('&#x202E;')"),
        ("[x](data:text/html,x)", "links to `data:text/html,x`, which is not allowed"),
        ("[x](vbscript:msgbox(1))", "links to `vbscript:msgbox(1)`, which is not allowed"),
        ("[x](JaVaScRiPt:alert(1))", "links to `JaVaScRiPt:alert(1)`, which is not allowed"),
        ("[устав](charter.pdf)", "links to `charter.pdf`, which is not allowed"),
        ("[x](//evil.example/a)", "links to `//evil.example/a`, which is not allowed"),
        ("[HR](/jobs/hr/)", "links to `/jobs/hr/`, which is not allowed: link to a full address"),
        ("[see](#duties)", "links to `#duties`, which is not allowed"),
        ("see ![x](https://203.0.113.1/a.png)", "contains an image"),
        ("- a list item", "is not one paragraph"),
        ("# a heading", "is not one paragraph"),
        ("1. numbered by hand", "is not one paragraph"),
        ("> quoted", "is not one paragraph"),
        ("first\n\nsecond", "is not one paragraph"),
        ("    indented code", "starts or ends with spaces"),
        ("\u200b\u200b", "shows nothing"),
        ("\u2800", "shows nothing"),
        ("\u3164", "shows nothing"),
        ("\u00ad", "shows nothing"),
        ("Мен\u202eеджър", "contains invisible or control characters (U+202E RIGHT-TO-LEFT OVERRIDE)"),
        ("bell\x07", "contains invisible or control characters (U+0007 a control character)"),
        ("nul\x00", "contains invisible or control characters (U+0000 a control character)"),
        ("soft\u00adhyphen", "contains invisible or control characters (U+00AD SOFT HYPHEN)"),
        ("x" * (text.MAX_TEXT + 1), f"a text may have at most {text.MAX_TEXT}"),
    ],
)
def test_refused(value: str, expected: str) -> None:
    found = problems(value)
    assert any(expected in p for p in found), found


@pytest.mark.parametrize(
    "value",
    [
        "Обычный текст, **жирный**, *курсив* и `код`.",
        "См. [регламент](https://intranet.local/rules) или [почта](mailto:hr@x.y).",
        "עברית\u200f עם סימן כיוון",
        "Azərbaycan: ə ğ ı ş ç ö ü",
        "не менее 2 лет; доход < 50 000 ₽ & бонус",
        "Заголовок \\",
        "`\\u202E` written as text",
        "2024 год",
    ],
)
def test_accepted(value: str) -> None:
    assert problems(value) == []


def test_rendering_escapes_everything_but_the_policys_markup() -> None:
    html = str(text.inline("Мениджър `![x](http://203.0.113.1/a.png){: onerror=alert(document.domain) }`"))
    assert html == "Мениджър <code>![x](http://203.0.113.1/a.png){: onerror=alert(document.domain) }</code>"
    html = str(text.inline("<img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](https://x.y/)"))
    assert "<img" not in html and "javascript" not in html.split("<span>")[0]
    assert '<span>a</span> <a href="https://x.y/">b</a>' in html
    assert str(text.inline('[x](https://h/ "t")')) == '<a href="https://h/">x</a>'  # no title attribute
    assert 'onclick="' not in str(text.inline('[x](https://h/ "t" onclick="y")'))
    assert text.plain("**a** `<b>` [c](https://d)") == "a <b> c"
    assert text.title_text("  a\nb  ") == "a b"


def test_rendering_time_grows_linearly() -> None:
    """Python-Markdown took minutes on ten texts of 4 000 `[`; the inline parser is linear. Compared as a
    ratio (4x the text must not take 16x the time), so a slow machine does not fail it."""

    def cost(n: int) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            for p in ("[", "*a", "[a](", "**_", "![", "`", "\\["):
                text.inline.__wrapped__(p * n)  # type: ignore[attr-defined]
                list(text.problems(p * n))
            best = min(best, time.perf_counter() - start)
        return best

    small, large = cost(1000), cost(4000)
    assert large < 8 * small, (small, large)
    assert large < 5.0


def test_a_printable_text_has_no_refused_character() -> None:
    """`text.problems` skips the character scan for a text `str.isprintable()` accepts: that is right only
    while every character of a refused category is one it calls not printable (checked here for all of
    Unicode, on the Python that runs the build)."""
    import sys
    import unicodedata

    from jobdesc.core import text as T

    printable_but_refused = [
        f"U+{cp:04X}"
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) in T._REFUSED_CATEGORIES and chr(cp).isprintable()
    ]
    assert printable_but_refused == []
    assert [str(m) for m in T.problems("a\u202eb")] and not list(T.problems("Продажи, ə ğ ı ş ç ö ü"))
