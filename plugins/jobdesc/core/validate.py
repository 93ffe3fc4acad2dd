"""Validation: JSON Schema for the shape, Python for what a schema cannot say; then the typed model.

Every problem of every file is collected and reported together, each with file, line, column and field
path, in words a person who edits YAML (not a programmer) can act on.
"""

from __future__ import annotations

import contextvars
import copy
import datetime
import difflib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache, partial
from importlib import resources
from pathlib import Path as FsPath
from typing import Any, cast

import jsonschema
from babel.numbers import list_currencies

from . import fields, pdf_control, translations
from . import text as text_policy
from .errors import Path, Problem, ValidationFailed, format_path
from .messages import M, Msg
from .model import (
    LANGS,
    Approval,
    Band,
    Career,
    Catalogue,
    City,
    Clause,
    DutyArea,
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
from .translations import Outdated, text_maps
from .yamlload import AsWritten, LoadError, Located, read_file

CATALOGUE_FILE = "_catalogue.yml"
POSITION_SUFFIXES = (".yml", ".yaml")
# Ids the site uses itself, as a path segment (`positions/index`, `pdf/catalogue.ru.pdf`, `compare/<family>`,
# top-level folders, language trees) or as an anchor (`#top`, `#org-chart`, the sections' anchors). Position
# ids and family ids become path segments and anchors, so none may be one of these. The schemas' `id`
# descriptions list them too (a test keeps the two equal).
RESERVED_IDS = frozenset(
    {
        # pages and folders of every language tree
        "index", "catalogue", "positions", "compare", "status", "hr", "search", "assets", "pdf",
        "export", "404", "sitemap", "javascripts", "stylesheets",
        # the pair view and its data, beside the family comparison pages in compare/
        "pair", "data",
        # language trees
        "ru", "bg", "he", "az",
        # anchors of the catalogue, position and comparison pages
        "top", "org-chart", "general", "qualification", "duties", "rights", "responsibility", "kpis",
        "working-conditions", "pay", "salary", "career", "final-provisions", "knowledge", "skills",
        "training", "personal-qualities", "overview", "jd-range-note",
    }
)  # fmt: skip
# JSON Schema types in words: the catalogue's `type.<name>` messages
_TYPES = ("string", "object", "array", "integer", "number", "boolean", "null")
# `{law:labour}` is a law's name as the catalogue gives it (nominative); `{law:labour:ins}` one of its
# grammatical forms, given in the catalogue under the key `labour:ins` (see catalogue.schema.json).
_LAW = re.compile(r"\{law:([a-z_]+(?::[a-z]+)?)\}")
_PLACEHOLDER = re.compile(r"_{3,}|\[[^\[\]]*\](?!\()|\bXXX\b|\bХХХ\b|\.\.\.\.")

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
def _schema_for(name: str, relaxed: bool) -> dict[str, Any]:
    """The schema as shipped (every text in all four languages, what editors check), or its relaxed copy
    for a build that accepts missing translations (`require_translations: false`): only Russian."""
    if not relaxed:
        return schema(name)
    loose = copy.deepcopy(schema(name))
    loose["$defs"]["text"]["required"] = ["ru"]
    return loose


@cache
def _validator(name: str, relaxed: bool = False) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_schema_for(name, relaxed))


@cache
def _fast_check(name: str, relaxed: bool = False) -> Any:
    """A compiled validity check (fastjsonschema, ~20x faster) for the common case of a valid file;
    jsonschema then runs only for files with errors, to explain them. The schema keeps to keywords both
    understand; `$schema` is given as draft-07 for the compiler, which does not know 2020-12 by name."""
    try:
        import fastjsonschema
    except ImportError:  # the slow path alone is still correct
        return None
    # a deep copy: the compiler rewrites the `$ref`s of what it is given, and the schema is shared
    compiled = dict(
        copy.deepcopy(_schema_for(name, relaxed)), **{"$schema": "http://json-schema.org/draft-07/schema#"}
    )
    return fastjsonschema.compile(compiled)


def _schema_problems(doc: Located, name: str, relaxed: bool = False) -> list[Problem]:
    fast = _fast_check(name, relaxed)
    if fast is not None:
        import fastjsonschema

        try:
            fast(doc.data)
            return []
        except fastjsonschema.JsonSchemaException:
            pass  # explain below
        except Exception:
            pass
    validator = _validator(name, relaxed)
    problems: list[Problem] = []
    # A duty group without `items` would otherwise be read as a duty with unknown fields: say it plainly.
    groups: list[Path] = []
    if name == "position" and isinstance(doc.data, dict) and isinstance(doc.data.get("duties"), list):
        for i, item in enumerate(doc.data["duties"]):
            if isinstance(item, dict) and "group" in item and "items" not in item:
                groups.append(("duties", i))
                problems.append(doc.problem(("duties", i), M("duties.group-without-items")))
    for err in validator.iter_errors(doc.data):
        path = tuple(err.absolute_path)
        if any(path[: len(g)] == g for g in groups):
            continue
        problems.extend(_explain(doc, err))
    unique: list[Problem] = []
    for p in problems:
        if p not in unique:
            unique.append(p)
    return _without_misspelt_required(unique)


def _parent(path: str) -> str:
    return path.rpartition(".")[0]


def _without_misspelt_required(problems: list[Problem]) -> list[Problem]:
    """A required key written with a typo (`responsibilty:`) is reported once, where it is written, as
    "unknown field … Did you mean `responsibility`?", not also as "required field `responsibility` is
    missing" at the top of the block."""
    guessed = set()
    for p in problems:
        m = p.message
        if isinstance(m, Msg) and m.key == "field.unknown" and isinstance(m.params.get("hint"), Msg):
            guessed.add((_parent(p.path), m.params["hint"].params["guess"]))
    if not guessed:
        return problems
    return [
        p
        for p in problems
        if not (
            isinstance(p.message, Msg)
            and p.message.key == "field.required"
            and (_parent(p.path), p.message.params["key"]) in guessed
        )
    ]


def _explain(doc: Located, err: jsonschema.ValidationError) -> Iterator[Problem]:
    path: Path = tuple(err.absolute_path)
    v: Any = err.validator
    inst: Any = err.instance
    value: Any = err.validator_value
    if isinstance(inst, AsWritten) and v not in ("type", "enum"):
        return  # the type error explains it
    if v == "type":
        expected = value if isinstance(value, list) else [value]
        if {"integer", "number"} & set(expected) and isinstance(inst, (str, AsWritten)):
            yield doc.problem(path, _number_words(str(inst), path, quoted=isinstance(inst, str)))
            return
        if isinstance(inst, AsWritten):
            if isinstance(err.schema, dict) and "enum" in err.schema:
                return  # the enum error names the choices
            yield doc.problem(path, _as_written_words(inst, expected))
            return
    if v == "required":
        for key in value:
            if isinstance(inst, dict) and key not in inst:
                if key == "ru" and set(_subschema_props(err)) <= set(LANGS):
                    yield doc.problem(path, M("text.missing-source", code=key))
                elif key in LANGS and set(_subschema_props(err)) <= set(LANGS):
                    message = M("text.missing-translation", code=key)
                    yield Problem(doc.file, *doc.where(path), format_path((*path, key)), message)
                else:
                    message = M("field.required", key=key)
                    yield Problem(doc.file, *doc.where(path), format_path((*path, key)), message)
    elif v == "additionalProperties":
        allowed = _subschema_props(err)
        for key in inst:
            if key not in allowed:
                hint = _hint(str(key), allowed)
                if set(allowed) <= set(LANGS):
                    what = M("field.not-a-language", key=key, hint=hint)
                else:
                    what = M("field.unknown", key=key, hint=hint, allowed=", ".join(allowed))
                yield doc.problem((*path, key), what, key=True)
    elif v == "type":
        expected = value if isinstance(value, list) else [value]
        yield doc.problem(path, M("value.wrong-type", want=_types_words(expected), got=_describe(inst)))
    elif v == "enum":
        choices = [str(c) for c in value]
        hint = _hint(str(inst), choices)
        yield doc.problem(
            path, M("value.not-a-choice", value=str(inst), hint=hint, choices=", ".join(choices))
        )
    elif v == "pattern":
        yield doc.problem(path, _pattern_words(path, str(inst), str(value)))
    elif v == "minLength":
        yield doc.problem(path, M("value.empty"))
    elif v == "maxLength":
        yield doc.problem(path, M("value.too-long", n=len(inst), most=value))
    elif v == "maxItems":
        yield doc.problem(path, M("value.too-many-items", n=value, got=len(inst)))
    elif v == "minItems":
        yield doc.problem(path, M("value.empty-list") if value == 1 else M("value.too-few-items", n=value))
    elif v == "uniqueItems":
        yield doc.problem(path, M("value.twice-in-list"))
    elif v in ("minimum", "exclusiveMinimum"):
        yield doc.problem(path, M("value.below-minimum", least=value, value=inst))
    elif v in ("maximum", "exclusiveMaximum"):
        yield doc.problem(path, M("value.above-maximum", most=value, value=inst))
    elif v == "not" and isinstance(value, dict) and set(value.get("enum", ())) == RESERVED_IDS:
        yield doc.problem(path, _reserved_words(str(inst)))
    elif v == "anyOf" and path and isinstance(inst, dict) and "bands" in path:
        yield doc.problem(path, M("salary.band-needs-amount"))
    else:  # a schema rule without words of its own (none today: tests/unit/test_messages.py checks)
        yield doc.problem(path, M("value.schema", detail=err.message))


def _hint(word: str, choices: Iterable[str]) -> Msg | str:
    """ " Did you mean `x`?" for the closest of `choices`, or nothing."""
    guess = _closest(word, choices)
    return M("hint.did-you-mean", guess=guess) if guess else ""


def _types_words(types: list[Any]) -> Msg:
    """`["string"]` -> "a text"; two or more joined with "or" in the reader's language."""
    words = [M(f"type.{t}") if t in _TYPES else M("value.verbatim", text=str(t)) for t in types]
    out = words[-1]
    for word in reversed(words[:-1]):
        out = M("join.or", first=word, second=out)
    return out


def _describe(value: object) -> Msg:
    if value is None:
        return M("type.null")
    if isinstance(value, bool):
        return M("got.yes-no", value=str(value).lower())
    if isinstance(value, dict):
        return M("got.group")
    if isinstance(value, list):
        return M("got.list")
    if isinstance(value, (int, float)):
        return M("got.number", value=value)
    if isinstance(value, AsWritten):
        return M("got.as-written", text=_quote(value.text))
    return M("got.text", text=repr(str(value)[:40]))


def _quote(text: str, limit: int = 40) -> str:
    """`text` as written, cut to `limit` characters."""
    return text if len(text) <= limit else text[:limit] + "…"


# an example whole number per numeric field, for the advice; the field's own figure where it can be told
_NUMBER_EXAMPLES = {"min": 25000, "max": 25000, "as_of": 2025, "years": 3, "min_experience_years": 3}


def _number_words(text: str, path: Path, quoted: bool = False) -> Msg:
    """Why `text` (as written in the file; `quoted`: given as a text) is not a whole number, and how to
    write it."""
    t = text.strip()
    low = t.lower()
    last = path[-1] if path else ""
    fallback = _NUMBER_EXAMPLES.get(str(last), 10)
    if low.lstrip("+-") in (".nan", ".inf", "nan", "inf", "infinity"):
        return M("number.not-a-number", text=_quote(t), example=fallback)
    digits = t.lstrip("+-")
    if re.fullmatch(r"[0-9]+", digits) and len(digits) > 15:
        return M("number.too-large", text=_quote(t))
    extra = []
    if re.fullmatch(r"[+-]?0[0-9_]+", t):
        extra.append(M("number.without-leading-zero"))
    if t.startswith("+"):
        extra.append(M("number.without-plus"))
    if re.fullmatch(r"[+-]?0[xXoObB][0-9a-fA-F_]+", t):
        extra.append(M("number.in-decimal"))
    elif re.fullmatch(r"[+-]?[0-9][0-9_ ,'\u00a0\u202f]*[0-9]", t) and not digits.isdigit():
        extra.append(M("number.without-separators"))
    if ":" in t:
        extra.append(M("number.without-colon"))
    if re.fullmatch(r"[+-]?[0-9_.]*[0-9][0-9_.]*[eE][+-]?[0-9]+", t):
        extra.append(M("number.without-exponent"))
    elif re.fullmatch(r"[+-]?[0-9_]*\.[0-9_]*", t) and any(c.isdigit() for c in t):
        extra.append(M("number.without-point"))
    if quoted and re.fullmatch(r"[+-]?[0-9]+", t):
        extra.append(M("number.without-quotes"))
    example = _whole(t)
    example = fallback if example is None else example
    if extra:
        return M("number.not-whole-because", text=_quote(t), how=extra, example=example)
    return M("number.not-whole", text=_quote(t), example=example)


def _whole(text: str) -> int | None:
    """The whole number `text` plainly means (`025000`, `25_000`, `25 000`, `25000.0`, `1e3`), or None."""
    t = re.sub(r"[_ ,'\u00a0\u202f]", "", text.strip()).lstrip("+")
    if re.fullmatch(r"-?[0-9]{1,15}", t):
        return int(t)
    if re.fullmatch(r"-?[0-9]{1,15}\.0*", t):
        return int(t.split(".")[0])
    m = re.fullmatch(r"(-?[0-9]{1,6})(?:\.([0-9]{0,6}))?[eE]\+?([0-9])", t)
    if m:
        whole, frac, exp = m.group(1), m.group(2) or "", int(m.group(3))
        if len(frac.rstrip("0")) <= exp:
            return int(whole + (frac + "0" * exp)[:exp])
    return None


def _as_written_words(value: AsWritten, expected: list[Any]) -> Msg:
    """A plain value YAML 1.1 would read as a number or yes/no, where something else is wanted."""
    read_as = M("type.number") if value.kind == "number" else M("type.yes-no")
    if "string" in expected:
        return M("value.quote-it", text=_quote(value.text), read_as=read_as)
    return M("value.read-as", want=_types_words(expected), text=_quote(value.text), read_as=read_as)


# the schemas' patterns, by what they describe (tests/unit/test_messages.py: every pattern is named here)
_PATTERNS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "id.invalid",
    "^[A-Z]{3}$": "value.not-a-currency-code",
    "^[0-9]+(-[0-9]+)?(, *[0-9]+(-[0-9]+)?)*$": "value.not-a-line-range",
    "^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$": "value.not-a-date",
    '^[^\\s"«»№][^"«»№]*$': "value.not-an-order-number",
    "^[a-z_]+(:[a-z]+)?$": "law.key-invalid",
}


def _pattern_words(path: Path, value: str, pattern: str) -> Msg:
    return M(_PATTERNS.get(pattern, "value.pattern"), value=value)


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
    """The text policy of `text.py` (one paragraph of inline Markdown, safe links, no HTML, nothing
    invisible or hidden), plus template leftovers and unknown laws."""
    problems: list[Problem] = []
    for path, value in _iter_texts(doc.data):
        if not path or path[-1] not in LANGS:
            continue
        problems.extend(doc.problem(path, why) for why in text_policy.problems(value))
        m = _PLACEHOLDER.search(value)
        if m:
            problems.append(doc.problem(path, M("text.placeholder", placeholder=repr(m.group(0)))))
        for law in _LAW.findall(value):
            if law not in laws:
                problems.append(doc.problem(path, _unknown_law(law, laws)))
    return problems


def _unknown_law(law: str, laws: Mapping[str, object]) -> Msg:
    base, _, form = law.partition(":")
    if form and base in laws:
        forms = [f"{{law:{k}}}" for k in laws if k.startswith(f"{base}:")]
        return M("law.unknown-form", form=form, law=base, key=law, forms=forms or M("value.none"))
    known = [f"{{law:{k}}}" for k in laws if ":" not in k]
    return M("law.unknown", law=f"{{law:{law}}}", known=known or M("value.none"))


def _translation_problems(doc: Located, require: bool) -> list[Problem]:
    """Texts without one of the four languages (only when every language is required)."""
    if not require:
        return []
    problems: list[Problem] = []
    for path, obj in text_maps(doc.data):
        for lang in LANGS:
            if lang not in obj:
                message = M("text.missing-translation", code=lang)
                problems.append(Problem(doc.file, *doc.where(path), format_path((*path, lang)), message))
    return problems


# --------------------------------------------------------------------------------------------------
# Building the model


def _law_name(laws: Mapping[str, Text], lang: str, m: re.Match[str]) -> str:
    return laws[m.group(1)].get(lang) if m.group(1) in laws else m.group(0)


# While a file is modelled: its text maps (by `id()`) -> languages not checked against the current Russian
_OUTDATED: contextvars.ContextVar[Mapping[int, frozenset[str]]] = contextvars.ContextVar("outdated")


def _text(raw: Mapping[str, str] | None, laws: Mapping[str, Text]) -> Text:
    assert raw is not None
    values: dict[str, str] = {}
    for lang in LANGS:
        value = raw.get(lang)
        if value is None:
            continue
        values[lang] = _LAW.sub(partial(_law_name, laws, lang), value)
    missing = frozenset(lang for lang in LANGS if lang not in raw)
    return Text(values, missing, _OUTDATED.get({}).get(id(raw), frozenset()))


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
        duty_areas=tuple(DutyArea(a["id"], _text(a["title"], laws)) for a in d.get("duty_areas", ())),
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

    def clauses(self, raw: list[dict[str, Any]] | None, area: str | None = None) -> tuple[Clause, ...]:
        out = []
        for item in raw or ():
            if "ref" in item:
                sc = self.shared[item["ref"]]
                out.append(Clause(sc.id, sc.text, shared=True, liability=sc.liability, area=area))
            else:
                out.append(
                    Clause(
                        item["id"],
                        _text(item["text"], self.cat.laws),
                        liability=tuple(item.get("liability", ())),
                        area=item.get("area", area),
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
                area = item.get("area")
                groups.append(
                    DutyGroup(
                        item["group"], _text(item["title"], laws), self.clauses(item["items"], area), area
                    )
                )
            else:
                loose.append(item)
        if loose:
            groups.append(DutyGroup(f"_{len(groups)}", None, self.clauses(loose)))
        sal = d.get("salary")
        salary = None
        # `tiers: []` without a `source`: no figures and nothing said about them, so no salary section
        if sal is not None and (sal["tiers"] or "source" in sal):
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
            facts=fields.read(d, lambda v: _opt_text(v, laws)),
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


def _reserved_words(iid: str) -> Msg:
    return M("id.reserved", value=iid, reserved=", ".join(sorted(RESERVED_IDS)))


def _catalogue_semantics(doc: Located) -> list[Problem]:
    d = doc.data
    problems: list[Problem] = []
    family_ids = {f.get("id") for f in d.get("families", [])}
    for i, fam in enumerate(d.get("families", [])):
        fid = fam.get("id")
        if fid.startswith("p-"):
            problems.append(doc.problem(("families", i, "id"), M("family.id-p", value=fid)))
        else:
            m = re.fullmatch(r"(.+)-[0-9]+", fid)
            if m and m.group(1) in family_ids:
                problems.append(
                    doc.problem(("families", i, "id"), M("family.id-page", value=fid, family=m.group(1)))
                )
    for key in ("families", "roles", "cities", "clauses"):
        seen: dict[str, int] = {}
        for i, item in enumerate(d.get(key, [])):
            iid = item.get("id")
            if iid in seen:
                problems.append(
                    doc.problem(
                        (key, i, "id"),
                        M("id.twice-in-list", value=iid, key=key, first=doc.where((key, seen[iid], "id"))[0]),
                    )
                )
            else:
                seen[iid] = i
    role_ids = {r["id"] for r in d.get("roles", [])}
    for i, r in enumerate(d.get("roles", [])):
        sup = r.get("reports_to")
        if sup is not None and sup not in role_ids:
            problems.append(doc.problem(("roles", i, "reports_to"), M("ref.no-role", value=sup)))
    for i, c in enumerate(d.get("clauses", [])):
        if "liability" in c and c.get("section") != "responsibility":
            problems.append(
                doc.problem(("clauses", i, "liability"), M("clause.liability-outside-responsibility"))
            )
    laws = (d.get("jurisdiction") or {}).get("laws", {})
    for key in laws:
        base, _, form = key.partition(":")
        if form and base not in laws:
            problems.append(
                doc.problem(("jurisdiction", "laws", key), M("law.form-without-law", key=key, law=base))
            )
    return problems


def _position_semantics(doc: Located, stem: str, cat: Catalogue, position_ids: set[str]) -> list[Problem]:
    d = doc.data
    problems: list[Problem] = []
    role_ids = {r.id for r in cat.roles}
    shared = {c.id: c for c in cat.clauses}
    if d["id"] != stem:
        ext = FsPath(doc.file).suffix or ".yml"
        problems.append(doc.problem(("id",), M("id.not-file-name", value=d["id"], file=f"{stem}{ext}")))
    if d["family"] not in {f.id for f in cat.families}:
        known = ", ".join(f.id for f in cat.families)
        problems.append(doc.problem(("family",), M("ref.no-family", value=d["family"], known=known)))

    def check_ref(path: Path, ref: str) -> None:
        if ref not in position_ids and ref not in role_ids:
            hint = _hint(ref, position_ids | role_ids)
            problems.append(doc.problem(path, M("ref.no-position-or-role", value=ref, hint=hint)))
        elif ref == d["id"]:
            problems.append(doc.problem(path, M("ref.itself")))

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
                    hint = _hint(ref, [c.id for c in cat.clauses if c.section == section])
                    problems.append(doc.problem((*p, "ref"), M("ref.no-shared-clause", value=ref, hint=hint)))
                    continue
                if sc.section != section:
                    problems.append(
                        doc.problem(
                            (*p, "ref"),
                            M("ref.other-section", value=ref, belongs=sc.section, section=section),
                        )
                    )
                    continue
                key = ref
            else:
                key = item["id"]
                if key in shared:
                    problems.append(doc.problem((*p, "id"), M("id.shared-clause-id", value=key)))
                if section != "responsibility" and "liability" in item:
                    problems.append(doc.problem((*p, "liability"), M("clause.liability-not-responsibility")))
            if key in seen:
                first = doc.where(seen[key])[0]
                problems.append(doc.problem(p, M("id.twice-in-file-first", value=key, first=first)))
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
                problems.append(doc.problem(("duties", i, "group"), M("id.twice-in-file", value=gid)))
            seen[gid] = ("duties", i, "group")
            check_clauses(("duties", i, "items"), enumerate(item["items"]), "duties")
        else:
            check_clauses(("duties",), [(i, item)], "duties")

    sal = d.get("salary")
    if sal:
        if sal["currency"] not in list_currencies():
            problems.append(
                doc.problem(("salary", "currency"), M("salary.unknown-currency", value=sal["currency"]))
            )
        city_ids = {c.id for c in cat.cities}
        tier_ids: set[str] = set()
        for t, tier in enumerate(sal["tiers"]):
            if tier["id"] in tier_ids:
                problems.append(
                    doc.problem(("salary", "tiers", t, "id"), M("salary.tier-twice", value=tier["id"]))
                )
            tier_ids.add(tier["id"])
            cities_seen: set[str | None] = set()
            for b, band in enumerate(tier["bands"]):
                bp: Path = ("salary", "tiers", t, "bands", b)
                city = band.get("city")
                if city is not None and city not in city_ids:
                    hint = _hint(city, city_ids)
                    problems.append(doc.problem((*bp, "city"), M("ref.no-city", value=city, hint=hint)))
                if city in cities_seen:
                    twice = M("salary.city-twice", city=city) if city else M("salary.every-city-twice")
                    problems.append(doc.problem((*bp, "city"), twice))
                cities_seen.add(city)
                lo, hi = band.get("min"), band.get("max")
                if lo is not None and hi is not None and lo > hi:
                    problems.append(doc.problem((*bp, "min"), M("salary.min-above-max", min=lo, max=hi)))
    return problems


def _area_problems(doc: Located, cat: Catalogue) -> list[Problem]:
    """Every duty names a duty area of the catalogue (its own, or its group's); no other clause does."""
    areas = [a.id for a in cat.duty_areas]
    problems: list[Problem] = []

    def check(path: Path, value: object) -> None:
        if value not in areas:
            hint = _hint(str(value), areas)
            problems.append(
                doc.problem(path, M("area.unknown", value=value, hint=hint, areas=", ".join(areas)))
            )

    for i, item in enumerate(doc.data.get("duties", ())):
        if "items" in item:
            check(("duties", i, "area"), item.get("area"))
            for j, sub in enumerate(item["items"]):
                if "area" in sub:
                    check(("duties", i, "items", j, "area"), sub["area"])
        elif "ref" not in item and "area" not in item:
            problems.append(doc.problem(("duties", i), M("area.missing", areas=", ".join(areas))))
        elif "area" in item:
            check(("duties", i, "area"), item["area"])
    for path, _section in _POSITION_CLAUSE_LISTS.items():
        node: Any = doc.data
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        for k, item in enumerate(node or ()):
            if isinstance(item, dict) and "area" in item:
                problems.append(doc.problem((*path, k, "area"), M("area.not-a-duty")))
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
                    message = M("ref.cycle", cycle=" → ".join([*cycle, nxt]))
                    if start is not None:
                        problems.append(docs[start].problem(("general", "reports_to"), message))
                    else:
                        problems.append(Problem(CATALOGUE_FILE, 0, 0, "roles", message))
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


def is_position_file_name(name: str) -> bool:
    """`x.yml` and `x.yaml` are position files; hidden files, editor lock, swap and backup files (`.#x.yml`,
    `#x.yml#`, `x.yml~`, `.x.yml.swp`, `~$x.yml`) and `_` files (the catalogue) are not."""
    if name[:1] in ("_", ".", "#", "~") or name[-1:] in ("~", "#"):
        return False
    return name.lower().endswith(POSITION_SUFFIXES) and len(name) > len(".yml")


def position_files(positions_dir: FsPath) -> list[FsPath]:
    """The position files of a folder, by name only: nothing is opened, followed or stat'ed here (a link,
    a FIFO or a device among them is refused when it is read). Raises OSError when the folder cannot be
    listed."""
    with os.scandir(positions_dir) as entries:
        names = [e.name for e in entries if is_position_file_name(e.name)]
    return [positions_dir / name for name in sorted(names)]


def display_path(base: FsPath, p: FsPath) -> str:
    """`p` relative to `base` for messages. The folder is resolved, the file itself is not: a link is
    named as the link, never as its target."""
    try:
        return (p.parent.resolve() / p.name).relative_to(base.resolve()).as_posix()
    except (ValueError, OSError):
        return p.as_posix()


def _file_name_problems(files: list[FsPath], shown: Any) -> tuple[list[FsPath], list[Problem]]:
    """Position files whose name is usable, and problems for the others: an upper-case extension, or two
    files with the same stem (`x.yml` and `x.yaml`), which would be the same position."""
    problems: list[Problem] = []
    by_stem: dict[str, list[FsPath]] = {}
    for path in files:
        if not path.name.endswith(POSITION_SUFFIXES):
            problems.append(Problem(shown(path), 0, 0, "", M("file.extension-case", name=f"{path.stem}.yml")))
            continue
        by_stem.setdefault(path.stem, []).append(path)
    usable: list[FsPath] = []
    for stem, paths in by_stem.items():
        if len(paths) == 1:
            usable.append(paths[0])
            continue
        names = [f"`{p.name}`" for p in paths]
        for path in paths:
            problems.append(Problem(shown(path), 0, 0, "", M("file.same-position", names=names, id=stem)))
    return sorted(usable), problems


class _Checked:
    """Everything `load_handbook` and `check_files` learn from one folder."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.catalogue: Catalogue | None = None
        self.docs: dict[str, Located] = {}
        self.files: list[FsPath] = []
        self.catalogue_file = ""
        self.folder = ""
        self.lock = translations.Lock()
        self.outdated: dict[str, tuple[dict[int, frozenset[str]], list[Outdated]]] = {}  # file name ->


def _check_folder(
    root: FsPath, base: FsPath, require_translations: bool, mark_outdated: bool = True
) -> _Checked:
    out = _Checked()
    problems = out.problems

    def shown(p: FsPath) -> str:
        return display_path(base, p)

    out.folder = shown(root)
    if not root.is_dir():
        problems.append(Problem(root.as_posix(), 0, 0, "", M("folder.missing")))
        return out
    cat_path = root / CATALOGUE_FILE
    out.catalogue_file = shown(cat_path)
    cat_doc: Located | None = None
    if not os.path.lexists(cat_path):
        problems.append(Problem(shown(cat_path), 0, 0, "", M("folder.no-catalogue")))
    else:
        try:
            cat_doc = read_file(str(cat_path), shown(cat_path))
        except LoadError as exc:
            problems.extend(exc.problems)
    other = root / "_catalogue.yaml"
    if os.path.lexists(other):
        problems.append(Problem(shown(other), 0, 0, "", M("folder.catalogue-name", name=CATALOGUE_FILE)))
    out.lock, lock_problems = translations.read_lock(root, shown(translations.lock_path(root)))
    problems.extend(lock_problems)
    if cat_doc is not None:
        cat_problems = _schema_problems(cat_doc, "catalogue", relaxed=not require_translations)
        if not cat_problems:
            cat_problems += _catalogue_semantics(cat_doc)
            cat_problems += pdf_control.catalogue_problems(cat_doc)
            laws = (cat_doc.data.get("jurisdiction") or {}).get("laws", {})
            cat_problems += _text_problems(cat_doc, laws)
            cat_problems += _translation_problems(cat_doc, require_translations)
        problems.extend(cat_problems)
        if not cat_problems:
            out.outdated[CATALOGUE_FILE] = translations.outdated_in(cat_doc, CATALOGUE_FILE, out.lock)
            token = _OUTDATED.set(out.outdated[CATALOGUE_FILE][0] if mark_outdated else {})
            try:
                out.catalogue = _catalogue(cat_doc)
            finally:
                _OUTDATED.reset(token)

    try:
        listed = position_files(root)
    except OSError as exc:
        problems.append(Problem(shown(root), 0, 0, "", M("folder.cannot-list", reason=str(exc.strerror))))
        listed = []
    files, name_problems = _file_name_problems(listed, shown)
    problems.extend(name_problems)
    out.files = listed
    if not listed:
        problems.append(Problem(shown(root), 0, 0, "", M("folder.no-positions")))
    docs = out.docs
    for path in files:
        try:
            doc = read_file(str(path), shown(path))
        except LoadError as exc:
            problems.extend(exc.problems)
            continue
        errs = _schema_problems(doc, "position", relaxed=not require_translations)
        if errs:
            problems.extend(errs)
            continue
        docs[path.stem] = doc
    # ids of every position file whose name is a valid id, so one broken file does not cascade
    position_ids = {p.stem for p in files}
    catalogue = out.catalogue
    if catalogue is not None:
        laws = catalogue.laws
        for stem, doc in docs.items():
            problems.extend(_position_semantics(doc, stem, catalogue, position_ids))
            problems.extend(_area_problems(doc, catalogue))
            problems.extend(pdf_control.position_problems(doc, catalogue, position_ids))
            problems.extend(_text_problems(doc, laws))
            problems.extend(_translation_problems(doc, require_translations))
        problems.extend(_cycles(catalogue, docs))
    return out


def load_handbook(
    positions_dir: str | FsPath,
    *,
    require_translations: bool = True,
    display_root: str | FsPath | None = None,
    mark_outdated: bool = True,
) -> Handbook:
    """Load, validate and model every position; raise ValidationFailed with all problems found.

    The handbook lists the translations not checked against the current Russian text (`outdated`); with
    `mark_outdated` their texts carry it too, so pages and PDFs can say so."""
    root = FsPath(positions_dir)
    base = FsPath(display_root) if display_root is not None else root.parent
    checked = _check_folder(root, base, require_translations, mark_outdated)
    if checked.problems:
        raise ValidationFailed(checked.problems)
    assert checked.catalogue is not None
    builder = _Builder(checked.catalogue)
    built = []
    found = list(checked.outdated.get(CATALOGUE_FILE, ({}, []))[1])
    for doc in checked.docs.values():
        marks, outdated = translations.outdated_in(doc, FsPath(doc.file).name, checked.lock)
        found.extend(outdated)
        token = _OUTDATED.set(marks if mark_outdated else {})
        try:
            built.append(builder.position(doc))
        finally:
            _OUTDATED.reset(token)
    positions = tuple(sorted(built, key=lambda p: (p.family, p.order, p.id)))
    return Handbook(checked.catalogue, positions, tuple(sorted(found)))


def check_files(
    positions_dir: str | FsPath,
    names: Iterable[str],
    *,
    require_translations: bool = True,
    display_root: str | FsPath | None = None,
) -> list[Problem]:
    """The problems of the named files of a positions folder (file names, e.g. `sales-manager.yml`),
    checked as `load_handbook` checks them: against the catalogue and every position of the folder. The
    catalogue's own problems and the folder's are included, since nothing can be checked without them."""
    root = FsPath(positions_dir)
    base = FsPath(display_root) if display_root is not None else root.parent
    checked = _check_folder(root, base, require_translations)
    wanted = {display_path(base, root / name) for name in names}
    wanted |= {
        checked.catalogue_file,
        checked.folder,
        CATALOGUE_FILE,
        display_path(base, root / "_catalogue.yaml"),
    }
    stems = {FsPath(name).stem for name in names}

    def in_cycle(p: Problem) -> bool:  # a reporting cycle is reported once, on one of its positions
        m = p.message
        return (
            isinstance(m, Msg) and m.key == "ref.cycle" and bool(stems & set(m.params["cycle"].split(" → ")))
        )

    return sorted(p for p in checked.problems if p.file in wanted or in_cycle(p))
