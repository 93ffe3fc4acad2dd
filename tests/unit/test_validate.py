"""The validator: every class of error, with file, line, column, field path and words HR understands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jobdesc.core.errors import ValidationFailed
from jobdesc.core.validate import load_handbook

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def T(text: str) -> str:
    return f"{{ru: {text} ru, bg: {text} bg, he: {text} he, az: {text} az}}"


VALID = f"""\
id: demo
family: sales
category: specialist
title: {T("Demo")}
summary: {T("Summary")}
general:
  appointed_by: general-director
  reports_to: [head-of-sales]
  guided_by:
    - ref: guided-charter
qualification:
  education:
    level: higher
  experience:
    years: 1
duties:
  - id: duty-one
    area: planning-and-reporting
    text: {T("duty one")}
  - group: planning
    area: planning-and-reporting
    title: {T("Planning")}
    items:
      - id: duty-two
        text: {T("duty two")}
rights:
  - ref: right-request-information
responsibility:
  - ref: liability-duties
  - id: own-liability
    liability: [material]
    text: {T("damage")}
salary:
  currency: RUB
  period: month
  source: {T("source")}
  tiers:
    - id: t1
      title: {T("Tier")}
      bands:
        - city: moscow
          min: 25000
          max: 30000
"""


def folder(tmp_path: Path, files: dict[str, str]) -> Path:
    pos = tmp_path / "positions"
    pos.mkdir(parents=True)
    shutil.copy(ROOT / "positions" / "_catalogue.yml", pos / "_catalogue.yml")
    for name, text in files.items():
        (pos / name).write_text(text, "utf-8")
    return pos


def problems(tmp_path: Path, text: str, name: str = "demo.yml", **kw: bool) -> list[str]:
    pos = folder(tmp_path, {name: text})
    try:
        load_handbook(pos, **kw)
    except ValidationFailed as exc:
        return [str(p) for p in exc.problems]
    return []


def test_valid_position_loads_into_the_model(tmp_path: Path) -> None:
    hb = load_handbook(folder(tmp_path, {"demo.yml": VALID}))
    (pos,) = hb.positions
    assert pos.title.get("he") == "Demo he"
    assert [g.id for g in pos.duties] == ["_0", "planning"]
    assert pos.general.guided_by[0].shared
    assert pos.salary is not None and pos.salary.tiers[0].bands[0].min == 25000
    # the shared clause's `{law:labour:ins}` (catalogue) becomes the law's instrumental form, in every
    # language its own form, and no placeholder is left
    shared = pos.responsibility[0]
    assert shared.id == "liability-duties" and shared.shared
    assert shared.text.get("ru").endswith("в пределах, определённых трудовым законодательством РФ")
    assert shared.text.get("bg").endswith("определени от трудовото законодателство на Руската федерация")
    assert all("{" not in shared.text.get(lang) for lang in ("ru", "bg", "he", "az"))


def test_real_positions_are_valid() -> None:
    hb = load_handbook(ROOT / "positions")
    assert {p.id for p in hb.positions} >= {
        "service-manager",
        "after-sales-service-manager",
        "client-manager",
        "key-account-manager",
        "sales-manager",
    }


CASES = [
    # (replace this, with that, expected messages)
    (
        "  reports_to: [head-of-sales]\n",
        "  reports_to: [head-of-sales]\n  report_to: x\n",
        [
            "demo.yml:9:3: general.report_to: unknown field `report_to`. Did you mean `reports_to`? Allowed here: "
            "appointed_by, on_proposal_of, reports_to, reports_also_to, gives_orders_to, substitutes, substituted_by, "
            "provisions, guided_by"
        ],
    ),
    (
        "text: {ru: duty one ru, bg: duty one bg, he: duty one he, az: duty one az}",
        "text: {ru: duty one ru, bg: duty one bg, az: duty one az}",
        ["demo.yml:19:11: duties[1].text.he: the Hebrew translation (`he:`) is missing"],
    ),
    (
        "category: specialist",
        "category: specialst",
        [
            "demo.yml:3:11: category: `specialst` is not allowed here. Did you mean `specialist`? "
            "Choose one of: manager, specialist, technical"
        ],
    ),
    (
        "    years: 1\n",
        "    years: one\n",
        [
            "demo.yml:15:12: qualification.experience.years: `one` is not a whole number as written: write digits only, e.g. 3"
        ],
    ),
    (
        "duties:\n  - id: duty-one",
        "duties:\n  - id: Duty One",
        [
            "demo.yml:17:9: duties[1].id: `Duty One` is not a valid id: use lowercase Latin letters, digits and "
            "single hyphens, e.g. `sales-manager` (no spaces, slashes or dots)"
        ],
    ),
    (
        "  appointed_by: general-director\n",
        "",
        ["demo.yml:7:3: general.appointed_by: required field `appointed_by` is missing"],
    ),
    (
        "          min: 25000\n          max: 30000",
        "          min: 30000\n          max: 25000",
        ["demo.yml:42:16: salary.tiers[1].bands[1].min: `min` (30000) is greater than `max` (25000)"],
    ),
    (
        "          min: 25000",
        "          min: -5",
        ["demo.yml:42:16: salary.tiers[1].bands[1].min: must be at least 0, not -5"],
    ),
    (
        "  currency: RUB",
        "  currency: RUX",
        ["demo.yml:34:13: salary.currency: `RUX` is not a known ISO 4217 currency"],
    ),
    (
        "  currency: RUB",
        "  currency: rub",
        [
            "demo.yml:34:13: salary.currency: `rub` is not a currency code: use three capital letters of ISO 4217, "
            "e.g. RUB, EUR, BGN, AZN"
        ],
    ),
    (
        "        - city: moscow",
        "        - city: moskow",
        [
            "demo.yml:41:17: salary.tiers[1].bands[1].city: there is no city `moskow` in the catalogue. "
            "Did you mean `moscow`?"
        ],
    ),
    (
        "  - ref: right-request-information",
        "  - ref: right-request-info",
        [
            "demo.yml:27:10: rights[1].ref: there is no shared clause `right-request-info` in the catalogue. "
            "Did you mean `right-request-information`?"
        ],
    ),
    (
        "  - ref: right-request-information",
        "  - ref: liability-damage",
        [
            "demo.yml:27:10: rights[1].ref: the shared clause `liability-damage` belongs to `responsibility`, "
            "not to `rights`"
        ],
    ),
    (
        "  reports_to: [head-of-sales]",
        "  reports_to: [head-of-sails]",
        [
            "demo.yml:8:16: general.reports_to[1]: `head-of-sails` is neither a position in positions/ nor a role "
            "in the catalogue. Did you mean `head-of-sales`?"
        ],
    ),
    (
        "      - id: duty-two",
        "      - id: duty-one",
        ["demo.yml:24:9: duties[2].items[1]: `duty-one` is used twice in this file (first at line 17)"],
    ),
    ("id: demo", "id: other", ["demo.yml:1:5: id: the id `other` must match the file name `demo.yml`"]),
    (
        "summary: {ru: Summary ru,",
        "summary: {ru: 'Summary <script>alert(1)</script>',",
        [
            "demo.yml:5:15: summary.ru: contains HTML ('<script>'); write plain text (Markdown **bold**, *italic* "
            "and `code` are fine)"
        ],
    ),
    (
        "summary: {ru: Summary ru,",
        "summary: {ru: 'Оклад ___ рублей',",
        ["demo.yml:5:15: summary.ru: contains a template placeholder '___': replace it with the real text"],
    ),
    (
        "summary: {ru: Summary ru,",
        'summary: {ru: "Summary \\u202E ru",',
        [
            "demo.yml:5:15: summary.ru: contains invisible or control characters (U+202E RIGHT-TO-LEFT "
            "OVERRIDE); remove them (only the direction marks U+200E and U+200F are allowed)"
        ],
    ),
    (
        "rights:\n  - ref: right-request-information\n",
        "rights: right-request-information\n",
        [
            "demo.yml:26:9: rights: must be a list (lines starting with `- `), not the text 'right-request-information'"
        ],
    ),
    (
        "rights:\n  - ref: right-request-information\n",
        "rights: []\n",
        ["demo.yml:26:9: rights: must not be an empty list"],
    ),
    (
        "    liability: [material]",
        "    liability: [moral]",
        [
            "demo.yml:31:17: responsibility[2].liability[1]: `moral` is not allowed here. Did you mean `material`? Choose one of: disciplinary, "
            "material, administrative, civil, criminal"
        ],
    ),
    (
        "title: {ru: Demo ru,",
        "title: {ru: Demo ru, en: Demo,",
        ["demo.yml:4:22: title.en: `en` is not a language of this site; use ru, bg, he or az."],
    ),
    (
        "      text: {ru: duty two ru,",
        "      text: {ru: '{law:tax} duty two ru',",
        [
            "demo.yml:25:20: duties[2].items[1].text.ru: names an unknown law `{law:tax}`; known: {law:labour}, "
            "{law:civil}, {law:administrative}, {law:criminal}"
        ],
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES, ids=[c[2][0].split(": ")[1] for c in CASES])
def test_each_error_names_file_line_column_and_field(
    tmp_path: Path, old: str, new: str, expected: list[str]
) -> None:
    assert old in VALID
    got = problems(tmp_path, VALID.replace(old, new, 1))
    assert got == [f"positions/{e}" for e in expected]


def test_all_errors_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    text = (
        VALID.replace("category: specialist", "category: boss")
        .replace("    years: 1", "    years: -1")
        .replace("  currency: RUB", "  currency: X")
    )
    got = problems(tmp_path, text)
    assert [g.split(": ")[1] for g in got] == [
        "category",
        "qualification.experience.years",
        "salary.currency",
    ]


def test_errors_of_several_files_come_together(tmp_path: Path) -> None:
    pos = folder(
        tmp_path,
        {
            "demo.yml": VALID.replace("category: specialist", "category: x"),
            "other.yml": VALID.replace("id: demo", "id: other").replace("years: 1", "years: x"),
        },
    )
    with pytest.raises(ValidationFailed) as info:
        load_handbook(pos)
    assert sorted({p.file for p in info.value.problems}) == ["positions/demo.yml", "positions/other.yml"]


def test_reporting_cycle(tmp_path: Path) -> None:
    a = VALID.replace("reports_to: [head-of-sales]", "reports_to: [b]")
    b = VALID.replace("id: demo", "id: b").replace("reports_to: [head-of-sales]", "reports_to: [demo]")
    pos = folder(tmp_path, {"demo.yml": a, "b.yml": b})
    with pytest.raises(ValidationFailed) as info:
        load_handbook(pos)
    assert [str(p) for p in info.value.problems] == [
        "positions/b.yml:8:15: general.reports_to: reporting cycle: b → demo → b"
    ]


def test_missing_translations_may_be_allowed(tmp_path: Path) -> None:
    text = VALID.replace(
        "summary: {ru: Summary ru, bg: Summary bg, he: Summary he, az: Summary az}",
        "summary: {ru: Summary ru}",
    )
    assert problems(tmp_path / "a", text) == [
        f"positions/demo.yml:5:10: summary.{lang}: the {name} translation (`{lang}:`) is missing"
        for lang, name in (("az", "Azerbaijani"), ("bg", "Bulgarian"), ("he", "Hebrew"))
    ]
    hb = load_handbook(folder(tmp_path / "b", {"demo.yml": text}), require_translations=False)
    assert hb.positions[0].summary.is_fallback("he")
    assert hb.positions[0].summary.get("he") == "Summary ru"


def test_syntax_error_does_not_hide_other_files(tmp_path: Path) -> None:
    pos = folder(
        tmp_path,
        {
            "demo.yml": VALID,
            "broken.yml": "id: [unclosed\n",
            "third.yml": VALID.replace("id: demo", "id: third").replace("years: 1", "years: x"),
        },
    )
    with pytest.raises(ValidationFailed) as info:
        load_handbook(pos)
    files = [p.file for p in info.value.problems]
    assert files == ["positions/broken.yml", "positions/third.yml"]


AREAS = (
    "client-acquisition, negotiation-and-contracts, orders-and-settlements, client-retention, "
    "service-and-claims, planning-and-reporting, team-leadership, general-duties"
)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    area: planning-and-reporting\n    title:",
            "    area: planing-and-reporting\n    title:",
            "demo.yml:21:11: duties[2].area: `planing-and-reporting` is not a duty area of the catalogue. "
            f"Did you mean `planning-and-reporting`? Areas: {AREAS}",
        ),
        (
            "  - id: duty-one\n    area: planning-and-reporting\n",
            "  - id: duty-one\n",
            "demo.yml:17:5: duties[1]: a duty outside a group needs its duty area: add `area:` (one of "
            f"{AREAS})",
        ),
        (
            "rights:\n  - ref: right-request-information\n",
            "rights:\n  - id: own-right\n    text: {ru: a, bg: a, he: a, az: a}\n    area: team-leadership\n",
            "demo.yml:29:11: rights[1].area: only duties have a duty area",
        ),
    ],
)
def test_duty_areas(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in VALID
    assert f"positions/{expected}" in problems(tmp_path, VALID.replace(old, new, 1))


def test_duty_areas_reach_the_model(tmp_path: Path) -> None:
    hb = load_handbook(folder(tmp_path, {"demo.yml": VALID}))
    (pos,) = hb.positions
    assert [c.area for c in pos.all_duties()] == ["planning-and-reporting", "planning-and-reporting"]
    assert hb.duty_area("team-leadership").title.get("ru") == "Руководство подчинёнными"


def test_salary_source_is_required_only_with_figures(tmp_path: Path) -> None:
    """`tiers: []` (no published figures) needs no `source` and gives no salary section; a tier does."""
    head, _, _ = VALID.partition("salary:\n")
    no_figures = head + "salary:\n  currency: RUB\n  period: month\n  tiers: []\n"
    (pos,) = load_handbook(folder(tmp_path / "a", {"demo.yml": no_figures})).positions
    assert pos.salary is None
    without_source = VALID.replace(f"  source: {T('source')}\n", "")
    assert "source:" not in without_source.partition("salary:")[2]
    assert problems(tmp_path / "b", without_source) == [
        "positions/demo.yml:34:3: salary.source: required field `source` is missing"
    ]
