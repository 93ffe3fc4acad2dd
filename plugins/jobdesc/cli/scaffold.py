"""`jobdesc new SLUG`: a new position with every section and all four languages stubbed.

The stub is valid YAML of the right shape; its texts are empty, so the validator names each text HR
still has to write, and once they are written it validates: its references (family, who appoints, whom it
reports to, shared clauses) are taken from the folder's catalogue. Salary is left out (a commented block
shows its shape): a position without published figures has no salary section.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..core.messages import M, add_lang_option, choose, say
from ..core.validate import CATALOGUE_FILE, RESERVED_IDS
from ..core.yamlload import LoadError, read_file

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_EMPTY = '{ru: "", bg: "", he: "", az: ""}'

# Shared clauses a new position starts with when the catalogue has them (else every shared clause of the
# section; else one clause of its own to write).
_DEFAULT_REFS = {
    "guided_by": (
        "guided-legislation",
        "guided-charter",
        "guided-internal-rules",
        "guided-orders",
        "guided-this-description",
    ),
    "rights": ("right-request-information", "right-propose-improvements", "right-sign-within-competence"),
    "responsibility": ("liability-duties", "liability-offences", "liability-damage"),
    "working_conditions": ("work-schedule",),
    "pay": ("pay-staff-schedule",),
    "final_provisions": ("final-acknowledgement", "final-changes"),
}

TEMPLATE = """\
# yaml-language-server: $schema=../plugins/jobdesc/schema/position.schema.json
# New position. Fill in every text (ru, bg, he, az), then run: jobdesc validate
id: {slug}
family: {family}
order: 100
category: specialist          # manager | specialist | technical
title: {empty}
summary: {empty}
department: {empty}

general:
  appointed_by: {appointed_by}       # a position id or a role id from positions/_catalogue.yml
  reports_to: [{reports_to}]
  guided_by:
{guided_by}
qualification:
  education:
    level: higher                       # secondary | secondary-vocational | incomplete-higher | higher
  experience:
    years: 1
  knowledge:
    - id: knowledge-1
      text: {empty}
  skills:
    - id: skill-1
      text: {empty}

duties:
  - id: duty-1
    area: {area}      # a duty area from positions/_catalogue.yml ({areas})
    text: {empty}

rights:
{rights}
responsibility:
{responsibility}
working_conditions:
{working_conditions}
pay:
{pay}
# Salary: only figures a source gives (leave the section out when there are none).
# salary:
#   currency: RUB
#   period: month
#   as_of: 2025
#   tiers:
#     - id: base
#       title: {empty}
#       bands:
#         - {{city: moscow, min: 25000, max: 30000}}
#   source: {empty}

final_provisions:
{final_provisions}"""


class ScaffoldError(Exception):
    """A reason the stub cannot be written, in words for the command line."""


def _catalogue(folder: Path) -> dict[str, Any] | None:
    """The folder's catalogue as plain data, or None when it is missing or broken (the stub then uses the
    project's usual ids, and `jobdesc validate` names what is wrong)."""
    try:
        doc = read_file(str(folder / CATALOGUE_FILE))
    except LoadError:
        return None
    return doc.data if isinstance(doc.data, dict) else None


def _ids(items: Any, **match: str) -> list[str]:
    out = []
    for item in items if isinstance(items, list) else ():
        is_item = isinstance(item, dict) and isinstance(item.get("id"), str)
        if is_item and all(item.get(k) == v for k, v in match.items()):
            out.append(item["id"])
    return out


def _clause_lines(refs: Iterable[str], section: str) -> str:
    lines = [f"  - ref: {r}" for r in refs]
    if not lines:
        lines = [f"  - id: {section.replace('_', '-')}-1", f"    text: {_EMPTY}"]
    return "\n".join(lines) + "\n"


def stub(slug: str, family: str, catalogue: dict[str, Any] | None) -> str:
    """The text of a new position file."""
    sections: dict[str, str] = {}
    appointed_by, reports_to = "general-director", "head-of-sales"
    areas = _ids((catalogue or {}).get("duty_areas")) or ["client-acquisition"]
    if catalogue is None:
        for section, usual in _DEFAULT_REFS.items():
            sections[section] = _clause_lines(usual, section)
    else:
        families = _ids(catalogue.get("families"))
        if family not in families:
            raise ScaffoldError(
                M("ref.no-family", value=family, known=", ".join(families) or M("value.none"))
            )
        raw_roles = catalogue.get("roles")
        roles: list[Any] = raw_roles if isinstance(raw_roles, list) else []
        role_ids = _ids(roles)
        top = [r["id"] for r in roles if isinstance(r, dict) and "id" in r and not r.get("reports_to")]
        if role_ids:
            appointed_by = "general-director" if "general-director" in role_ids else (top or role_ids)[0]
            head = f"head-of-{family}"
            reports_to = head if head in role_ids else appointed_by
        for section, wanted in _DEFAULT_REFS.items():
            shared = _ids(catalogue.get("clauses"), section=section)
            refs = [r for r in wanted if r in shared] or shared
            sections[section] = _clause_lines(refs, section)
    return TEMPLATE.format(
        slug=slug,
        family=family,
        empty=_EMPTY,
        appointed_by=appointed_by,
        reports_to=reports_to,
        area=areas[0],
        areas=", ".join(areas),
        **sections,
    )


def scaffold(slug: str, folder: Path, family: str = "sales") -> Path:
    """Write `folder/<slug>.yml`; raise ScaffoldError with a plain reason when it cannot be."""
    if not _ID.match(slug) or len(slug) > 64:
        raise ScaffoldError(M("id.invalid", value=slug))
    if slug in RESERVED_IDS:
        raise ScaffoldError(M("id.reserved", value=slug, reserved=", ".join(sorted(RESERVED_IDS))))
    if not folder.is_dir():
        shown = str(folder)
        raise ScaffoldError(
            M("new.not-a-folder", folder=shown)
            if os.path.lexists(folder)
            else M("new.no-folder", folder=shown)
        )
    for suffix in (".yml", ".yaml"):
        other = folder / f"{slug}{suffix}"
        if os.path.lexists(other):
            raise ScaffoldError(M("new.exists", path=str(other)))
    text = stub(slug, family, _catalogue(folder))
    path = folder / f"{slug}.yml"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except FileExistsError:
        raise ScaffoldError(M("new.exists", path=str(path))) from None
    except OSError as exc:
        raise ScaffoldError(M("new.cannot-create", path=str(path), reason=str(exc.strerror))) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise ScaffoldError(M("new.cannot-write", path=str(path), reason=str(exc.strerror))) from None
    return path


def cmd_new(args: argparse.Namespace) -> int:
    ui = choose(getattr(args, "ui_lang", None))
    try:
        path = scaffold(args.slug, Path(args.dir), args.family)
    except ScaffoldError as exc:
        print(f"jobdesc: {say(exc.args[0], ui)}", file=sys.stderr)
        return 2
    print(say(M("new.created", path=str(path)), ui))
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("new", help="create a new position file with every section stubbed")
    p.add_argument("slug", help="the id of the new position, e.g. regional-sales-manager")
    p.add_argument("--dir", default="positions")
    p.add_argument("--family", default="sales")
    add_lang_option(p)

    p.set_defaults(func=cmd_new)
