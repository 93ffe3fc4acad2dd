"""From the model to page data and pages: numbering, references, salary tables; Jinja draws them.

Python decides what is shown and in which order (clause numbers, tier x city grid, words for ranges);
the templates in `jobdesc/templates/pages/` (package data) decide how it looks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from markupsafe import escape as escape_text

from ..core import fields
from ..core.history import Change
from ..core.labels import labels, years_text
from ..core.model import DEFAULT_LANG, RTL_LANGS, Band, Clause, Handbook, Position, Salary, Text
from ..core.text import inline, money, number, plain, title_text

# the templates are package data: the web pages' Jinja templates, and the print folder (typst, fonts)
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PAGE_TEMPLATES = TEMPLATES / "pages"
PRINT_TEMPLATES = TEMPLATES / "print"


@dataclass(frozen=True)
class GeneratedPage:
    """One generated page: its title as plain text and its body as HTML, rendered once by our templates.

    MkDocs gets a placeholder source for it; the plugin hands MkDocs this title (escaped) and body, and
    builds the page's table of contents from the body's headings (`toc_tokens`). No part of it is ever
    parsed as Markdown, front matter or a template again."""

    title: str
    body: str
    search: bool = True  # False: left out of the search index (comparison pages repeat the positions)
    wide: bool = False  # True: the full width of the window (no navigation or contents sidebars)


@dataclass(frozen=True)
class TextView:
    """A text in the page's language, or the default language's with its own lang and dir."""

    html: Markup
    lang: str | None = None  # set when the text is not in the page's language
    dir: str | None = None
    outdated: bool = False  # a translation not checked against the current Russian text

    def __str__(self) -> str:
        return str(self.html)


@dataclass(frozen=True)
class ClauseView:
    num: str
    id: str
    text: TextView
    shared: bool
    liability: tuple[str, ...] = ()
    sub: tuple[TextView, ...] = ()
    label: str | None = None


@dataclass(frozen=True)
class GroupView:
    id: str
    title: TextView | None
    clauses: tuple[ClauseView, ...]


@dataclass(frozen=True)
class Link:
    text: TextView
    href: str | None  # None for roles without a page


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[Any, ...]  # TextView or Link


@dataclass(frozen=True)
class TierRow:
    """One tier of a salary table: its title, its conditions, the experience it asks for, and one cell
    per city of the table (None: the tier gives no figure there)."""

    title: TextView
    conditions: TextView | None
    experience: str
    cells: tuple[str | None, ...]


@dataclass(frozen=True)
class SalaryTable:
    cities: tuple[TextView, ...]
    rows: tuple[TierRow, ...]
    period: str
    currency: str
    source: TextView
    note: TextView | None
    as_of: str | None
    empty_text: str


@dataclass(frozen=True)
class Section:
    key: str
    num: int
    title: str
    rows: tuple[Row, ...] = ()
    clauses: tuple[ClauseView, ...] = ()
    groups: tuple[GroupView, ...] = ()
    subsections: tuple[tuple[str, str, tuple[ClauseView, ...]], ...] = ()  # key, title, clauses
    salary: SalaryTable | None = None
    links: tuple[tuple[str, tuple[Link, ...]], ...] = ()
    note: TextView | None = None
    charts: tuple[Any, ...] = ()  # salary charts (jobdesc.views.chart), one per city
    steps: tuple[Any, ...] = ()  # the next steps of the career path (jobdesc.views.compare.CareerStep)
    empty: str | None = None  # what an empty section says instead (pay without clauses or figures)


@dataclass
class PageOptions:
    """What the page needs from outside the model (URLs and history come from the plugin or CLI)."""

    pdf_href: str | None = None
    edit_href: str | None = None
    history: tuple[Change, ...] = ()
    include_salary: bool = True
    position_href: dict[str, str] = field(default_factory=dict)  # position id -> link from this page
    charts: tuple[Any, ...] = ()  # this position's salary charts
    career_steps: tuple[Any, ...] = ()
    original_href: str | None = None  # this position's page in Russian (the original of every translation)


def tv(text: Text, lang: str) -> TextView:
    html = inline(text.get(lang))
    if text.is_fallback(lang):
        return TextView(html, DEFAULT_LANG, "rtl" if DEFAULT_LANG in RTL_LANGS else "ltr")
    return TextView(html, outdated=text.is_outdated(lang))


def direction(lang: str) -> str:
    return "rtl" if lang in RTL_LANGS else "ltr"


def band_text(band: Band, currency: str, lang: str) -> str:
    lab = labels(lang)["salary"]
    lo = money(band.min, currency, lang) if band.min is not None else None
    hi = money(band.max, currency, lang) if band.max is not None else None
    if lo is not None and hi is not None:
        if band.min == band.max:
            return lo
        # "25 000 – 30 000 ₽": the currency once, after the upper figure
        return str(lab["range"]).format(min=number(band.min, lang), max=hi)  # type: ignore[arg-type]
    if lo is not None:
        return str(lab["from"]).format(min=lo)
    return str(lab["up_to"]).format(max=hi)


def salary_table(salary: Salary, hb: Handbook, lang: str) -> SalaryTable:
    lab = labels(lang)["salary"]
    used = {b.city for t in salary.tiers for b in t.bands}
    city_ids: list[str | None] = [c.id for c in hb.catalogue.cities if c.id in used]
    if None in used:
        city_ids.insert(0, None)
    cities = tuple(tv(hb.city(c).name, lang) if c else TextView(Markup(lab["all_cities"])) for c in city_ids)
    rows = []
    for tier in salary.tiers:
        by_city = {b.city: b for b in tier.bands}
        cells = tuple(
            band_text(by_city[c], salary.currency, lang) if c in by_city else None for c in city_ids
        )
        exp = years_text(tier.min_experience_years, lang) if tier.min_experience_years is not None else ""
        rows.append(
            TierRow(tv(tier.title, lang), tv(tier.conditions, lang) if tier.conditions else None, exp, cells)
        )
    return SalaryTable(
        cities=cities,
        rows=tuple(rows),
        period=str(lab["period"][salary.period]),
        currency=salary.currency,
        source=tv(salary.source, lang),
        note=tv(salary.note, lang) if salary.note else None,
        as_of=str(lab["as_of"]).format(year=salary.as_of) if salary.as_of else None,
        empty_text=str(lab["none"]),
    )


class _Numberer:
    def __init__(self, section: int) -> None:
        self.section = section
        self.n = 0

    def clauses(self, items: tuple[Clause, ...], lang: str) -> tuple[ClauseView, ...]:
        out = []
        for c in items:
            self.n += 1
            out.append(ClauseView(f"{self.section}.{self.n}", c.id, tv(c.text, lang), c.shared, c.liability))
        return tuple(out)

    def heading(self, label: str, items: tuple[Clause, ...], lang: str, key: str) -> ClauseView:
        self.n += 1
        return ClauseView(
            f"{self.section}.{self.n}",
            key,
            TextView(Markup.escape(label)),
            False,
            sub=tuple(tv(c.text, lang) for c in items),
            label=key,
        )


def sections(pos: Position, hb: Handbook, lang: str, opts: PageOptions) -> tuple[Section, ...]:
    lab = labels(lang)
    f = lab["fields"]
    out: list[Section] = []

    def link(ref: str) -> Link:
        href = opts.position_href.get(ref) if hb.position(ref) is not None else None
        return Link(tv(hb.name_of(ref), lang), href)

    def add(key: str, **kw: Any) -> None:
        out.append(Section(key, len(out) + 1, str(lab["sections"][key]), **kw))

    def num() -> _Numberer:
        return _Numberer(len(out) + 1)

    g = pos.general
    rows = [
        Row(
            fields.label(fact, lang),
            (tv(value, lang) if fact.text else TextView(Markup.escape(fields.shown(fact, value, lang))),),
        )
        for fact, value in fields.printed(pos.facts)
    ]
    rows.append(Row(f["appointed_by"], (link(g.appointed_by),)))
    if g.on_proposal_of:
        rows.append(Row(f["on_proposal_of"], (link(g.on_proposal_of),)))
    for key in ("reports_to", "reports_also_to", "gives_orders_to", "substitutes", "substituted_by"):
        refs = getattr(g, key)
        if refs:
            rows.append(Row(f[key], tuple(link(r) for r in refs)))
    n = num()
    clauses = list(n.clauses(g.provisions, lang))
    if g.guided_by:
        clauses.append(n.heading(f["guided_by"], g.guided_by, lang, "guided_by"))
    add("general", rows=tuple(rows), clauses=tuple(clauses))

    q = pos.qualification
    edu: list[Any] = [TextView(Markup.escape(lab["education"][q.education.level]))]
    qrows = [Row(f["education"], tuple(edu))]
    if q.education.field:
        qrows.append(Row(f["field"], (tv(q.education.field, lang),)))
    exp_parts: list[Any] = []
    if q.experience.years > 0 or not q.experience.kind:
        exp_parts.append(TextView(Markup.escape(years_text(q.experience.years, lang))))
    if q.experience.kind:
        exp_parts.append(tv(q.experience.kind, lang))
    qrows.append(Row(f["experience"], tuple(exp_parts)))
    if q.notes:
        qrows.append(Row(f["notes"], (tv(q.notes, lang),)))
    n = num()
    subs = tuple(
        (key, str(f[key]), n.clauses(getattr(q, key), lang))
        for key in ("knowledge", "skills", "training", "personal_qualities")
        if getattr(q, key)
    )
    add("qualification", rows=tuple(qrows), subsections=subs)

    n = num()
    groups = tuple(
        GroupView(grp.id, tv(grp.title, lang) if grp.title else None, n.clauses(grp.items, lang))
        for grp in pos.duties
    )
    add("duties", groups=groups)
    n = num()
    add("rights", clauses=n.clauses(pos.rights, lang))
    n = num()
    add("responsibility", clauses=n.clauses(pos.responsibility, lang))
    if pos.kpis:
        n = num()
        add("kpis", clauses=n.clauses(pos.kpis, lang))
    if pos.working_conditions:
        n = num()
        add("working_conditions", clauses=n.clauses(pos.working_conditions, lang))
    if pos.pay or pos.salary:
        n = num()
        table = salary_table(pos.salary, hb, lang) if pos.salary and opts.include_salary else None
        empty = str(lab["salary"]["none"]) if not pos.pay and table is None else None
        add(
            "pay",
            clauses=n.clauses(pos.pay, lang),
            salary=table,
            charts=opts.charts if table else (),
            empty=empty,
        )
    if pos.career.from_ or pos.career.to:
        links = []
        if pos.career.from_:
            links.append((str(f["career_from"]), tuple(link(r) for r in pos.career.from_)))
        if pos.career.to:
            links.append((str(f["career_to"]), tuple(link(r) for r in pos.career.to)))
        add(
            "career",
            links=tuple(links),
            note=tv(pos.career.notes, lang) if pos.career.notes else None,
            steps=opts.career_steps,
        )
    if pos.final_provisions:
        n = num()
        add("final_provisions", clauses=n.clauses(pos.final_provisions, lang))
    return tuple(out)


def salary_range(pos: Position, lang: str) -> str | None:
    """The lowest and highest figure of a position, for the catalogue ('25 000 – 120 000 ₽')."""
    if pos.salary is None:
        return None
    lows = [b.min for t in pos.salary.tiers for b in t.bands if b.min is not None]
    highs = [b.max for t in pos.salary.tiers for b in t.bands if b.max is not None]
    if not lows and not highs:
        return None
    lo = min(lows) if lows else None
    hi = max(highs) if highs else None
    return band_text(Band(None, lo, hi), pos.salary.currency, lang)


def environment(templates: Path | None = None, bytecode_cache: Path | None = None) -> jinja2.Environment:
    """Our page templates' environment: the package's own (PAGE_TEMPLATES), under a project's folder of
    templates with the same names (`templates`, the plugin's `templates_dir`), which win. With
    `bytecode_cache`, compiled templates are kept in that folder (Jinja checks each against its source), so
    the language builds and the next build do not compile them again."""
    folders = [str(templates)] if templates is not None else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(PAGE_TEMPLATES)]),
        bytecode_cache=template_cache(bytecode_cache) if bytecode_cache else None,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["plain"] = plain
    env.filters["inline"] = inline
    return env


def template_cache(folder: Path) -> jinja2.BytecodeCache:
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def _texts(value: Any) -> list[Text]:
    """Every Text inside a model object (dataclasses, tuples)."""
    if isinstance(value, Text):
        return [value]
    if isinstance(value, tuple):
        return [t for v in value for t in _texts(v)]
    if hasattr(value, "__dataclass_fields__"):
        return [t for name in value.__dataclass_fields__ for t in _texts(getattr(value, name))]
    return []


def has_fallback(pos: Position, lang: str) -> bool:
    """True when some text of the position is missing in `lang` and shown in the default language."""
    return any(t.is_fallback(lang) for t in _texts(pos))


def has_outdated(pos: Position, lang: str) -> bool:
    """True when some translation on the position's page was not checked against the current Russian."""
    return any(t.is_outdated(lang) for t in _texts(pos))


def position_page(
    env: jinja2.Environment, pos: Position, hb: Handbook, lang: str, opts: PageOptions
) -> GeneratedPage:
    body = env.get_template("position.html.j2").render(
        fallback=has_fallback(pos, lang),
        outdated=has_outdated(pos, lang),
        pos=pos,
        lang=lang,
        dir=direction(lang),
        L=labels(lang),
        title=tv(pos.title, lang),
        summary=tv(pos.summary, lang),
        sections=sections(pos, hb, lang, opts),
        opts=opts,
        family=hb.family(pos.family),
        family_title=tv(hb.family(pos.family).title, lang),
        title_plain=title_text(pos.title.get(lang)),
    )
    return GeneratedPage(title_text(pos.title.get(lang)), body)


# A heading as the `h` macro of templates/pages/_macros.j2 draws it: our own markup, so a pattern reads it
# exactly (an HTML parser over every body took a fifth of the build at 100 positions).
_HEADING = re.compile(
    r'<h([1-3]) id="([^"]+)">(.*?)<a class="headerlink" href="#[^"]*" title="[^"]*">¶</a></h\1>', re.S
)
_TAG = re.compile(r"<[^>]+>")


def toc_tokens(body: str) -> list[dict[str, Any]]:
    """The table of contents of a generated body, nested by level, in the shape of Python-Markdown's
    `toc_tokens` (level, id, name as escaped text, children) that `mkdocs.structure.toc.get_toc` takes."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for m in _HEADING.finditer(body):
        level, hid = int(m.group(1)), m.group(2)
        name = " ".join(_TAG.sub("", m.group(3)).split())  # text of the heading, still escaped
        token: dict[str, Any] = {"level": level, "id": hid, "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


# The search index's text keeps the few tags Material's search keeps (lists, paragraphs, code), bare.
_SEARCH_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
# inline elements join their text to the words around them; any other tag ends a word
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s"}
    | {"samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
)
_SEARCH_SKIP = frozenset({"script", "style", "svg", "template", "object"})  # no words for a reader
_MARKUP = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>", re.S)
_SPACES = re.compile(r"\s+")


def search_text(html: str) -> str:
    """A body part as the search index's text: its words (still escaped, as the body has them) with the
    kept tags bare, whitespace collapsed, and table cells, items and blocks apart from each other."""
    out: list[str] = []
    skip = 0  # inside script, style or svg
    pos = 0
    for m in _MARKUP.finditer(html):
        if not skip:
            out.append(html[pos : m.start()])
        pos = m.end()
        if m.group(2) is None:
            continue  # a comment
        closing, tag = m.group(1) == "/", m.group(2).lower()
        if tag in _SEARCH_SKIP:
            skip = max(skip + (-1 if closing else 1), 0)
            continue
        if skip:
            continue
        if tag in _SEARCH_KEEP:
            out.append(f" <{'/' if closing else ''}{tag}> ")
        elif tag not in _INLINE:
            out.append(" ")
    if not skip:
        out.append(html[pos:])
    text = _SPACES.sub(" ", "".join(out)).strip()
    return re.sub(r"\s*(</?(?:p|li|ol|ul|pre)>)\s*", r"\1", text)


def search_entries(page: GeneratedPage, url: str) -> list[dict[str, str]]:
    """The search index entries of a generated page, as Material's search plugin would make them from
    its HTML: one for the text before the first heading (titled with the page's title) and one per
    heading (`url#id`, the heading's text). Read from our own markup with one pattern, no HTML parser."""
    entries: list[dict[str, str]] = []
    title, anchor, start = str(escape_text(page.title)), "", 0
    for m in _HEADING.finditer(page.body):
        text = search_text(page.body[start : m.start()])
        if anchor or text:
            entries.append({"location": url + anchor, "title": title, "text": text})
        anchor, start = f"#{m.group(2)}", m.end()
        title = " ".join(_TAG.sub("", m.group(3)).split())
    text = search_text(page.body[start:])
    if anchor or text:
        entries.append({"location": url + anchor, "title": title, "text": text})
    return entries
