"""Checks of the document-control keys (revision, effective date, approval, agreement) beyond their
form in the schemas: dates that exist, an approval not dated after the revision takes effect, and
roles that exist. Called by `validate.load_handbook`, reported like every other problem."""

from __future__ import annotations

import datetime
from typing import Any

from .errors import Problem
from .model import Catalogue
from .yamlload import Located


def _date(doc: Located, path: tuple[str, ...], value: Any, problems: list[Problem]) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        problems.append(doc.problem(path, f"`{value}` is not a date in the calendar; write YYYY-MM-DD"))
        return None


def position_problems(doc: Located, cat: Catalogue, position_ids: set[str]) -> list[Problem]:
    d = doc.data
    problems: list[Problem] = []
    effective = _date(doc, ("effective_date",), d.get("effective_date"), problems)
    approval = d.get("approval") or {}
    approved = _date(doc, ("approval", "date"), approval.get("date"), problems)
    if effective and approved and approved > effective:
        problems.append(
            doc.problem(
                ("approval", "date"),
                f"the approval ({approved.isoformat()}) is dated after the revision takes effect "
                f"({effective.isoformat()}); approve first, then set `effective_date`",
            )
        )
    if approval and "revision" not in d:
        problems.append(doc.problem(("approval",), "an approval belongs to a revision: add `revision`"))
    role = approval.get("role")
    roles = {r.id for r in cat.roles}
    if role is not None and role not in roles and role not in position_ids:
        problems.append(
            doc.problem(("approval", "role"), f"`{role}` is neither a role in the catalogue nor a position")
        )
    return problems


def catalogue_problems(doc: Located) -> list[Problem]:
    d = doc.data
    roles = {r["id"] for r in d.get("roles", [])}
    return [
        doc.problem(("agreement", i), f"`{ref}` is not a role in `roles` of the catalogue")
        for i, ref in enumerate(d.get("agreement", []))
        if ref not in roles
    ]
