"""Typed, immutable model of the handbook: what the validator hands to the renderers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


@dataclass(frozen=True, slots=True)
class Language:
    """One language of the site: everything the code knows of it, in one place (its UI words are
    `i18n/labels.yml`, its messages `i18n/messages.yml`, its Material and static-i18n settings
    `mkdocs.yml`)."""

    code: str  # ISO 639-1, also the Babel locale, the static-i18n locale and the folder of its pages
    native: str  # its own name, for the language switches of the site
    rtl: bool = False
    search: str = "en"  # the lunr language of its search index (lunr has no Bulgarian or Azerbaijani
    # stemmer; "en" gives plain prefix search)


LANGUAGES: tuple[Language, ...] = (
    Language("ru", "Русский", search="ru"),
    Language("bg", "Български"),
    Language("he", "עברית", rtl=True, search="he"),
    Language("az", "Azərbaycanca"),
)
LANGS: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES)
DEFAULT_LANG = LANGS[0]
RTL_LANGS = frozenset(lang.code for lang in LANGUAGES if lang.rtl)
NATIVE_NAMES = {lang.code: lang.native for lang in LANGUAGES}
SEARCH_LANGS = {lang.code: lang.search for lang in LANGUAGES}
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Text:
    """One text in every language. `missing` names languages that fell back to the default language."""

    values: dict[str, str]
    missing: frozenset[str] = frozenset()
    # languages whose translation was not checked against the current Russian text (jobdesc.core.translations)
    outdated: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # one shared empty set (Python makes a new one each time, 216 bytes, and most texts have two): a
        # pickle of the handbook then stores it once too (152,000 sets, 33 MB, at N = 1000)
        for name in ("missing", "outdated"):
            if not getattr(self, name):
                object.__setattr__(self, name, _NONE)

    def get(self, lang: str) -> str:
        return self.values.get(lang) or self.values[DEFAULT_LANG]

    def is_fallback(self, lang: str) -> bool:
        return lang in self.missing

    def is_outdated(self, lang: str) -> bool:
        return lang in self.outdated


@dataclass(frozen=True, slots=True)
class Clause:
    id: str
    text: Text
    shared: bool = False
    liability: tuple[str, ...] = ()
    area: str | None = None  # duties only: the duty area (its own, or its group's)


@dataclass(frozen=True, slots=True)
class DutyGroup:
    """A group of duties; ungrouped duties sit in groups with `title=None`."""

    id: str
    title: Text | None
    items: tuple[Clause, ...]
    area: str | None = None


@dataclass(frozen=True, slots=True)
class Education:
    level: str
    field: Text | None = None


@dataclass(frozen=True, slots=True)
class Experience:
    years: float
    kind: Text | None = None


@dataclass(frozen=True, slots=True)
class Qualification:
    education: Education
    experience: Experience
    notes: Text | None = None
    knowledge: tuple[Clause, ...] = ()
    skills: tuple[Clause, ...] = ()
    training: tuple[Clause, ...] = ()
    personal_qualities: tuple[Clause, ...] = ()


@dataclass(frozen=True, slots=True)
class General:
    appointed_by: str
    reports_to: tuple[str, ...]
    on_proposal_of: str | None = None
    reports_also_to: tuple[str, ...] = ()
    gives_orders_to: tuple[str, ...] = ()
    substitutes: tuple[str, ...] = ()
    substituted_by: tuple[str, ...] = ()
    provisions: tuple[Clause, ...] = ()
    guided_by: tuple[Clause, ...] = ()


@dataclass(frozen=True, slots=True)
class Band:
    city: str | None
    min: int | None
    max: int | None


@dataclass(frozen=True, slots=True)
class Tier:
    id: str
    title: Text
    bands: tuple[Band, ...]
    min_experience_years: float | None = None
    conditions: Text | None = None


@dataclass(frozen=True, slots=True)
class Salary:
    currency: str
    period: str
    tiers: tuple[Tier, ...]
    source: Text
    as_of: int | None = None
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class Career:
    from_: tuple[str, ...] = ()
    to: tuple[str, ...] = ()
    notes: Text | None = None


@dataclass(frozen=True, slots=True)
class Source:
    document: str
    lines: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Approval:
    """Who approved the revision in force (a role id of the catalogue), when, and by which order."""

    role: str | None = None
    date: str | None = None  # ISO date, e.g. "2026-11-25"
    order: str | None = None  # the order number as written, e.g. "112-к"


@dataclass(frozen=True, slots=True)
class Position:
    id: str
    file: str
    family: str
    order: int
    title: Text
    summary: Text
    general: General
    qualification: Qualification
    duties: tuple[DutyGroup, ...]
    rights: tuple[Clause, ...]
    responsibility: tuple[Clause, ...]
    # the key/value facts of `fields.FACTS` (category, department, work format, probation, ...): name ->
    # value (a Text for a text), only those given
    facts: Mapping[str, Any] = field(default_factory=dict, hash=False)
    kpis: tuple[Clause, ...] = ()
    working_conditions: tuple[Clause, ...] = ()
    pay: tuple[Clause, ...] = ()
    salary: Salary | None = None
    career: Career = field(default_factory=Career)
    final_provisions: tuple[Clause, ...] = ()
    sources: tuple[Source, ...] = ()
    revision: int | None = None  # document control: changed by HR only, printed on every page
    effective_date: str | None = None  # ISO date the revision takes effect
    approval: Approval | None = None

    @property
    def category(self) -> str:
        return str(self.facts["category"])

    @property
    def department(self) -> Text | None:
        return self.facts.get("department")

    @property
    def work_format(self) -> str | None:
        return self.facts.get("work_format")

    def all_duties(self) -> tuple[Clause, ...]:
        return tuple(c for g in self.duties for c in g.items)


@dataclass(frozen=True, slots=True)
class Family:
    id: str
    title: Text
    order: int


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    title: Text
    reports_to: str | None = None


@dataclass(frozen=True, slots=True)
class City:
    id: str
    name: Text


@dataclass(frozen=True, slots=True)
class DutyArea:
    """One of the catalogue's ordered duty areas; every duty belongs to one."""

    id: str
    title: Text


@dataclass(frozen=True, slots=True)
class SharedClause:
    id: str
    section: str
    text: Text
    liability: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalogue:
    families: tuple[Family, ...]
    roles: tuple[Role, ...]
    cities: tuple[City, ...]
    clauses: tuple[SharedClause, ...]
    jurisdiction: Text | None = None
    laws: dict[str, Text] = field(default_factory=dict)
    duty_areas: tuple[DutyArea, ...] = ()
    agreement: tuple[str, ...] = ()  # role ids that agree ("СОГЛАСОВАНО") every job description


@dataclass(frozen=True)
class Handbook:
    catalogue: Catalogue
    positions: tuple[Position, ...]
    # jobdesc.core.translations.Outdated: the texts not checked against the current Russian text
    outdated: tuple[Any, ...] = ()

    @cached_property
    def given_facts(self) -> frozenset[str]:
        """The facts (`fields.FACTS` names) at least one position gives."""
        return frozenset(name for p in self.positions for name in p.facts)

    def position(self, pid: str) -> Position | None:
        return next((p for p in self.positions if p.id == pid), None)

    def name_of(self, ref: str) -> Text:
        """Title of a position or a catalogue role (refs are validated, so one exists)."""
        pos = self.position(ref)
        if pos is not None:
            return pos.title
        for role in self.catalogue.roles:
            if role.id == ref:
                return role.title
        raise KeyError(ref)

    def city(self, cid: str) -> City:
        return next(c for c in self.catalogue.cities if c.id == cid)

    def family(self, fid: str) -> Family:
        return next(f for f in self.catalogue.families if f.id == fid)

    def duty_area(self, aid: str) -> DutyArea:
        return next(a for a in self.catalogue.duty_areas if a.id == aid)

    def shared_clause(self, cid: str) -> SharedClause:
        return next(c for c in self.catalogue.clauses if c.id == cid)
