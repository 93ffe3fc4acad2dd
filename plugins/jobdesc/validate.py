"""Validation: JSON Schema for the shape, Python for what a schema cannot say; then the typed model.

Every problem of every file is collected and reported together, each with file, line, column and field
path, in words a person who edits YAML (not a programmer) can act on.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from functools import cache, partial
from importlib import resources
from pathlib import Path as FsPath
from typing import Any, cast

import jsonschema
from babel.numbers import list_currencies

from . import pdf_control
from .errors import Path, Problem, ValidationFailed, format_path
from .model import (
    DEFAULT_LANG,
    LANGS,
    Approval,
    Band,
    Career,
    Catalogue,
    City,
    Clause,
    DutyGroup,
    Education,
    Experience,
    Family,
    General,
    Handbook,
    Position,
    Qualification,
    Role,
    Salary,
    SharedClause,
    Source,
    Text,
    Tier,
)
from .yamlload import LoadError, Located, read_file

CATALOGUE_FILE = "_catalogue.yml"
LANG_NAMES = {"ru": "Russian", "bg": "Bulgarian", "he": "Hebrew", "az": "Azerbaijani"}
_TYPE_WORDS = {
    "string": "a text",
    "object": "a group of fields (`key: value` lines)",
    "array": "a list (lines starting with `- `)",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "yes or no",
    "null": "empty",
}
_LAW = re.compile(r"\{law:([a-z_]+)\}")
_PLACEHOLDER = re.compile(r"_{3,}|\[[^\]]*\](?!\()|\bXXX\b|\bХХХ\b|\.\.\.\.")
_HTML = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|&#?[A-Za-z0-9]+;")
# Bidi controls that can disguise text. LRM/RLM (U+200E/F) and ALM (U+061C) are marks a language may need.
_BIDI_CONTROLS = {chr(c) for c in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069)}
_ALLOWED_CONTROL = {"\n", "\t"}
_BIDI_RE = re.compile("[" + "".join(sorted(_BIDI_CONTROLS)) + "]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode category Cc less tab and newline

# Fields of each section, in the order the document prints them; shared clause sections they accept.
_POSITION_CLAUSE_LISTS: dict[Path, str] = {
    ("general", "provisions"): "provisions",
    ("general", "guided_by"): "guided_by",
    ("qualification", "knowledge"): "knowledge",
    ("qualification", "skills"): "skills",
    ("qualification", "training"): "training",
    ("qualification", "personal_qualities"): "personal_qualities",
    ("rights",): "rights",
    ("responsibility",): "responsibility",
    ("kpis",): "kpis",
    ("working_conditions",): "working_conditions",
    ("pay",): "pay",
    ("final_provisions",): "final_provisions",
}


@cache
def schema(name: str) -> dict[str, Any]:
    """The checked-in JSON Schema `position` or `catalogue`."""
    text = resources.files("jobdesc").joinpath(f"schema/{name}.schema.json").read_text("utf-8")
    return cast(dict[str, Any], json.loads(text))


def schema_path(name: str) -> FsPath:
    return FsPath(str(resources.files("jobdesc").joinpath(f"schema/{name}.schema.json")))


# --------------------------------------------------------------------------------------------------
# Schema errors in plain words


def _closest(word: str, choices: Iterable[str]) -> str | None:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def _subschema_props(err: jsonschema.ValidationError) -> list[str]:
    props = err.schema.get("properties", {}) if isinstance(err.schema, dict) else {}
    return list(props)


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(name))


@cache
def _fast_check(name: str) -> Any:
    """A compiled validity check (fastjsonschema, ~20x faster) for the common case of a valid file;
    jsonschema then runs only for files with errors, to explain them. The schema keeps to keywords both
    understand; `$schema` is given as draft-07 for the compiler, which does not know 2020-12 by name."""
    try:
        import fastjsonschema
    except ImportError:  # the slow path alone is still correct
        return None
    compiled = dict(schema(name), **{"$schema": "http://json-schema.org/draft-07/schema#"})
    return fastjsonschema.compile(compiled)


def _schema_problems(doc: Located, name: str) -> list[Problem]:
    fast = _fast_check(name)
    if fast is not None:
        import fastjsonschema

        try:
            fast(doc.data)
            return []
        except fastjsonschema.JsonSchemaException:
            pass  # explain below
        except Exception:
            pass
    validator = _validator(name)
    problems: list[Problem] = []
    # A duty group without `items` would otherwise be read as a duty with unknown fields: say it plainly.
    groups: list[Path] = []
    if name == "position" and isinstance(doc.data, dict) and isinstance(doc.data.get("duties"), list):
        for i, item in enumerate(doc.data["duties"]):
            if isinstance(item, dict) and "group" in item and "items" not in item:
                groups.append(("duties", i))
                problems.append(
                    doc.problem(("duties", i), "a group of duties needs `items:`, the list of its duties")
                )
    for err in validator.iter_errors(doc.data):
        path = tuple(err.absolute_path)
        if any(path[: len(g)] == g for g in groups):
            continue
        problems.extend(_explain(doc, err))
    unique: list[Problem] = []
    for p in problems:
        if p not in unique:
            unique.append(p)
    return unique


def _explain(doc: Located, err: jsonschema.ValidationError) -> Iterator[Problem]:
    path: Path = tuple(err.absolute_path)
    v: Any = err.validator
    inst: Any = err.instance
    value: Any = err.validator_value
    if v == "required":
        for key in value:
            if isinstance(inst, dict) and key not in inst:
                if key in LANG_NAMES and set(_subschema_props(err)) <= set(LANG_NAMES):
                    yield doc.problem(path, f"the {LANG_NAMES[key]} text (`{key}:`) is missing")
                else:
                    yield Problem(
                        doc.file,
                        *doc.where(path),
                        format_path((*path, key)),
                        f"required field `{key}` is missing",
                    )
    elif v == "additionalProperties":
        allowed = _subschema_props(err)
        for key in inst:
            if key not in allowed:
                guess = _closest(str(key), allowed)
                hint = f" Did you mean `{guess}`?" if guess else ""
                if set(allowed) <= set(LANG_NAMES):
                    what = f"`{key}` is not a language of this site; use ru, bg, he or az.{hint}"
                else:
                    what = f"unknown field `{key}`.{hint} Allowed here: {', '.join(allowed)}"
                yield doc.problem((*path, key), what, key=True)
    elif v == "type":
        expected = value if isinstance(value, list) else [value]
        want = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in expected)
        yield doc.problem(path, f"must be {want}, not {_describe(inst)}")
    elif v == "enum":
        choices = [str(c) for c in value]
        guess = _closest(str(inst), choices)
        hint = f" Did you mean `{guess}`?" if guess else ""
        yield doc.problem(path, f"`{inst}` is not allowed here.{hint} Choose one of: {', '.join(choices)}")
    elif v == "pattern":
        yield doc.problem(path, _pattern_words(path, str(inst)))
    elif v == "minLength":
        yield doc.problem(path, "must not be empty")
    elif v == "maxLength":
        yield doc.problem(path, f"is too long ({len(inst)} characters; at most {value})")
    elif v == "minItems":
        n = value
        yield doc.problem(path, "must not be an empty list" if n == 1 else f"must list at least {n} items")
    elif v == "uniqueItems":
        yield doc.problem(path, "lists the same entry twice")
    elif v in ("minimum", "exclusiveMinimum"):
        yield doc.problem(path, f"must be at least {value}, not {inst}")
    elif v in ("maximum", "exclusiveMaximum"):
        yield doc.problem(path, f"must be at most {value}, not {inst}")
    elif v == "anyOf" and path and isinstance(inst, dict) and "bands" in path:
        yield doc.problem(path, "give `min`, `max` or both")
    else:
        yield doc.problem(path, err.message)


def _describe(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text {str(value)[:40]!r}"


def _pattern_words(path: Path, value: str) -> str:
    last = path[-1] if path else ""
    if last == "currency":
        return (
            f"`{value}` is not a currency code: use three capital letters of ISO 4217, "
            "e.g. RUB, EUR, BGN, AZN"
        )
    if last == "lines":
        return f"`{value}` is not a line range: write e.g. `90-139` or `12, 40-45`"
    return (
        f"`{value}` is not a valid id: use lowercase Latin letters, digits and single hyphens, "
        "e.g. `sales-manager` (no spaces, slashes or dots)"
    )


# --------------------------------------------------------------------------------------------------
# Text checks shared by positions and the catalogue


def _iter_texts(data: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every string value in a document, with its path."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _iter_texts(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _iter_texts(v, (*path, i))
    elif isinstance(data, str):
        yield path, data


def _text_problems(doc: Located, laws: Mapping[str, object]) -> list[Problem]:
    problems: list[Problem] = []
    for path, value in _iter_texts(doc.data):
        if not path or path[-1] not in LANGS:
            continue
        if value != value.strip():
            problems.append(doc.problem(path, "starts or ends with spaces"))
        bad = sorted(set(_BIDI_RE.findall(value)))
        if bad:
            names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '')}" for c in bad)
            problems.append(
                doc.problem(
                    path,
                    f"contains invisible direction-control characters ({names}); "
                    "remove them (only LRM/RLM marks are allowed)",
                )
            )
        ctrl = sorted(set(_CONTROL_RE.findall(value)))
        if ctrl:
            problems.append(
                doc.problem(
                    path, "contains control characters: " + ", ".join(f"U+{ord(c):04X}" for c in ctrl)
                )
            )
        if _HTML.search(value):
            problems.append(
                doc.problem(
                    path,
                    f"contains HTML ({_HTML.search(value).group(0)!r}); "  # type: ignore[union-attr]
                    "write plain text (Markdown **bold** and *italic* are fine)",
                )
            )
        m = _PLACEHOLDER.search(value)
        if m:
            problems.append(
                doc.problem(
                    path, f"contains a template placeholder {m.group(0)!r}: replace it with the real text"
                )
            )
        for law in _LAW.findall(value):
            if law not in laws:
                known = ", ".join(f"{{law:{k}}}" for k in laws) or "none"
                problems.append(doc.problem(path, f"names an unknown law `{{law:{law}}}`; known: {known}"))
        if re.search(r"javascript\s*:", value, re.I):
            problems.append(doc.problem(path, "contains a `javascript:` link, which is not allowed"))
    return problems


def text_maps(data: Any, path: Path = ()) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every text of a document: a map of languages (with `ru`), with its path."""
    if isinstance(data, dict):
        if DEFAULT_LANG in data and set(data) <= set(LANGS):
            yield path, data
            return
        for k, v in data.items():
            yield from text_maps(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from text_maps(v, (*path, i))


def _translation_problems(doc: Located, require: bool) -> list[Problem]:
    """Texts without one of the four languages (only when every language is required)."""
    if not require:
        return []
    problems: list[Problem] = []
    for path, obj in text_maps(doc.data):
        for lang in LANGS:
            if lang not in obj:
                message = f"the {LANG_NAMES[lang]} translation (`{lang}:`) is missing"
                problems.append(Problem(doc.file, *doc.where(path), format_path((*path, lang)), message))
    return problems


# --------------------------------------------------------------------------------------------------
# Building the model


def _law_name(laws: Mapping[str, Text], lang: str, m: re.Match[str]) -> str:
    return laws[m.group(1)].get(lang) if m.group(1) in laws else m.group(0)


def _text(raw: Mapping[str, str] | None, laws: Mapping[str, Text]) -> Text:
    assert raw is not None
    values: dict[str, str] = {}
    for lang in LANGS:
        value = raw.get(lang)
        if value is None:
            continue
        values[lang] = _LAW.sub(partial(_law_name, laws, lang), value)
    missing = frozenset(lang for lang in LANGS if lang not in raw)
    return Text(values, missing)


def _opt_text(raw: Mapping[str, str] | None, laws: Mapping[str, Text]) -> Text | None:
    return None if raw is None else _text(raw, laws)


def _catalogue(doc: Located) -> Catalogue:
    d = doc.data
    laws: dict[str, Text] = {}
    jur = d.get("jurisdiction")
    if jur:
        laws = {k: _text(v, {}) for k, v in jur["laws"].items()}
    return Catalogue(
        families=tuple(Family(f["id"], _text(f["title"], laws), f.get("order", 0)) for f in d["families"]),
        roles=tuple(Role(r["id"], _text(r["title"], laws), r.get("reports_to")) for r in d["roles"]),
        cities=tuple(City(c["id"], _text(c["name"], laws)) for c in d["cities"]),
        clauses=tuple(
            SharedClause(c["id"], c["section"], _text(c["text"], laws), tuple(c.get("liability", ())))
            for c in d["clauses"]
        ),
        jurisdiction=_text(jur["name"], {}) if jur else None,
        laws=laws,
        agreement=tuple(d.get("agreement", ())),
    )


class _Builder:
    def __init__(self, catalogue: Catalogue) -> None:
        self.cat = catalogue
        self.shared = {c.id: c for c in catalogue.clauses}

    @staticmethod
    def iso_date(value: object) -> str | None:
        """A date as the schema checked it (a string), or a date YAML read unquoted, as YYYY-MM-DD."""
        if value is None:
            return None
        return value.isoformat() if isinstance(value, datetime.date) else str(value)

    @staticmethod
    def approval(raw: Mapping[str, Any] | None) -> Approval | None:
        if raw is None:
            return None
        return Approval(raw.get("role"), _Builder.iso_date(raw.get("date")), raw.get("order"))

    def clauses(self, raw: list[dict[str, Any]] | None) -> tuple[Clause, ...]:
        out = []
        for item in raw or ():
            if "ref" in item:
                sc = self.shared[item["ref"]]
                out.append(Clause(sc.id, sc.text, shared=True, liability=sc.liability))
            else:
                out.append(
                    Clause(
                        item["id"],
                        _text(item["text"], self.cat.laws),
                        liability=tuple(item.get("liability", ())),
                    )
                )
        return tuple(out)

    def position(self, doc: Located) -> Position:
        d = doc.data
        laws = self.cat.laws
        g = d["general"]
        q = d["qualification"]
        groups: list[DutyGroup] = []
        loose: list[dict[str, Any]] = []
        for item in d["duties"]:
            if "items" in item:
                if loose:
                    groups.append(DutyGroup(f"_{len(groups)}", None, self.clauses(loose)))
                    loose = []
                groups.append(
                    DutyGroup(item["group"], _text(item["title"], laws), self.clauses(item["items"]))
                )
            else:
                loose.append(item)
        if loose:
            groups.append(DutyGroup(f"_{len(groups)}", None, self.clauses(loose)))
        sal = d.get("salary")
        salary = None
        if sal is not None:
            salary = Salary(
                currency=sal["currency"],
                period=sal["period"],
                as_of=sal.get("as_of"),
                source=_text(sal["source"], laws),
                note=_opt_text(sal.get("note"), laws),
                tiers=tuple(
                    Tier(
                        t["id"],
                        _text(t["title"], laws),
                        tuple(Band(b.get("city"), b.get("min"), b.get("max")) for b in t["bands"]),
                        t.get("min_experience_years"),
                        _opt_text(t.get("conditions"), laws),
                    )
                    for t in sal["tiers"]
                ),
            )
        car = d.get("career", {})
        return Position(
            id=d["id"],
            file=doc.file,
            family=d["family"],
            order=d.get("order", 0),
            title=_text(d["title"], laws),
            summary=_text(d["summary"], laws),
            category=d["category"],
            department=_opt_text(d.get("department"), laws),
            work_format=d.get("work_format"),
            general=General(
                appointed_by=g["appointed_by"],
                reports_to=tuple(g["reports_to"]),
                on_proposal_of=g.get("on_proposal_of"),
                reports_also_to=tuple(g.get("reports_also_to", ())),
                gives_orders_to=tuple(g.get("gives_orders_to", ())),
                substitutes=tuple(g.get("substitutes", ())),
                substituted_by=tuple(g.get("substituted_by", ())),
                provisions=self.clauses(g.get("provisions")),
                guided_by=self.clauses(g.get("guided_by")),
            ),
            qualification=Qualification(
                education=Education(q["education"]["level"], _opt_text(q["education"].get("field"), laws)),
                experience=Experience(q["experience"]["years"], _opt_text(q["experience"].get("kind"), laws)),
                notes=_opt_text(q.get("notes"), laws),
                knowledge=self.clauses(q.get("knowledge")),
                skills=self.clauses(q.get("skills")),
                training=self.clauses(q.get("training")),
                personal_qualities=self.clauses(q.get("personal_qualities")),
            ),
            duties=tuple(groups),
            rights=self.clauses(d["rights"]),
            responsibility=self.clauses(d["responsibility"]),
            kpis=self.clauses(d.get("kpis")),
            working_conditions=self.clauses(d.get("working_conditions")),
            pay=self.clauses(d.get("pay")),
            salary=salary,
            career=Career(
                tuple(car.get("from", ())), tuple(car.get("to", ())), _opt_text(car.get("notes"), laws)
            ),
            final_provisions=self.clauses(d.get("final_provisions")),
            sources=tuple(Source(s["document"], s.get("lines"), s.get("note")) for s in d.get("sources", ())),
            revision=d.get("revision"),
            effective_date=self.iso_date(d.get("effective_date")),
            approval=self.approval(d.get("approval")),
        )


# --------------------------------------------------------------------------------------------------
# Semantic checks


def _catalogue_semantics(doc: Located) -> list[Problem]:
    d = doc.data
    problems: list[Problem] = []
    for key in ("families", "roles", "cities", "clauses"):
        seen: dict[str, int] = {}
        for i, item in enumerate(d.get(key, [])):
            iid = item.get("id")
            if iid in seen:
                problems.append(
                    doc.problem(
                        (key, i, "id"),
                        f"id `{iid}` is used twice in `{key}` "
                        f"(first at line {doc.where((key, seen[iid], 'id'))[0]})",
                    )
                )
            else:
                seen[iid] = i
    role_ids = {r["id"] for r in d.get("roles", [])}
    for i, r in enumerate(d.get("roles", [])):
        sup = r.get("reports_to")
        if sup is not None and sup not in role_ids:
            problems.append(doc.problem(("roles", i, "reports_to"), f"there is no role `{sup}`"))
    for i, c in enumerate(d.get("clauses", [])):
        if "liability" in c and c.get("section") != "responsibility":
            problems.append(
                doc.problem(
                    ("clauses", i, "liability"),
                    "only clauses of the `responsibility` section have a liability kind",
                )
            )
    return problems


def _position_semantics(doc: Located, stem: str, cat: Catalogue, position_ids: set[str]) -> list[Problem]:
    d = doc.data
    problems: list[Problem] = []
    role_ids = {r.id for r in cat.roles}
    shared = {c.id: c for c in cat.clauses}
    if d["id"] != stem:
        problems.append(doc.problem(("id",), f"the id `{d['id']}` must match the file name `{stem}.yml`"))
    if d["family"] not in {f.id for f in cat.families}:
        known = ", ".join(f.id for f in cat.families)
        problems.append(
            doc.problem(("family",), f"there is no family `{d['family']}` in the catalogue; known: {known}")
        )

    def check_ref(path: Path, ref: str) -> None:
        if ref not in position_ids and ref not in role_ids:
            guess = _closest(ref, position_ids | role_ids)
            hint = f" Did you mean `{guess}`?" if guess else ""
            problems.append(
                doc.problem(
                    path, f"`{ref}` is neither a position in positions/ nor a role in the catalogue.{hint}"
                )
            )
        elif ref == d["id"]:
            problems.append(doc.problem(path, "a position cannot refer to itself here"))

    g = d["general"]
    for key in ("appointed_by", "on_proposal_of"):
        if key in g:
            check_ref(("general", key), g[key])
    for key in ("reports_to", "reports_also_to", "gives_orders_to", "substitutes", "substituted_by"):
        for i, ref in enumerate(g.get(key, [])):
            check_ref(("general", key, i), ref)
    for key in ("from", "to"):
        for i, ref in enumerate(d.get("career", {}).get(key, [])):
            check_ref(("career", key, i), ref)

    # clause ids: unique within the file, shared refs exist and fit the section
    seen: dict[str, Path] = {}

    def check_clauses(path: Path, items: Iterable[tuple[int, dict[str, Any]]], section: str) -> None:
        for i, item in items:
            p = (*path, i)
            if "ref" in item:
                ref = item["ref"]
                sc = shared.get(ref)
                if sc is None:
                    cands = [c.id for c in cat.clauses if c.section == section]
                    guess = _closest(ref, cands)
                    hint = f" Did you mean `{guess}`?" if guess else ""
                    problems.append(
                        doc.problem((*p, "ref"), f"there is no shared clause `{ref}` in the catalogue.{hint}")
                    )
                    continue
                if sc.section != section:
                    problems.append(
                        doc.problem(
                            (*p, "ref"),
                            f"the shared clause `{ref}` belongs to `{sc.section}`, not to `{section}`",
                        )
                    )
                    continue
                key = ref
            else:
                key = item["id"]
                if key in shared:
                    problems.append(
                        doc.problem(
                            (*p, "id"),
                            f"`{key}` is the id of a shared clause; "
                            f"write `- ref: {key}` or choose another id",
                        )
                    )
                if section != "responsibility" and "liability" in item:
                    problems.append(
                        doc.problem((*p, "liability"), "only `responsibility` clauses have a liability kind")
                    )
            if key in seen:
                first = doc.where(seen[key])[0]
                problems.append(doc.problem(p, f"`{key}` is used twice in this file (first at line {first})"))
            else:
                seen[key] = p

    for path, section in _POSITION_CLAUSE_LISTS.items():
        node: Any = d
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        if node:
            check_clauses(path, enumerate(node), section)
    for i, item in enumerate(d["duties"]):
        if "items" in item:
            gid = item["group"]
            if gid in seen:
                problems.append(doc.problem(("duties", i, "group"), f"`{gid}` is used twice in this file"))
            seen[gid] = ("duties", i, "group")
            check_clauses(("duties", i, "items"), enumerate(item["items"]), "duties")
        else:
            check_clauses(("duties",), [(i, item)], "duties")

    sal = d.get("salary")
    if sal:
        if sal["currency"] not in list_currencies():
            problems.append(
                doc.problem(("salary", "currency"), f"`{sal['currency']}` is not a known ISO 4217 currency")
            )
        city_ids = {c.id for c in cat.cities}
        tier_ids: set[str] = set()
        for t, tier in enumerate(sal["tiers"]):
            if tier["id"] in tier_ids:
                problems.append(
                    doc.problem(("salary", "tiers", t, "id"), f"tier id `{tier['id']}` is used twice")
                )
            tier_ids.add(tier["id"])
            cities_seen: set[str | None] = set()
            for b, band in enumerate(tier["bands"]):
                bp: Path = ("salary", "tiers", t, "bands", b)
                city = band.get("city")
                if city is not None and city not in city_ids:
                    guess = _closest(city, city_ids)
                    hint = f" Did you mean `{guess}`?" if guess else ""
                    problems.append(
                        doc.problem((*bp, "city"), f"there is no city `{city}` in the catalogue.{hint}")
                    )
                if city in cities_seen:
                    problems.append(
                        doc.problem((*bp, "city"), f"this tier gives `{city or 'every city'}` twice")
                    )
                cities_seen.add(city)
                lo, hi = band.get("min"), band.get("max")
                if lo is not None and hi is not None and lo > hi:
                    problems.append(doc.problem((*bp, "min"), f"`min` ({lo}) is greater than `max` ({hi})"))
    return problems


def _cycles(cat: Catalogue, docs: dict[str, Located]) -> list[Problem]:
    """Reporting lines must not go round in a circle (through positions and roles)."""
    edges: dict[str, list[str]] = {r.id: [r.reports_to] if r.reports_to else [] for r in cat.roles}
    for pid, doc in docs.items():
        g = doc.data["general"]
        edges[pid] = list(g.get("reports_to", [])) + list(g.get("reports_also_to", []))
    problems: list[Problem] = []
    reported: set[frozenset[str]] = set()
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in edges.get(node, []):
            if nxt == node:
                continue  # a position naming itself is reported as such, not as a cycle
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    start = next((n for n in cycle if n in docs), None)
                    text = " → ".join([*cycle, nxt])
                    if start is not None:
                        doc = docs[start]
                        problems.append(doc.problem(("general", "reports_to"), f"reporting cycle: {text}"))
                    else:
                        problems.append(Problem(CATALOGUE_FILE, 0, 0, "roles", f"reporting cycle: {text}"))
            elif state.get(nxt) is None:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if state.get(node) is None:
            visit(node, [])
    return problems


# --------------------------------------------------------------------------------------------------
# Entry point


def position_files(positions_dir: FsPath) -> list[FsPath]:
    return sorted(p for p in positions_dir.glob("*.yml") if not p.name.startswith("_"))


def load_handbook(
    positions_dir: str | FsPath,
    *,
    require_translations: bool = True,
    display_root: str | FsPath | None = None,
) -> Handbook:
    """Load, validate and model every position; raise ValidationFailed with all problems found."""
    root = FsPath(positions_dir)
    base = FsPath(display_root) if display_root is not None else root.parent

    def shown(p: FsPath) -> str:
        try:
            return p.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            return p.as_posix()

    problems: list[Problem] = []
    if not root.is_dir():
        raise ValidationFailed([Problem(root.as_posix(), 0, 0, "", "the positions folder does not exist")])
    cat_path = root / CATALOGUE_FILE
    cat_doc: Located | None = None
    if not cat_path.exists():
        problems.append(Problem(shown(cat_path), 0, 0, "", "the shared catalogue file is missing"))
    else:
        try:
            cat_doc = read_file(str(cat_path), shown(cat_path))
        except LoadError as exc:
            problems.extend(exc.problems)
    catalogue: Catalogue | None = None
    if cat_doc is not None:
        cat_problems = _schema_problems(cat_doc, "catalogue")
        if not cat_problems:
            cat_problems += _catalogue_semantics(cat_doc)
            cat_problems += pdf_control.catalogue_problems(cat_doc)
            laws = (cat_doc.data.get("jurisdiction") or {}).get("laws", {})
            cat_problems += _text_problems(cat_doc, laws)
            cat_problems += _translation_problems(cat_doc, require_translations)
        problems.extend(cat_problems)
        if not cat_problems:
            catalogue = _catalogue(cat_doc)

    files = position_files(root)
    if not files:
        problems.append(Problem(shown(root), 0, 0, "", "there are no position files (*.yml) in this folder"))
    docs: dict[str, Located] = {}
    for path in files:
        try:
            doc = read_file(str(path), shown(path))
        except LoadError as exc:
            problems.extend(exc.problems)
            continue
        errs = _schema_problems(doc, "position")
        if errs:
            problems.extend(errs)
            continue
        docs[path.stem] = doc
    # ids of every position file whose name is a valid id, so one broken file does not cascade
    position_ids = {p.stem for p in files}
    if catalogue is not None:
        laws = catalogue.laws
        for stem, doc in docs.items():
            problems.extend(_position_semantics(doc, stem, catalogue, position_ids))
            problems.extend(pdf_control.position_problems(doc, catalogue, position_ids))
            problems.extend(_text_problems(doc, laws))
            problems.extend(_translation_problems(doc, require_translations))
        problems.extend(_cycles(catalogue, docs))
    if problems:
        raise ValidationFailed(problems)
    assert catalogue is not None
    builder = _Builder(catalogue)
    positions = tuple(
        sorted((builder.position(doc) for doc in docs.values()), key=lambda p: (p.family, p.order, p.id))
    )
    return Handbook(catalogue, positions)
