"""The table of a position's facts: the key/value fields at the top of the YAML file (category,
department, work format, probation, ...), each described once.

A row says everything about its field: its JSON Schema fragment (what the editor and the validator
check), its label, the words for its values, and whether it is printed (a row of the first section of
the page and the PDF), compared (a row of the comparison pages and the pair view) and exported (JSON
export and its schema). Everything else reads this table:

- `schema/position.schema.json` and `schema/export.schema.json` carry the fragments; they are written
  from the table by `python -m jobdesc.core.fields` and a test keeps them equal to it (an editor reads the
  files, so they stay committed);
- `validate` builds `Position.facts` with `read`; the page, the PDF and the comparison draw `shown`;
  the export writes `exported`.

Adding a field is one row here (its labels in the four languages are part of the row, or a key of the
UI labels), `python -m jobdesc.core.fields` to write the schemas, and the data where the sources give it.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .labels import labels
from .model import Text
from .text import plain

Words = str | Mapping[str, str]  # a key of labels(lang)["fields"], or the words in each language


@dataclass(frozen=True)
class Fact:
    name: str
    schema: Mapping[str, Any]  # the JSON Schema fragment of the YAML field (title, description, examples)
    label: Words
    values: str | Mapping[str, Mapping[str, str]] | None = None  # enum words: a labels key, or inline
    unit: str | None = None  # numbers: a CLDR unit for Babel ("duration-month")
    text: bool = False  # a text in four languages (`{ru: …, bg: …, he: …, az: …}`)
    required: bool = False
    printed: bool = True
    compared: bool = True
    exported: bool = True
    after: str = "summary"  # where the schema lists it (the editor's order of completion)

    def export_schema(self) -> dict[str, Any]:
        """The fragment of the export: a plain text, the enum value or the number; null when not given."""
        if self.text:
            return {"type": "string"} if self.required else {"type": ["string", "null"]}
        if "enum" in self.schema:
            values = list(self.schema["enum"])
            return {"enum": values if self.required else [*values, None]}
        kind = self.schema.get("type", "string")
        return {"type": kind if self.required else [kind, "null"]}


FACTS: tuple[Fact, ...] = (
    Fact(
        "department",
        {
            "$ref": "#/$defs/text",
            "title": "Department",
            "description": "The structural unit the position belongs to.",
        },
        label="department",
        text=True,
        compared=False,
    ),
    Fact(
        "category",
        {
            "type": "string",
            "enum": ["manager", "specialist", "technical"],
            "description": "Staff category: manager (руководитель), specialist (специалист) or technical "
            "staff (технический исполнитель).",
        },
        label="category",
        values="categories",
        required=True,
        after="department",
    ),
    Fact(
        "work_format",
        {
            "type": "string",
            "enum": ["office", "remote", "hybrid", "field"],
            "title": "Work format",
            "description": "Where the work is done: office, remote, hybrid (office and remote) or field "
            "(mostly at clients' sites, travelling). Leave out when the sources do not say.",
            "examples": ["hybrid"],
        },
        label="work_format",
        values="work_formats",
        after="category",
    ),
    Fact(
        "probation_months",
        {
            "type": "integer",
            "minimum": 0,
            "maximum": 6,
            "title": "Probation",
            "description": "Probation period on hiring, in whole months (0: none). Leave out when the "
            "sources do not say.",
            "examples": [3],
        },
        label={
            "ru": "Испытательный срок",
            "bg": "Изпитателен срок",
            "he": "תקופת ניסיון",
            "az": "Sınaq müddəti",
        },
        unit="duration-month",
        after="work_format",
    ),
)
BY_NAME = {f.name: f for f in FACTS}


def read(data: Mapping[str, Any], make_text: Callable[[Any], Text | None]) -> dict[str, Any]:
    """The facts of a position's YAML data (already checked by the schema): name -> value, given only."""
    out: dict[str, Any] = {}
    for f in FACTS:
        if f.name in data and data[f.name] is not None:
            out[f.name] = make_text(data[f.name]) if f.text else data[f.name]
    return out


def _words(words: Words, lang: str, group: str) -> str:
    return str(labels(lang)[group][words]) if isinstance(words, str) else words[lang]


def label(f: Fact, lang: str) -> str:
    return _words(f.label, lang, "fields")


def shown(f: Fact, value: Any, lang: str) -> str | Text:
    """The value as a reader sees it: the Text itself (drawn by the caller), an enum's words, a number
    with its unit in the language's plural form (Babel)."""
    if f.text:
        return value  # type: ignore[no-any-return]
    if f.values is not None:
        if isinstance(f.values, str):
            return str(labels(lang)[f.values][value])
        return f.values[value][lang]
    if f.unit is not None:
        from babel.units import format_unit

        return str(format_unit(value, f.unit, length="long", locale=lang))
    return str(value)


def printed(facts: Mapping[str, Any]) -> list[tuple[Fact, Any]]:
    return [(f, facts[f.name]) for f in FACTS if f.printed and f.name in facts]


def compared() -> list[Fact]:
    return [f for f in FACTS if f.compared]


def exported(facts: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """name -> the exported value (a text in `lang` as plain text; None when not given)."""
    out: dict[str, Any] = {}
    for f in FACTS:
        if not f.exported:
            continue
        value = facts.get(f.name)
        out[f.name] = plain(value.get(lang)) if f.text and value is not None else value
    return out


# --------------------------------------------------------------------------------------------------
# The schema files


def _insert(props: dict[str, Any], name: str, fragment: Any, after: str) -> dict[str, Any]:
    """`props` with `name` set to `fragment`, placed after `after` when it is new."""
    if name in props:
        return {k: (fragment if k == name else v) for k, v in props.items()}
    out: dict[str, Any] = {}
    for k, v in props.items():
        out[k] = v
        if k == after:
            out[name] = fragment
    out.setdefault(name, fragment)
    return out


def _required(names: list[str], name: str, required: bool) -> list[str]:
    """`names` with `name` in it (kept in its place, else appended) or not."""
    if not required:
        return [n for n in names if n != name]
    return names if name in names else [*names, name]


def position_schema(base: Mapping[str, Any]) -> dict[str, Any]:
    """The position schema with every fact's fragment and requirement from the table."""
    s = copy.deepcopy(dict(base))
    for f in FACTS:
        s["properties"] = _insert(s["properties"], f.name, copy.deepcopy(dict(f.schema)), f.after)
        s["required"] = _required(s["required"], f.name, f.required)
    return s


def export_schema(base: Mapping[str, Any]) -> dict[str, Any]:
    s = copy.deepcopy(dict(base))
    pos = s["properties"]["positions"]["items"]
    for f in FACTS:
        if f.exported:
            pos["properties"] = _insert(pos["properties"], f.name, f.export_schema(), f.after)
        else:
            pos["properties"].pop(f.name, None)
        pos["required"] = _required(pos["required"], f.name, f.required and f.exported)
    return s


def schema_files() -> dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]]:
    return {"position": position_schema, "export": export_schema}


def schema_text(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    """Write the facts of the table into the two schema files (run after changing the table)."""
    folder = Path(str(resources.files("jobdesc").joinpath("schema")))
    for name, build in schema_files().items():
        path = folder / f"{name}.schema.json"
        new = schema_text(build(json.loads(path.read_text("utf-8"))))
        if new != path.read_text("utf-8"):
            path.write_text(new, "utf-8")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
