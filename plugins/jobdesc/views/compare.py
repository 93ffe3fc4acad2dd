"""Comparison data: clause matrix lined up by id, qualification and salary side by side, the org tree."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..core import fields
from ..core.labels import experience_text, labels
from ..core.model import DEFAULT_LANG, Clause, Handbook, Position, Text
from ..core.text import plain, title_text
from .chart import salary_chart
from .render import GeneratedPage, TextView, band_text, direction, salary_range, tv

MATRIX_SECTIONS = ("duties", "rights", "responsibility")


@dataclass(frozen=True)
class MatrixRow:
    id: str
    text: TextView
    shared: bool
    marks: tuple[bool, ...]


def section_clauses(pos: Position, section: str) -> tuple[Clause, ...]:
    if section == "duties":
        return pos.all_duties()
    clauses: tuple[Clause, ...] = getattr(pos, section)
    return clauses


def matrix(hb: Handbook, positions: tuple[Position, ...], section: str, lang: str) -> tuple[MatrixRow, ...]:
    """Rows: shared clauses first (by how many positions have them), then each position's own clauses."""
    have: dict[str, set[str]] = {}
    texts: dict[str, Clause] = {}
    own: list[tuple[str, Clause]] = []
    for pos in positions:
        for c in section_clauses(pos, section):
            if c.shared:
                have.setdefault(c.id, set()).add(pos.id)
                texts[c.id] = c
            else:
                own.append((pos.id, c))
    rows = [
        MatrixRow(cid, tv(texts[cid].text, lang), True, tuple(p.id in have[cid] for p in positions))
        for cid in sorted(have, key=lambda k: (-len(have[k]), k))
    ]
    rows += [
        MatrixRow(f"{pid}.{c.id}", tv(c.text, lang), False, tuple(p.id == pid for p in positions))
        for pid, c in own
    ]
    return tuple(rows)


@dataclass(frozen=True)
class AreaRow:
    """One duty area: each position's own clauses in it (empty where a position has none)."""

    id: str
    title: TextView
    cells: tuple[tuple[TextView, ...], ...]


def area_rows(hb: Handbook, positions: tuple[Position, ...], lang: str) -> tuple[AreaRow, ...]:
    """Duties lined up by the catalogue's duty areas, in the catalogue's order; areas no position has
    are left out."""
    rows = []
    for area in hb.catalogue.duty_areas:
        cells = tuple(tuple(tv(c.text, lang) for c in p.all_duties() if c.area == area.id) for p in positions)
        if any(cells):
            rows.append(AreaRow(area.id, tv(area.title, lang), cells))
    return tuple(rows)


@dataclass(frozen=True)
class CommonRow:
    """A shared catalogue clause: written once, with how many of the compared positions have it."""

    id: str
    text: TextView
    have: int
    total: int
    lacking: str  # the compared positions without it, by name
    marks: tuple[bool, ...]


def common_rows(
    hb: Handbook, positions: tuple[Position, ...], section: str, lang: str
) -> tuple[tuple[CommonRow, ...], tuple[tuple[TextView, ...], ...]]:
    """Shared clauses of a section (most common first) and each position's own clauses."""
    have: dict[str, list[Position]] = {}
    texts: dict[str, Clause] = {}
    for pos in positions:
        for c in section_clauses(pos, section):
            if c.shared:
                have.setdefault(c.id, []).append(pos)
                texts[c.id] = c
    common = tuple(
        CommonRow(
            cid,
            tv(texts[cid].text, lang),
            len(have[cid]),
            len(positions),
            ", ".join(title_text(p.title.get(lang)) for p in positions if p not in have[cid]),
            tuple(p in have[cid] for p in positions),
        )
        for cid in sorted(have, key=lambda k: (-len(have[k]), k))
    )
    own = tuple(
        tuple(tv(c.text, lang) for c in section_clauses(p, section) if not c.shared) for p in positions
    )
    return common, own


def fact_rows(
    positions: tuple[Position, ...], lang: str, given: frozenset[str] | None = None
) -> list[tuple[str, list[str]]]:
    """The compared facts of `fields.FACTS` as (label, one cell per position); a fact not in `given`
    (default: the facts these positions give) is left out, a position without it shows a dash."""
    if given is None:
        given = frozenset(name for p in positions for name in p.facts)
    out = []
    for fact in fields.compared():
        if fact.name not in given:
            continue
        cells = []
        for p in positions:
            value = p.facts.get(fact.name)
            if value is None:
                cells.append("—")
            else:
                shown = fields.shown(fact, value, lang)
                cells.append(plain(shown.get(lang)) if isinstance(shown, Text) else shown)
        out.append((fields.label(fact, lang), cells))
    return out


def qualification_rows(hb: Handbook, positions: tuple[Position, ...], lang: str) -> list[dict[str, Any]]:
    lab = labels(lang)
    f = lab["fields"]
    rows: list[dict[str, Any]] = [
        {"label": label, "cells": cells} for label, cells in fact_rows(positions, lang)
    ] + [
        {
            "label": f["education"],
            "cells": [lab["education"][p.qualification.education.level] for p in positions],
        },
        {
            "label": f["experience"],
            "cells": [
                experience_text(
                    p.qualification.experience.years,
                    plain(p.qualification.experience.kind.get(lang))
                    if p.qualification.experience.kind
                    else None,
                    lang,
                )
                for p in positions
            ],
        },
        {
            "label": f["reports_to"],
            "cells": [
                ", ".join(plain(hb.name_of(r).get(lang)) for r in p.general.reports_to) for p in positions
            ],
        },
    ]
    for key in ("knowledge", "skills", "personal_qualities"):
        rows.append(
            {
                "label": f[key],
                "lists": [[tv(c.text, lang) for c in getattr(p.qualification, key)] for p in positions],
            }
        )
    return rows


def salary_charts(
    hb: Handbook, positions: tuple[Position, ...], lang: str, by_position: bool
) -> list[dict[str, Any]]:
    """One chart per city (and 'all cities'): every tier (of every position, when comparing), drawn on
    one scale for that city, with its exact figures."""
    lab = labels(lang)
    bands = [(p, t, b) for p in positions if p.salary for t in p.salary.tiers for b in t.bands]
    cities: list[str | None] = [c.id for c in hb.catalogue.cities]
    cities.append(None)
    out = []
    for cid in cities:
        rows = [
            (
                (f"{plain(p.title.get(lang))} · " if by_position else "") + plain(t.title.get(lang)),
                b,
                band_text(b, p.salary.currency, lang),
            )
            for p, t, b in bands
            if b.city == cid and p.salary is not None
        ]
        if not rows:
            continue
        currency = next(p.salary.currency for p, _, b in bands if b.city == cid and p.salary)
        period = next(p.salary.period for p, _, b in bands if b.city == cid and p.salary)
        name = plain(hb.city(cid).name.get(lang)) if cid else str(lab["salary"]["all_cities"])
        title = f"{lab['salary']['title']}: {name}"
        unit = f"{currency}, {lab['salary']['period'][period]}"
        chart = salary_chart(rows, currency, lang, title, unit)
        if chart is not None:
            out.append({"id": cid or "all", "name": name, "chart": chart})
    return out


def org_tree(hb: Handbook, lang: str) -> list[dict[str, Any]]:
    """Reporting structure as nested nodes: roles and positions under their direct superior."""
    parent: dict[str, str | None] = {r.id: r.reports_to for r in hb.catalogue.roles}
    for p in hb.positions:
        parent[p.id] = p.general.reports_to[0] if p.general.reports_to else None
    children: dict[str | None, list[str]] = {}
    for node, sup in parent.items():
        children.setdefault(sup, []).append(node)
    order = {p.id: i for i, p in enumerate(hb.positions)}

    def useful(node: str) -> bool:  # keep roles only when a position sits below them
        return node in order or any(useful(c) for c in children.get(node, []))

    def build(node: str) -> dict[str, Any]:
        kids = sorted(
            (c for c in children.get(node, []) if useful(c)),
            key=lambda c: (c not in order, order.get(c, 0), c),
        )
        return {
            "id": node,
            "name": tv(hb.name_of(node), lang),
            "is_position": node in order,
            "children": [build(k) for k in kids],
        }

    return [build(n) for n in sorted(children.get(None, [])) if useful(n)]


COMPARE_MAX = 12  # more positions than this: one comparison page per family, never a 1000-column table


def compare_pages(
    env: jinja2.Environment, hb: Handbook, lang: str, include_salary: bool
) -> dict[str, GeneratedPage]:
    """`compare/index` with every position when there are few; otherwise an index of families and
    `compare/<family>` per family (a family larger than COMPARE_MAX is split into parts)."""
    pages: dict[str, GeneratedPage] = {"compare/pair/index": pair_page(env, hb, lang, include_salary)}
    if len(hb.positions) <= COMPARE_MAX:
        pages["compare/index"] = compare_page(env, hb, hb.positions, lang, include_salary, "../")
        return pages
    links = []
    for fam in sorted(hb.catalogue.families, key=lambda f: (f.order, f.id)):
        members = tuple(p for p in hb.positions if p.family == fam.id)
        chunks = [members[i : i + COMPARE_MAX] for i in range(0, len(members), COMPARE_MAX)]
        for n, chunk in enumerate(chunks, 1):
            slug = fam.id if len(chunks) == 1 else f"{fam.id}-{n}"
            pages[f"compare/{slug}"] = compare_page(
                env, hb, chunk, lang, include_salary, "../../", tv(fam.title, lang), fam.title.get(lang)
            )
            links.append(
                {
                    "slug": slug,
                    "title": tv(fam.title, lang),
                    "part": n if len(chunks) > 1 else None,
                    "positions": [tv(p.title, lang) for p in chunk],
                }
            )
    body = env.get_template("compare-index.html.j2").render(L=labels(lang), links=links)
    pages["compare/index"] = GeneratedPage(str(labels(lang)["ui"]["compare"]), body, search=False, wide=True)
    return pages


def compare_page(
    env: jinja2.Environment,
    hb: Handbook,
    positions: tuple[Position, ...],
    lang: str,
    include_salary: bool,
    up: str,
    heading: TextView | None = None,
    heading_source: str | None = None,
) -> GeneratedPage:
    lab = labels(lang)
    title = str(lab["ui"]["compare"]) + (f": {title_text(heading_source)}" if heading_source else "")
    sections = []
    for key in ("rights", "responsibility"):
        common, own = common_rows(hb, positions, key, lang)
        sections.append({"key": key, "title": lab["sections"][key], "common": common, "own": own})
    body = env.get_template("compare.html.j2").render(
        lang=lang,
        dir=direction(lang),
        L=lab,
        up=up,
        heading=heading,
        positions=[{"id": p.id, "title": tv(p.title, lang)} for p in positions],
        areas=area_rows(hb, positions, lang),
        sections=sections,
        qualification=qualification_rows(hb, positions, lang),
        charts=salary_charts(hb, positions, lang, by_position=True) if include_salary else [],
        include_salary=include_salary,
        pair_href=up + "compare/pair/",
    )
    return GeneratedPage(title, body, search=False, wide=True)


# --------------------------------------------------------------------------------------------------
# Any two (up to four) positions side by side: one page per language that draws from compact JSON files
# (an index of the positions, one file per position), so any pair works at 1000 positions without
# writing a page for every pair.

PAIR_MAX = 4


def _clause_item(c: Clause, pos: Position, lang: str) -> dict[str, Any]:
    """A clause for the pair view. `key` lines clauses up: a shared clause by its catalogue id, an own
    clause by position and id (two positions' own clauses are never "the same", even with equal ids)."""
    return {
        "key": f"ref:{c.id}" if c.shared else f"{pos.id}.{c.id}",
        "html": str(tv(c.text, lang).html),
        "shared": c.shared,
    }


def pair_position(hb: Handbook, pos: Position, lang: str, include_salary: bool) -> dict[str, Any]:
    lab = labels(lang)
    q = pos.qualification
    duties: dict[str, list[dict[str, Any]]] = {}
    for c in pos.all_duties():
        duties.setdefault(c.area or "", []).append(_clause_item(c, pos, lang))
    salary = None
    if include_salary and pos.salary is not None and pos.salary.tiers:
        table = salary_table_rows(hb, pos, lang)
        salary = table
    return {
        "id": pos.id,
        "title": title_text(pos.title.get(lang)),
        "url": f"positions/{pos.id}/",
        "fields": [
            *([label, cells[0]] for label, cells in fact_rows((pos,), lang, hb.given_facts)),
            [
                lab["fields"]["reports_to"],
                ", ".join(title_text(hb.name_of(r).get(lang)) for r in pos.general.reports_to),
            ],
            [lab["fields"]["education"], lab["education"][q.education.level]],
            [
                lab["fields"]["experience"],
                experience_text(
                    q.experience.years,
                    plain(q.experience.kind.get(lang)) if q.experience.kind else None,
                    lang,
                ),
            ],
        ],
        "duties": duties,
        "rights": [_clause_item(c, pos, lang) for c in pos.rights],
        "responsibility": [_clause_item(c, pos, lang) for c in pos.responsibility],
        "salary": salary,
    }


def salary_table_rows(hb: Handbook, pos: Position, lang: str) -> list[dict[str, Any]]:
    """Salary by city, each with its tiers' figures: [{city, tiers: [{title, text}]}]."""
    assert pos.salary is not None
    lab = labels(lang)["salary"]
    cities: list[str | None] = [c.id for c in hb.catalogue.cities]
    cities.append(None)
    out = []
    for cid in cities:
        tiers = [
            {"title": title_text(t.title.get(lang)), "text": band_text(b, pos.salary.currency, lang)}
            for t in pos.salary.tiers
            for b in t.bands
            if b.city == cid
        ]
        if tiers:
            name = title_text(hb.city(cid).name.get(lang)) if cid else str(lab["all_cities"])
            out.append({"city": cid or "all", "name": name, "tiers": tiers})
    return out


def pair_files(hb: Handbook, lang: str, include_salary: bool) -> dict[str, str]:
    """The pair view's data of one language: `compare/data/index.json` and one file per position."""
    lab = labels(lang)
    index = {
        "areas": [{"id": a.id, "title": title_text(a.title.get(lang))} for a in hb.catalogue.duty_areas],
        "sections": {k: str(lab["sections"][k]) for k in ("duties", "rights", "responsibility", "pay")},
        "positions": [
            {
                "id": p.id,
                "title": title_text(p.title.get(lang)),
                "family": title_text(hb.family(p.family).title.get(lang)),
            }
            for p in hb.positions
        ],
    }
    out = {"compare/data/index.json": json.dumps(index, ensure_ascii=False, separators=(",", ":"))}
    for p in hb.positions:
        out[f"compare/data/{p.id}.json"] = json.dumps(
            pair_position(hb, p, lang, include_salary), ensure_ascii=False, separators=(",", ":")
        )
    return out


def write_pair_files(
    hb: Handbook, site: Path, langs: list[str], include_salary: bool, root_lang: str = DEFAULT_LANG
) -> None:
    """The pair view's data of each language, in its folder (`root_lang`'s at the site's root)."""
    for lang in langs:
        base = site if lang == root_lang else site / lang
        for rel, text in pair_files(hb, lang, include_salary).items():
            path = base / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")


def pair_page(env: jinja2.Environment, hb: Handbook, lang: str, include_salary: bool) -> GeneratedPage:
    lab = labels(lang)
    families = []
    for fam in sorted(hb.catalogue.families, key=lambda f: (f.order, f.id)):
        if any(p.family == fam.id for p in hb.positions):
            families.append({"id": fam.id, "title": tv(fam.title, lang)})
    body = env.get_template("compare-pair.html.j2").render(
        L=lab,
        lang=lang,
        dir=direction(lang),
        up="../../",
        few=len(hb.positions) <= COMPARE_MAX,
        families=families,
        slots=range(1, PAIR_MAX + 1),
        include_salary=include_salary,
        strings={k: str(v) for k, v in lab["comparison"].items()},
    )
    return GeneratedPage(str(lab["comparison"]["pair_title"]), body, search=False, wide=True)


# --------------------------------------------------------------------------------------------------
# The next step of a career path: what changes


@dataclass(frozen=True)
class AreaChange:
    title: TextView
    now: int
    then: int

    @property
    def new(self) -> bool:
        return self.now == 0 and self.then > 0


@dataclass(frozen=True)
class CareerStep:
    id: str
    title: TextView
    href: str
    pair_href: str
    areas: tuple[AreaChange, ...]
    experience: str
    pay: str | None


def career_steps(
    hb: Handbook, pos: Position, lang: str, include_salary: bool, up: str
) -> tuple[CareerStep, ...]:
    """For each next position of the career path: duties by area here and there, the experience it
    asks for and its pay, with a link to the two side by side."""
    out = []
    for nid in pos.career.to:
        nxt = hb.position(nid)
        if nxt is None:
            continue
        areas = tuple(
            AreaChange(
                tv(a.title, lang),
                sum(1 for c in pos.all_duties() if c.area == a.id),
                sum(1 for c in nxt.all_duties() if c.area == a.id),
            )
            for a in hb.catalogue.duty_areas
            if any(c.area == a.id for c in (*pos.all_duties(), *nxt.all_duties()))
        )
        q = nxt.qualification
        out.append(
            CareerStep(
                nxt.id,
                tv(nxt.title, lang),
                f"{up}positions/{nxt.id}/",
                f"{up}compare/pair/?p={pos.id}&p={nxt.id}",
                areas,
                experience_text(
                    q.experience.years,
                    plain(q.experience.kind.get(lang)) if q.experience.kind else None,
                    lang,
                ),
                salary_range(nxt, lang) if include_salary else None,
            )
        )
    return tuple(out)
