"""Exact numbers: a figure is a whole number exactly as written, or it is refused with the text quoted.

YAML 1.1 (PyYAML) reads `025000` as 10752, `25:00` as 1500 and `.nan` as NaN; the loader resolves only
plain decimal whole numbers (and `true`/`false`), so every numeric field of the schemas is covered by one
rule. The list of numeric fields comes from the schemas, not from this file."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jobdesc.core.errors import ValidationFailed
from jobdesc.core.validate import load_handbook, schema
from jobdesc.core.yamlload import AsWritten, load_text
from tests.unit.test_validate import VALID, folder, problems

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
BAND_MIN = "positions/demo.yml:42:16: salary.tiers[1].bands[1].min"

# (as written, the exact message for a salary figure)
FORMS = [
    (
        "025000",
        "`025000` is not a whole number as written: write digits only, without a leading zero, e.g. 25000",
    ),
    (
        "25:00",
        "`25:00` is not a whole number as written: write digits only, without `:` (YAML 1.1 would read it as a time in base 60), e.g. 25000",
    ),
    (
        "190:20:30",
        "`190:20:30` is not a whole number as written: write digits only, without `:` (YAML 1.1 would read it as a time in base 60), e.g. 25000",
    ),
    (
        "25_000",
        "`25_000` is not a whole number as written: write digits only, without spaces, `_` or commas between the digits, e.g. 25000",
    ),
    (
        "25 000",
        "`25 000` is not a whole number as written: write digits only, without spaces, `_` or commas between the digits, e.g. 25000",
    ),
    (
        "25000.0",
        "`25000.0` is not a whole number as written: write digits only, without a decimal point, e.g. 25000",
    ),
    (
        "25000.50",
        "`25000.50` is not a whole number as written: write digits only, without a decimal point, e.g. 25000",
    ),
    (".5", "`.5` is not a whole number as written: write digits only, without a decimal point, e.g. 25000"),
    ("1e3", "`1e3` is not a whole number as written: write digits only, without an exponent, e.g. 1000"),
    (
        "2.5e+4",
        "`2.5e+4` is not a whole number as written: write digits only, without an exponent, e.g. 25000",
    ),
    (
        "0x61A8",
        "`0x61A8` is not a whole number as written: write digits only, in decimal (not hexadecimal, octal or binary), e.g. 25000",
    ),
    (
        "0o17",
        "`0o17` is not a whole number as written: write digits only, in decimal (not hexadecimal, octal or binary), e.g. 25000",
    ),
    (
        "0b101",
        "`0b101` is not a whole number as written: write digits only, in decimal (not hexadecimal, octal or binary), e.g. 25000",
    ),
    (
        "+25000",
        "`+25000` is not a whole number as written: write digits only, without a plus sign, e.g. 25000",
    ),
    (".nan", "`.nan` is not a number: write a whole number in digits only, e.g. 25000"),
    (".inf", "`.inf` is not a number: write a whole number in digits only, e.g. 25000"),
    ("-.inf", "`-.inf` is not a number: write a whole number in digits only, e.g. 25000"),
    ('"25000"', "`25000` is not a whole number as written: write digits only, without quotes, e.g. 25000"),
    (
        "!!int 025000",
        "`025000` is not a whole number as written: write digits only, without a leading zero, e.g. 25000",
    ),
    ("!!float 25000", None),  # an explicit tag on plain digits: still the whole number as written
    ("1234567890123456", "`1234567890123456` is too large a number (more than 15 digits)"),
    ("1" * 5000, "`" + "1" * 40 + "…` is too large a number (more than 15 digits)"),
    ("25 тыс.", "`25 тыс.` is not a whole number as written: write digits only, e.g. 25000"),
    ("yes", "`yes` is not a whole number as written: write digits only, e.g. 25000"),
    ("2025-01-01", "`2025-01-01` is not a whole number as written: write digits only, e.g. 25000"),
]


@pytest.mark.parametrize(("written", "message"), FORMS, ids=[f[0][:20] for f in FORMS])
def test_a_salary_figure_is_taken_as_written_or_refused(
    tmp_path: Path, written: str, message: str | None
) -> None:
    text = VALID.replace("min: 25000", f"min: {written}", 1)
    got = problems(tmp_path, text)
    if message is None:
        assert got == []
        hb = load_handbook(tmp_path / "positions")
        assert hb.positions[0].salary is not None
        band = hb.positions[0].salary.tiers[0].bands[0]
        assert band.min == 25000 and type(band.min) is int
    else:
        assert got == [f"{BAND_MIN}: {message}"]


def test_plain_figures_stay_exact_ints(tmp_path: Path) -> None:
    hb = load_handbook(folder(tmp_path, {"demo.yml": VALID.replace("min: 25000", "min: 0", 1)}))
    assert hb.positions[0].salary is not None
    band = hb.positions[0].salary.tiers[0].bands[0]
    assert (band.min, band.max) == (0, 30000) and type(band.max) is int
    assert problems(tmp_path / "neg", VALID.replace("min: 25000", "min: -5", 1)) == [
        f"{BAND_MIN}: must be at least 0, not -5"
    ]


# --------------------------------------------------------------------------------------------------
# Every numeric field of the schemas, found by walking them


def _numeric_paths(node: Any, defs: dict[str, Any], path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if not isinstance(node, dict):
        return []
    if "$ref" in node:
        return _numeric_paths(defs[node["$ref"].split("/")[-1]], defs, path)
    out: list[tuple[Any, ...]] = []
    if node.get("type") in ("integer", "number"):
        out.append(path)
    for key, sub in node.get("properties", {}).items():
        out += _numeric_paths(sub, defs, (*path, key))
    if isinstance(node.get("items"), dict):
        out += _numeric_paths(node["items"], defs, (*path, 0))
    for key in ("then", "else"):
        out += _numeric_paths(node.get(key), defs, path)
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in node.get(key, []):
            out += _numeric_paths(sub, defs, path)
    return sorted(set(out), key=str)


def _put(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data[key] if isinstance(key, int) else data.setdefault(key, {})
    data[path[-1]] = value


def _position_data() -> dict[str, Any]:
    data = yaml.safe_load(VALID)
    data["salary"]["as_of"] = 2025
    data["salary"]["tiers"][0]["min_experience_years"] = 1
    data["order"] = 10
    return dict(data)


def test_the_schemas_numeric_fields_are_known() -> None:
    position = _numeric_paths(schema("position"), schema("position")["$defs"])
    catalogue = _numeric_paths(schema("catalogue"), schema("catalogue")["$defs"])
    assert ("salary", "tiers", 0, "bands", 0, "min") in position
    assert ("qualification", "experience", "years") in position
    assert ("families", 0, "order") in catalogue
    assert len(position) >= 6


@pytest.mark.parametrize("written", ["025", "25:00", "1.5", ".nan", "0x1F", "yes", "1_0"])
def test_every_numeric_field_of_the_position_schema_refuses_inexact_forms(
    tmp_path: Path, written: str
) -> None:
    paths = _numeric_paths(schema("position"), schema("position")["$defs"])
    for i, path in enumerate(paths):
        data = _position_data()
        _put(data, path, "MARKER")
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).replace("MARKER", written)
        got = problems(tmp_path / str(i), text)
        assert len(got) == 1, (path, got)
        assert f"`{written}` is not " in got[0], (path, got)


def test_every_numeric_field_of_the_catalogue_schema_refuses_inexact_forms(tmp_path: Path) -> None:
    paths = _numeric_paths(schema("catalogue"), schema("catalogue")["$defs"])
    source = (ROOT / "positions" / "_catalogue.yml").read_text("utf-8")
    data = yaml.safe_load(source)
    assert paths
    for i, path in enumerate(paths):
        changed = json.loads(json.dumps(data))
        _put(changed, path, "MARKER")
        pos = folder(tmp_path / str(i), {"demo.yml": VALID})
        (pos / "_catalogue.yml").write_text(
            yaml.safe_dump(changed, allow_unicode=True, sort_keys=False).replace("MARKER", "010"), "utf-8"
        )
        with pytest.raises(ValidationFailed) as exc:
            load_handbook(pos)
        messages = [p.message for p in exc.value.problems]
        assert messages == [
            "`010` is not a whole number as written: write digits only, without a leading zero, e.g. 10"
        ], path


def test_years_as_nan_never_reach_the_model_or_the_export(tmp_path: Path) -> None:
    got = problems(tmp_path, VALID.replace("years: 1", "years: .nan", 1))
    assert got == [
        "positions/demo.yml:15:12: qualification.experience.years: `.nan` is not a number: write a whole number in digits only, e.g. 3"
    ]
    got = problems(tmp_path / "b", VALID.replace("years: 1", "years: 1.5", 1))
    assert got == [
        "positions/demo.yml:15:12: qualification.experience.years: `1.5` is not a whole number as written: write digits only, without a decimal point, e.g. 3"
    ]


# --------------------------------------------------------------------------------------------------
# Texts and yes/no


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("no", '`no` would be read as yes/no, not as a text: put it in quotes, e.g. "no"'),
        ("On", '`On` would be read as yes/no, not as a text: put it in quotes, e.g. "On"'),
        ("1.5", '`1.5` would be read as a number, not as a text: put it in quotes, e.g. "1.5"'),
        ("12:30", '`12:30` would be read as a number, not as a text: put it in quotes, e.g. "12:30"'),
        ("true", "must be a text, not yes/no (true)"),
        ("123", "must be a text, not the number 123"),
    ],
)
def test_a_text_that_yaml_would_change_is_refused_quoting_it(
    tmp_path: Path, written: str, message: str
) -> None:
    text = VALID.replace("ru: Demo ru,", f"ru: {written},", 1)
    assert problems(tmp_path, text) == [f"positions/demo.yml:4:13: title.ru: {message}"]


@pytest.mark.parametrize("written", ['"no"', "'1.5'", '"025000"', "2025-01-01", "1e3", "y"])
def test_quoted_or_plain_texts_stay_as_written(tmp_path: Path, written: str) -> None:
    text = VALID.replace("ru: Demo ru,", f"ru: {written},", 1)
    hb = load_handbook(folder(tmp_path, {"demo.yml": text}))
    assert hb.positions[0].title.get("ru") == written.strip("'\"")


@pytest.mark.parametrize("written", ["on", "off", "yes", "No"])
def test_yes_no_words_in_a_choice_field_are_quoted_once(tmp_path: Path, written: str) -> None:
    got = problems(tmp_path, VALID.replace("category: specialist", f"category: {written}", 1))
    assert got == [
        f"positions/demo.yml:3:11: category: `{written}` is not allowed here. Choose one of: manager, specialist, technical"
    ]


def test_yes_no_words_as_ids_are_refused_as_written(tmp_path: Path) -> None:
    got = problems(tmp_path, VALID.replace("reports_to: [head-of-sales]", "reports_to: [no]", 1))
    assert got == [
        'positions/demo.yml:8:16: general.reports_to[1]: `no` would be read as yes/no, not as a text: put it in quotes, e.g. "no"'
    ]


# --------------------------------------------------------------------------------------------------
# The loader itself


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("25000", 25000),
        ("-3", -3),
        ("0", 0),
        ("true", True),
        ("FALSE", False),
        ("~", None),
        ("", None),
        ("025000", AsWritten("025000", "number")),
        ("25:00", AsWritten("25:00", "number")),
        (".NaN", AsWritten(".NaN", "number")),
        ("yes", AsWritten("yes", "yes/no")),
        ("off", AsWritten("off", "yes/no")),
        ("2025-01-01", "2025-01-01"),
        ("2025-01-01 10:00:00", "2025-01-01 10:00:00"),
        ("'025000'", "025000"),
    ],
)
def test_the_loader_resolves_scalars_exactly(written: str, value: object) -> None:
    got = load_text(f"v: {written}\n", "x.yml").data["v"]
    assert got == value and type(got) is type(value)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1))
def test_any_plain_whole_number_loads_as_itself(n: int) -> None:
    got = load_text(f"v: {n}\n", "x.yml").data["v"]
    assert got == n and type(got) is int


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_no_float_ever_leaves_the_loader(x: float) -> None:
    for written in (repr(x), str(x), yaml.safe_dump(x).split("\n")[0]):
        got = load_text(f"v: {written}\n", "x.yml").data["v"]
        assert not isinstance(got, float), written
        if isinstance(got, int):
            assert not math.isnan(x) and str(got) == written.strip()


def test_the_real_positions_hold_no_inexact_number() -> None:
    from jobdesc.core.validate import position_files
    from jobdesc.core.yamlload import read_file

    def walk(v: Any) -> None:
        assert not isinstance(v, (float, AsWritten))
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for path in [*position_files(ROOT / "positions"), ROOT / "positions" / "_catalogue.yml"]:
        walk(read_file(str(path)).data)


def test_keys_stay_as_written() -> None:
    """YAML 1.1 reads the key `on` as True and `025` as 21; a key is always its text here."""
    data = load_text("on: 1\nno: 2\n025: 3\n1.0: 4\n", "x.yml").data
    assert data == {"on": 1, "no": 2, "025": 3, "1.0": 4}
