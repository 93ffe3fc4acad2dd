"""Exports for other HR tools: JSON per language (schema: schema/export.schema.json), CSV of the
comparison matrix per language and of the salary grid."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from ..core import fields
from ..core.labels import labels
from ..core.model import Clause, Handbook, Position, Text
from ..core.text import plain
from ..views.compare import MATRIX_SECTIONS, section_clauses

EXPORT_VERSION = 1


def _t(text: Text | None, lang: str) -> str | None:
    return None if text is None else plain(text.get(lang))


def _clauses(items: tuple[Clause, ...], lang: str) -> list[dict[str, Any]]:
    out = []
    for c in items:
        item: dict[str, Any] = {"id": c.id, "shared": c.shared, "text": plain(c.text.get(lang))}
        if c.liability:
            item["liability"] = list(c.liability)
        out.append(item)
    return out


def position_record(hb: Handbook, pos: Position, lang: str, include_salary: bool) -> dict[str, Any]:
    g, q = pos.general, pos.qualification
    rec: dict[str, Any] = {
        "id": pos.id,
        "family": pos.family,
        "title": _t(pos.title, lang),
        "summary": _t(pos.summary, lang),
        **fields.exported(pos.facts, lang),
        "general": {
            "appointed_by": g.appointed_by,
            "on_proposal_of": g.on_proposal_of,
            "reports_to": list(g.reports_to),
            "reports_also_to": list(g.reports_also_to),
            "gives_orders_to": list(g.gives_orders_to),
            "substitutes": list(g.substitutes),
            "substituted_by": list(g.substituted_by),
            "provisions": _clauses(g.provisions, lang),
            "guided_by": _clauses(g.guided_by, lang),
        },
        "qualification": {
            "education": {"level": q.education.level, "field": _t(q.education.field, lang)},
            "experience": {"years": q.experience.years, "kind": _t(q.experience.kind, lang)},
            "notes": _t(q.notes, lang),
            "knowledge": _clauses(q.knowledge, lang),
            "skills": _clauses(q.skills, lang),
            "training": _clauses(q.training, lang),
            "personal_qualities": _clauses(q.personal_qualities, lang),
        },
        "duties": [
            {
                "group": None if grp.title is None else grp.id,
                "title": _t(grp.title, lang),
                "items": _clauses(grp.items, lang),
            }
            for grp in pos.duties
        ],
        "rights": _clauses(pos.rights, lang),
        "responsibility": _clauses(pos.responsibility, lang),
        "kpis": _clauses(pos.kpis, lang),
        "working_conditions": _clauses(pos.working_conditions, lang),
        "pay": _clauses(pos.pay, lang),
        "career": {
            "from": list(pos.career.from_),
            "to": list(pos.career.to),
            "notes": _t(pos.career.notes, lang),
        },
        "final_provisions": _clauses(pos.final_provisions, lang),
    }
    if include_salary and pos.salary is not None:
        s = pos.salary
        rec["salary"] = {
            "currency": s.currency,
            "period": s.period,
            "as_of": s.as_of,
            "source": _t(s.source, lang),
            "note": _t(s.note, lang),
            "tiers": [
                {
                    "id": t.id,
                    "title": _t(t.title, lang),
                    "min_experience_years": t.min_experience_years,
                    "conditions": _t(t.conditions, lang),
                    "bands": [{"city": b.city, "min": b.min, "max": b.max} for b in t.bands],
                }
                for t in s.tiers
            ],
        }
    return rec


def export_json(hb: Handbook, lang: str, include_salary: bool) -> str:
    data = {
        "version": EXPORT_VERSION,
        "language": lang,
        "roles": [
            {"id": r.id, "title": _t(r.title, lang), "reports_to": r.reports_to} for r in hb.catalogue.roles
        ],
        "cities": [{"id": c.id, "name": _t(c.name, lang)} for c in hb.catalogue.cities],
    }
    # one position per line: a diff shows which positions changed, and json's C encoder writes it (with
    # `indent` json falls back to its Python encoder, four times slower: 0.3 s a language at N = 100)
    records = [_json(position_record(hb, p, lang, include_salary)) for p in hb.positions]
    return _json(data)[:-1] + ',\n"positions": [\n' + ",\n".join(records) + "\n]}\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _csv(rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def clauses_csv(hb: Handbook, lang: str) -> str:
    """The comparison data, one row per position and clause (duties, rights, responsibility).

    A pivot table with the positions as columns gives the comparison matrix; shared clauses keep their
    catalogue id, so they line up. (A matrix file itself would hold positions x clauses cells: 25
    million at 1000 positions, the square of the catalogue.)"""
    rows: list[list[Any]] = [["position", "section", "clause_id", "shared", labels(lang)["ui"]["clause"]]]
    for pos in hb.positions:
        for section in MATRIX_SECTIONS:
            for c in section_clauses(pos, section):
                cid = c.id if c.shared else f"{pos.id}.{c.id}"
                rows.append([pos.id, section, cid, int(c.shared), plain(c.text.get(lang))])
    return _csv(rows)


def salary_csv(hb: Handbook) -> str:
    rows: list[list[Any]] = [
        ["position", "tier", "min_experience_years", "city", "min", "max", "currency", "period"]
    ]
    for p in hb.positions:
        if p.salary is None:
            continue
        for t in p.salary.tiers:
            for b in t.bands:
                rows.append(
                    [
                        p.id,
                        t.id,
                        t.min_experience_years if t.min_experience_years is not None else "",
                        b.city or "",
                        "" if b.min is None else b.min,
                        "" if b.max is None else b.max,
                        p.salary.currency,
                        p.salary.period,
                    ]
                )
    return _csv(rows)


def write_exports(hb: Handbook, site: Path, langs: list[str], include_salary: bool) -> list[Path]:
    out = site / "export"
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in langs:
        for name, text in (
            (f"positions.{lang}.json", export_json(hb, lang, include_salary)),
            (f"clauses.{lang}.csv", clauses_csv(hb, lang)),
        ):
            (out / name).write_text(text, "utf-8")
            written.append(out / name)
    if include_salary:
        (out / "salary.csv").write_text(salary_csv(hb), "utf-8")
        written.append(out / "salary.csv")
    return written
