"""Law names in grammatical forms: `{law:labour:ins}` prints the catalogue's `labour:ins` name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jobdesc.core.errors import ValidationFailed
from jobdesc.core.validate import load_handbook

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def T(text: str) -> str:
    return f"{{ru: '{text}', bg: '{text}', he: '{text}', az: '{text}'}}"


def position(duty: str) -> str:
    return f"""\
id: demo
family: sales
category: specialist
title: {T("Demo")}
summary: {T("Summary")}
general:
  appointed_by: general-director
  reports_to: [head-of-sales]
qualification:
  education:
    level: higher
  experience:
    years: 1
duties:
  - id: duty-one
    area: general-duties
    text: {T(duty)}
rights:
  - ref: right-request-information
responsibility:
  - ref: liability-duties
"""


def folder(tmp_path: Path, duty: str, catalogue: Callable[[str], str] | None = None) -> Path:
    pos = tmp_path / "positions"
    pos.mkdir(parents=True)
    cat = (ROOT / "positions" / "_catalogue.yml").read_text("utf-8")
    (pos / "_catalogue.yml").write_text(catalogue(cat) if catalogue else cat, "utf-8")
    (pos / "demo.yml").write_text(position(duty), "utf-8")
    return pos


def problems(pos: Path) -> list[str]:
    try:
        load_handbook(pos)
    except ValidationFailed as exc:
        return [str(p) for p in exc.problems]
    return []


def test_a_form_placeholder_gets_the_form_and_the_plain_one_the_nominative(tmp_path: Path) -> None:
    hb = load_handbook(folder(tmp_path, "в пределах, определённых {law:labour:ins}; основы {law:labour:gen}"))
    (pos,) = hb.positions
    duty = pos.all_duties()[0].text
    assert (
        duty.get("ru")
        == "в пределах, определённых трудовым законодательством РФ; основы трудового законодательства РФ"
    )
    assert duty.get("az") == (
        "в пределах, определённых Rusiya Federasiyasının əmək qanunvericiliyi; "
        "основы Rusiya Federasiyasının əmək qanunvericiliyinin"
    )
    assert hb.catalogue.laws["labour"].get("ru") == "трудовое законодательство РФ"


def test_the_shared_liability_clauses_read_naturally_in_russian() -> None:
    hb = load_handbook(ROOT / "positions")
    clauses = {c.id: c.text.get("ru") for c in hb.catalogue.clauses}
    assert clauses["liability-duties"].endswith("в пределах, определённых трудовым законодательством РФ")
    assert clauses["liability-damage"].endswith(
        "определённых трудовым законодательством РФ и гражданским законодательством РФ"
    )
    assert clauses["guided-legislation"].startswith("трудовое законодательство РФ и иные")
    assert not [cid for cid, text in clauses.items() if "{law" in text]


def test_a_form_the_catalogue_lacks_is_named_with_the_forms_it_has(tmp_path: Path) -> None:
    got = problems(folder(tmp_path, "согласно {law:labour:dat}"))
    assert got[0] == (
        "positions/demo.yml:17:16: duties[1].text.ru: names the form `dat` of the law `labour`, which the "
        "catalogue does not give (add `labour:dat` under `jurisdiction.laws`); forms given: "
        "{law:labour:gen}, {law:labour:ins}"
    )
    assert [g.split(": ")[1] for g in got] == [f"duties[1].text.{lang}" for lang in ("ru", "bg", "he", "az")]


def test_an_unknown_law_with_a_form_lists_the_laws(tmp_path: Path) -> None:
    got = problems(folder(tmp_path, "{law:tax:ins}"))
    assert got[0] == (
        "positions/demo.yml:17:16: duties[1].text.ru: names an unknown law `{law:tax:ins}`; known: "
        "{law:labour}, {law:civil}, {law:administrative}, {law:criminal}"
    )


def test_a_form_without_its_law_is_an_error_in_the_catalogue(tmp_path: Path) -> None:
    def drop_criminal(cat: str) -> str:
        start = cat.index("    criminal:\n")
        end = cat.index("    criminal:ins:\n")
        return cat[:start] + cat[end:]

    got = problems(folder(tmp_path, "plain", catalogue=drop_criminal))
    assert any(
        g.startswith("positions/_catalogue.yml:")
        and "jurisdiction.laws.criminal:ins: `criminal:ins` is a form of the law `criminal`, which is not given"
        in g
        for g in got
    ), got


def test_a_badly_named_form_key_is_refused_by_the_schema(tmp_path: Path) -> None:
    got = problems(
        folder(tmp_path, "plain", catalogue=lambda c: c.replace("    labour:ins:\n", "    labour:Ins:\n"))
    )
    assert got and all(g.startswith("positions/_catalogue.yml:") for g in got), got
    assert any("labour:Ins" in g for g in got), got
