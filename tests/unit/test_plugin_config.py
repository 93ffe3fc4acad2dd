"""The plugin's options as MkDocs loads them (BasePlugin.load_config, as mkdocstrings tests its own), and
the environment switches: bad values are named when the configuration loads, never at PDF time."""

from __future__ import annotations

import pytest

from jobdesc import switches
from jobdesc.plugin import JobdescPlugin

pytestmark = pytest.mark.unit


def load(**options: object) -> tuple[JobdescPlugin, list[str]]:
    plugin = JobdescPlugin()
    errors, warnings = plugin.load_config(options)
    # unknown keys are warnings in MkDocs, which `strict: true` (as in mkdocs.yml) turns into errors
    return plugin, [f"{name}: {err}" for name, err in [*errors, *warnings]]


def test_defaults() -> None:
    plugin, errors = load()
    assert errors == []
    cfg = plugin.config
    assert cfg.enabled is True and cfg.pdf is True and cfg.include_salary is True
    assert cfg.document_number == "{n:03d}" and cfg.edit_url is None
    assert dict(cfg.company) == {"name": {}, "approver": {}}


def test_good_values() -> None:
    plugin, errors = load(
        edit_url="https://git.example/hr/-/edit/main/{path}",
        document_number="ДИ-{id}-{n:03d}",
        company={"name": {"ru": "ООО «Ромашка»", "he": "רומשקה בע״מ"}, "approver": {"ru": "Директор"}},
    )
    assert errors == []
    assert plugin.config.company["name"]["he"] == "רומשקה בע״מ"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            {"edit_url": "https://git/{file}"},
            "edit_url: 'https://git/{file}' uses {file}; it may use {path} only",
        ),
        ({"edit_url": "https://git/{path}}"}, "edit_url: 'https://git/{path}}' is not a valid template"),
        ({"edit_url": "https://git/{path"}, "edit_url: 'https://git/{path' is not a valid template"),
        ({"document_number": "{x}"}, "document_number: '{x}' uses {x}; it may use {n}, {id} only"),
        ({"document_number": "{n:zz}"}, "document_number: '{n:zz}' is not a valid template"),
        ({"document_number": 5}, "document_number: Expected type: <class 'str'>"),
        ({"company": {"name": {"xx": "A"}}}, "unknown language 'xx'; languages: ru, bg, he, az"),
        ({"company": {"name": {"bg": "A"}}}, "the ru text is required"),
        ({"company": {"name": "ООО"}}, "expected one text per language"),
        ({"company": {"nmae": {"ru": "A"}}}, "Unrecognised configuration name: nmae"),
        ({"enabled": "maybe"}, "enabled: Expected type: <class 'bool'>"),
    ],
)
def test_bad_values_name_the_option(options: dict[str, object], expected: str) -> None:
    _plugin, errors = load(**options)
    joined = "\n".join(errors)
    assert expected in joined, joined


@pytest.mark.parametrize("value", ["y", "Y", " 1", "2", "да", "1 "])
def test_unknown_switch_values_are_errors(value: str) -> None:
    with pytest.raises(switches.SwitchError, match=r"use 1 or 0"):
        switches.include_salary(True, {"JOBDESC_SALARY": value})
    with pytest.raises(switches.SwitchError, match="JOBDESC_NO_SALARY"):
        switches.include_salary(True, {"JOBDESC_NO_SALARY": value})


@pytest.mark.parametrize(
    ("environ", "configured", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"JOBDESC_SALARY": "0"}, True, False),
        ({"JOBDESC_SALARY": "false"}, True, False),
        ({"JOBDESC_SALARY": "1"}, False, False),  # a switch never publishes what mkdocs.yml keeps back
        ({"JOBDESC_NO_SALARY": "1"}, True, False),  # the older spelling is honoured
        ({"JOBDESC_NO_SALARY": "0"}, True, True),
        ({"JOBDESC_SALARY": ""}, True, True),
    ],
)
def test_salary_switch(environ: dict[str, str], configured: bool, expected: bool) -> None:
    assert switches.include_salary(configured, environ) is expected


def test_misspelt_switch_is_reported() -> None:
    assert switches.unknown_switches({"JOBDESC_SALRY": "0", "JOBDESC_PDF": "0", "PATH": "/"}) == [
        "JOBDESC_SALRY"
    ]


@pytest.mark.parametrize(
    "item",
    ["positions/index.md", "./positions/index.md", "positions/", {"Каталог": "positions/index.md"}],
)
def test_the_catalogue_entry_of_the_nav_is_found_however_it_is_written(item: object) -> None:
    from jobdesc.plugin import _is_catalogue_entry

    assert _is_catalogue_entry(item)


@pytest.mark.parametrize(
    "item", ["index.md", "compare/index.md", {"a": "b.md"}, {"x": ["positions/index.md"]}]
)
def test_other_nav_entries_are_not_the_catalogue(item: object) -> None:
    from jobdesc.plugin import _is_catalogue_entry

    assert not _is_catalogue_entry(item)
