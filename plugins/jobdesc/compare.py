"""Comparison data: clause matrix lined up by id, qualification and salary side by side, the org tree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jinja2

from .labels import experience_text, labels
from .model import Clause, Handbook, Position
from .render import GeneratedPage, TextView, band_text, direction, tv
from .text import plain, title_text

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


def qualification_rows(hb: Handbook, positions: tuple[Position, ...], lang: str) -> list[dict[str, Any]]:
    lab = labels(lang)
    f = lab["fields"]
    rows: list[dict[str, Any]] = [
        {"label": f["category"], "cells": [lab["categories"][p.category] for p in positions]},
        {
            "label": f["work_format"],
            "cells": [lab["work_formats"][p.work_format] if p.work_format else "—" for p in positions],
        },
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


def salary_by_city(hb: Handbook, positions: tuple[Position, ...], lang: str) -> list[dict[str, Any]]:
    """Per city (and 'all cities'): every tier of every position with its figures and a bar for the chart."""
    lab = labels(lang)["salary"]
    bands = [(p, t, b) for p in positions if p.salary for t in p.salary.tiers for b in t.bands]
    top = max([b.max or b.min or 0 for _, _, b in bands] or [0])
    out = []
    cities: list[str | None] = [c.id for c in hb.catalogue.cities]
    cities.append(None)
    for cid in cities:
        rows = []
        for p, t, b in bands:
            if b.city != cid or p.salary is None:
                continue
            lo = b.min if b.min is not None else 0
            hi = b.max if b.max is not None else b.min or 0
            rows.append(
                {
                    "position": tv(p.title, lang),
                    "position_id": p.id,
                    "tier": tv(t.title, lang),
                    "text": band_text(b, p.salary.currency, lang),
                    "left": round(100 * lo / top, 2) if top else 0,
                    "width": max(round(100 * (hi - lo) / top, 2), 0.8) if top else 0,
                    "open_end": b.max is None,
                    "open_start": b.min is None,
                }
            )
        if rows:
            name = tv(hb.city(cid).name, lang) if cid else TextView(lab["all_cities"])
            out.append({"id": cid or "all", "name": name, "rows": rows})
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
    if len(hb.positions) <= COMPARE_MAX:
        return {"compare/index": compare_page(env, hb, hb.positions, lang, include_salary, "../")}
    pages: dict[str, GeneratedPage] = {}
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
    pages["compare/index"] = GeneratedPage(str(labels(lang)["ui"]["compare"]), body, search=False)
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
    body = env.get_template("compare.html.j2").render(
        lang=lang,
        dir=direction(lang),
        L=lab,
        up=up,
        heading=heading,
        positions=[{"id": p.id, "title": tv(p.title, lang)} for p in positions],
        matrices=[
            {"key": s, "title": lab["sections"][s], "rows": matrix(hb, positions, s, lang)}
            for s in MATRIX_SECTIONS
        ],
        qualification=qualification_rows(hb, positions, lang),
        salary=salary_by_city(hb, positions, lang) if include_salary else [],
        include_salary=include_salary,
    )
    return GeneratedPage(title, body, search=False)
