"""The table of facts (`jobdesc.core.fields`) drives the schemas, the model, the page, the comparison and the
export: the committed schema files equal what the table writes, and each flag of a row is obeyed."""

from __future__ import annotations

import json

import pytest

from jobdesc.core import fields, validate
from jobdesc.core.model import LANGS
from jobdesc.outputs.export import position_record
from jobdesc.views.compare import fact_rows
from jobdesc.views.render import PageOptions, sections
from tests.conftest import ROOT

pytestmark = pytest.mark.unit
SCHEMAS = ROOT / "plugins" / "jobdesc" / "schema"


@pytest.mark.parametrize("name", ["position", "export"])
def test_the_schema_files_are_what_the_table_writes(name: str) -> None:
    path = SCHEMAS / f"{name}.schema.json"
    committed = path.read_text("utf-8")
    build = fields.schema_files()[name]
    assert fields.schema_text(build(json.loads(committed))) == committed, (
        f"{path.name} differs from the table of facts: run `python -m jobdesc.core.fields`"
    )


def test_every_fact_is_in_the_schema_with_its_fragment_and_requirement() -> None:
    s = validate.schema("position")
    for f in fields.FACTS:
        assert s["properties"][f.name] == dict(f.schema)
        assert (f.name in s["required"]) is f.required


def test_every_fact_has_a_label_and_value_words_in_four_languages() -> None:
    for f in fields.FACTS:
        for lang in LANGS:
            assert fields.label(f, lang).strip()
            for value in f.schema.get("enum", ()):
                assert fields.shown(f, value, lang).strip()


@pytest.fixture(scope="module")
def handbook():  # type: ignore[no-untyped-def]
    return validate.load_handbook(ROOT / "positions")


def test_printed_compared_and_exported_follow_the_table(handbook, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pos = next(p for p in handbook.positions if "work_format" in p.facts)
    lang = "bg"
    row_labels = [r.label for r in sections(pos, handbook, lang, PageOptions())[0].rows]
    compared = [label for label, _ in fact_rows(handbook.positions, lang)]
    record = position_record(handbook, pos, lang, include_salary=False)
    work = fields.BY_NAME["work_format"]
    assert fields.label(work, lang) in row_labels and fields.label(work, lang) in compared
    assert record["work_format"] == pos.facts["work_format"]
    # the same fact switched off in each role
    monkeypatch.setattr(
        fields, "FACTS", tuple(f if f.name != "work_format" else _off(f) for f in fields.FACTS)
    )
    assert fields.label(work, lang) not in [
        r.label for r in sections(pos, handbook, lang, PageOptions())[0].rows
    ]
    assert fields.label(work, lang) not in [label for label, _ in fact_rows(handbook.positions, lang)]
    assert "work_format" not in position_record(handbook, pos, lang, include_salary=False)


def _off(f: fields.Fact) -> fields.Fact:
    from dataclasses import replace

    return replace(f, printed=False, compared=False, exported=False)


def test_a_fact_no_position_has_makes_no_comparison_row(handbook, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(fields, "FACTS", tuple(f for f in fields.FACTS if f.name != "work_format"))
    compared = [label for label, _ in fact_rows(handbook.positions, "ru")]
    assert fields.label(fields.BY_NAME["category"], "ru") in compared
    given = {name for p in handbook.positions for name in p.facts}
    assert compared == [fields.label(f, "ru") for f in fields.FACTS if f.compared and f.name in given]
    assert fields.label(fields.BY_NAME["work_format"], "ru") not in compared


def test_the_schema_writer_keeps_order_and_requirements() -> None:
    base = {"properties": {"a": {}, "b": {}}, "required": ["a"]}
    assert list(fields._insert(base["properties"], "x", {}, "a")) == ["a", "x", "b"]
    assert fields._required(["a", "b"], "a", True) == ["a", "b"]
    assert fields._required(["a"], "c", True) == ["a", "c"]
    assert fields._required(["a", "c"], "c", False) == ["a"]


def test_probation_is_read_shown_compared_and_exported(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`probation_months` (added by one row of the table): the sources give no probation, so no position
    has it; given, it is a row of the page and of the comparison with Babel's plural of months, and a
    number in the export; more than six months is refused at its line."""
    import shutil

    folder = tmp_path / "positions"
    shutil.copytree(ROOT / "positions", folder)
    path = folder / "sales-manager.yml"
    path.write_text(
        path.read_text("utf-8").replace("\nwork_format:", "\nprobation_months: 3\nwork_format:", 1), "utf-8"
    )
    hb = validate.load_handbook(folder)
    pos = next(p for p in hb.positions if p.id == "sales-manager")
    assert pos.facts["probation_months"] == 3
    rows = {r.label: r.values for r in sections(pos, hb, "ru", PageOptions())[0].rows}
    assert str(rows["Испытательный срок"][0].html) == "3 месяца"
    he = {label: cells for label, cells in fact_rows(hb.positions, "he")}
    assert he["תקופת ניסיון"][[p.id for p in hb.positions].index("sales-manager")] == "3 חודשים"
    assert "—" in he["תקופת ניסיון"]  # the others do not give it
    assert position_record(hb, pos, "az", include_salary=False)["probation_months"] == 3
    assert fields.shown(fields.BY_NAME["probation_months"], 1, "bg") == "1 месец"
    path.write_text(path.read_text("utf-8").replace("probation_months: 3", "probation_months: 7"), "utf-8")
    with pytest.raises(validate.ValidationFailed) as exc:
        validate.load_handbook(folder)
    assert [p.said("ru") for p in exc.value.problems] == [
        f"{folder.name}/sales-manager.yml:{_line(path, 'probation_months')}:19: probation_months: "
        "должно быть не больше 6, а указано 7"
    ]
    assert all(
        "probation_months" not in p.facts for p in validate.load_handbook(ROOT / "positions").positions
    )


def _line(path, key: str) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, line in enumerate(path.read_text("utf-8").split("\n"), 1) if line.startswith(key))
