"""Checks of the document-control keys (revision, effective date, approval, agreement) beyond their
form in the schemas: dates that exist, an approval not dated after the revision takes effect, and
roles that exist. Called by `validate.load_handbook`, reported like every other problem."""

from __future__ import annotations

import datetime
from typing import Any

from .errors import Problem
from .messages import M
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
        problems.append(doc.problem(path, M("date.not-in-calendar", value=str(value))))
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
                M("approval.after-effective", approved=approved.isoformat(), effective=effective.isoformat()),
            )
        )
    if approval and "revision" not in d:
        problems.append(doc.problem(("approval",), M("approval.needs-revision")))
    role = approval.get("role")
    roles = {r.id for r in cat.roles}
    if role is not None and role not in roles and role not in position_ids:
        problems.append(doc.problem(("approval", "role"), M("approval.unknown-role", value=role)))
    return problems


def catalogue_problems(doc: Located) -> list[Problem]:
    d = doc.data
    roles = {r["id"] for r in d.get("roles", [])}
    return [
        doc.problem(("agreement", i), M("agreement.unknown-role", value=ref))
        for i, ref in enumerate(d.get("agreement", []))
        if ref not in roles
    ]
