"""The plugin's options as MkDocs loads them (BasePlugin.load_config, as mkdocstrings tests its own), and
the environment switches: bad values are named when the configuration loads, never at PDF time."""

from __future__ import annotations

import re

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from jobdesc.core import switches
from jobdesc.core.model import LANGS
from jobdesc.mkdocs.plugin import JobdescConfig, JobdescPlugin

pytestmark = pytest.mark.unit


def load(**options: object) -> tuple[JobdescPlugin, list[str]]:
    plugin = JobdescPlugin()
    errors, warnings = plugin.load_config(options)
    # unknown keys are warnings in MkDocs, which `strict: true` (as in mkdocs.yml) turns into errors
    return plugin, [f"{name}: {err}" for name, err in [*errors, *warnings]]


OPTIONS = [name for name, _ in JobdescConfig._schema]


def test_defaults() -> None:
    plugin, errors = load()
    assert errors == []
    # every option with its default: a new option fails here until its default is written down
    assert dict(plugin.config) == {
        "enabled": True,
        "positions_dir": "positions",
        "templates_dir": None,
        "edit_url": None,
        "include_salary": True,
        "pdf": True,
        "pdf_cache_dir": ".cache/pdf",
        "pdf_standard": "ua-1+a-2a",
        "require_translations": True,
        "outdated_translations": "notice",
        "messages_language": None,
        "history": True,
        "company": {"name": {}, "approver": {}},
        "document_number": "{n:03d}",
        "nav_max_entries": 60,
    }
    assert list(plugin.config) == OPTIONS


def test_good_values() -> None:
    plugin, errors = load(
        edit_url="https://git.example/hr/-/edit/main/{path}",
        document_number="ДИ-{id}-{n:03d}",
        company={"name": {"ru": "ООО «Ромашка»", "he": "רומשקה בע״מ"}, "approver": {"ru": "Директор"}},
        pdf_standard="a-1a",
        outdated_translations="fail",
        messages_language="he",
        nav_max_entries=4,
        include_salary=False,
        require_translations=False,
    )
    assert errors == []
    cfg = plugin.config
    assert cfg.company["name"]["he"] == "רומשקה בע״מ"
    assert cfg.pdf_standard == "a-1a" and cfg.outdated_translations == "fail"
    assert cfg.messages_language == "he" and cfg.nav_max_entries == 4
    assert cfg.include_salary is False and cfg.require_translations is False


BAD = [
    ({"enabled": "maybe"}, "enabled: Expected type: <class 'bool'>"),
    ({"positions_dir": 3}, "positions_dir: Expected type: <class 'str'>"),
    ({"templates_dir": ["overrides"]}, "templates_dir: Expected type: <class 'str'>"),
    (
        {"edit_url": "https://git/{file}"},
        "edit_url: 'https://git/{file}' uses {file}; it may use {path} only",
    ),
    ({"edit_url": "https://git/{path}}"}, "edit_url: 'https://git/{path}}' is not a valid template"),
    ({"edit_url": "https://git/{path"}, "edit_url: 'https://git/{path' is not a valid template"),
    ({"include_salary": "no"}, "include_salary: Expected type: <class 'bool'>"),
    ({"pdf": "0"}, "pdf: Expected type: <class 'bool'>"),
    ({"pdf_cache_dir": 1}, "pdf_cache_dir: Expected type: <class 'str'>"),
    ({"pdf_standard": "a-9z"}, "pdf_standard: Expected one of: ('ua-1+a-2a', 'ua-1', 'ua-1+a-3a', 'a-1a',"),
    ({"require_translations": 1}, "require_translations: Expected type: <class 'bool'>"),
    (
        {"outdated_translations": "ignore"},
        "outdated_translations: Expected one of: ('warn', 'notice', 'fail') but received: 'ignore'",
    ),
    ({"messages_language": "de"}, "messages_language: Expected one of: ('en', 'ru', 'bg', 'he', 'az')"),
    ({"history": "yes"}, "history: Expected type: <class 'bool'>"),
    ({"company": {"name": {"xx": "A"}}}, "unknown language 'xx'; languages: ru, bg, he, az"),
    ({"company": {"name": {"bg": "A"}}}, "the ru text is required"),
    ({"company": {"name": "ООО"}}, "expected one text per language"),
    (
        {"company": {"approver": {"ru": " "}}},
        "company: Sub-option 'approver': the ru text must be a non-empty",
    ),
    ({"company": {"nmae": {"ru": "A"}}}, "Unrecognised configuration name: nmae"),
    ({"document_number": "{x}"}, "document_number: '{x}' uses {x}; it may use {n}, {id} only"),
    ({"document_number": "{n:zz}"}, "document_number: '{n:zz}' is not a valid template"),
    ({"document_number": 5}, "document_number: Expected type: <class 'str'>"),
    ({"nav_max_entries": "60"}, "nav_max_entries: expected a whole number of 0 or more"),
    ({"nav_max_entrys": 60}, "nav_max_entrys: Unrecognised configuration name: nav_max_entrys"),
]


@pytest.mark.parametrize(("options", "expected"), BAD)
def test_bad_values_name_the_option(options: dict[str, object], expected: str) -> None:
    _plugin, errors = load(**options)
    assert len(errors) == 1, errors
    assert expected in errors[0], errors


def test_every_option_has_a_bad_value_above() -> None:
    assert {name for options, _ in BAD for name in options} - {"nav_max_entrys"} == set(OPTIONS)


@pytest.mark.parametrize("value", [-1, True])
def test_nav_max_entries_is_a_count(value: object) -> None:
    _plugin, errors = load(nav_max_entries=value)
    assert errors, f"nav_max_entries: {value!r} was accepted"


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
    from jobdesc.mkdocs.plugin import _is_catalogue_entry

    assert _is_catalogue_entry(item)


@pytest.mark.parametrize(
    "item", ["index.md", "compare/index.md", {"a": "b.md"}, {"x": ["positions/index.md"]}]
)
def test_other_nav_entries_are_not_the_catalogue(item: object) -> None:
    from jobdesc.mkdocs.plugin import _is_catalogue_entry

    assert not _is_catalogue_entry(item)


@pytest.mark.parametrize("name", switches.BOOLEAN)
@pytest.mark.parametrize("value", ["y", "2", "да", " 1", "0 ", "maybe"])
def test_every_boolean_switch_refuses_an_unknown_value(name: str, value: str) -> None:
    with pytest.raises(switches.SwitchError, match=rf"{name}={value!r} is not understood: use 1 or 0"):
        switches.switch(name, {name: value})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(None, None), ("", None), ("1", True), ("ON", True), ("yes", True), ("0", False), ("False", False)],
)
def test_switch_values(raw: str | None, expected: bool | None) -> None:
    environ = {} if raw is None else {"JOBDESC_PDF": raw}
    assert switches.switch("JOBDESC_PDF", environ) is expected


@pytest.mark.parametrize(
    ("environ", "configured", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"JOBDESC_PDF": "0"}, True, False),
        ({"JOBDESC_PDF": "1"}, True, True),
        ({"JOBDESC_PDF": "1"}, False, False),  # a switch turns PDFs off, never on against mkdocs.yml
        ({"JOBDESC_PDF": ""}, True, True),
    ],
)
def test_pdf_switch(environ: dict[str, str], configured: bool, expected: bool) -> None:
    assert switches.enabled(configured, "JOBDESC_PDF", environ) is expected


def test_preview_language_switch() -> None:
    assert switches.preview_lang(LANGS, {}) is None
    assert switches.preview_lang(LANGS, {"JOBDESC_PREVIEW": ""}) is None
    assert switches.preview_lang(LANGS, {"JOBDESC_PREVIEW": "he"}) == "he"
    for bad in ("de", "HE", "he ", "ru,he"):
        with pytest.raises(switches.SwitchError, match="is not a language of the site: use one of ru, bg"):
            switches.preview_lang(LANGS, {"JOBDESC_PREVIEW": bad})


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("JOBDESC_PDF", "maybe", "JOBDESC_PDF='maybe' is not understood: use 1 or 0"),
        ("JOBDESC_SALARY", "nein", "JOBDESC_SALARY='nein' is not understood: use 1 or 0"),
        ("JOBDESC_NO_SALARY", "2", "JOBDESC_NO_SALARY='2' is not understood: use 1 or 0"),
        ("JOBDESC_WRITE_EXPECTED", "y", "JOBDESC_WRITE_EXPECTED='y' is not understood: use 1 or 0"),
        ("JOBDESC_PREVIEW", "de", "JOBDESC_PREVIEW='de' is not a language of the site"),
        ("JOBDESC_SALRY", "0", "unknown environment variable JOBDESC_SALRY; jobdesc knows JOBDESC_SALARY"),
    ],
)
def test_the_plugin_stops_on_a_bad_switch_when_the_configuration_loads(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    """on_config checks the switches first, before the positions are read (so the empty config here
    is never looked at) and long before any PDF."""
    monkeypatch.setenv(name, value)
    plugin, errors = load()
    assert errors == []
    with pytest.raises(PluginError, match=re.escape(expected)):
        plugin.on_config(MkDocsConfig())
