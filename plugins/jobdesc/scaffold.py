"""`jobdesc new SLUG`: a new position with every section and all four languages stubbed.

The stub is valid YAML of the right shape; its texts are empty, so the validator names each text HR
still has to write.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

TEMPLATE = """\
# yaml-language-server: $schema=../plugins/jobdesc/schema/position.schema.json
# New position. Fill in every text (ru, bg, he, az), then run: jobdesc validate
id: {slug}
family: {family}
order: 100
category: specialist          # manager | specialist | technical
title: {{ru: "", bg: "", he: "", az: ""}}
summary: {{ru: "", bg: "", he: "", az: ""}}
department: {{ru: "", bg: "", he: "", az: ""}}

general:
  appointed_by: general-director       # a position id or a role id from positions/_catalogue.yml
  reports_to: [head-of-sales]
  guided_by:
    - ref: guided-legislation
    - ref: guided-charter
    - ref: guided-internal-rules
    - ref: guided-orders
    - ref: guided-this-description

qualification:
  education:
    level: higher                       # secondary | secondary-vocational | incomplete-higher | higher
  experience:
    years: 1
  knowledge:
    - id: knowledge-1
      text: {{ru: "", bg: "", he: "", az: ""}}
  skills:
    - id: skill-1
      text: {{ru: "", bg: "", he: "", az: ""}}

duties:
  - id: duty-1
    text: {{ru: "", bg: "", he: "", az: ""}}

rights:
  - ref: right-request-information
  - ref: right-propose-improvements
  - ref: right-sign-within-competence

responsibility:
  - ref: liability-duties
  - ref: liability-offences
  - ref: liability-damage

working_conditions:
  - ref: work-schedule

pay:
  - ref: pay-staff-schedule

salary:
  currency: RUB
  period: month
  tiers: []                             # no published figures yet
  source: {{ru: "", bg: "", he: "", az: ""}}

final_provisions:
  - ref: final-acknowledgement
  - ref: final-changes
"""


def scaffold(slug: str, folder: Path, family: str = "sales") -> Path:
    if not _ID.match(slug):
        raise ValueError(f"`{slug}` is not a valid id: use lowercase Latin letters, digits and hyphens")
    path = folder / f"{slug}.yml"
    if path.exists():
        raise FileExistsError(f"{path} exists already")
    path.write_text(TEMPLATE.format(slug=slug, family=family), "utf-8")
    return path


def cmd_new(args: argparse.Namespace) -> int:
    try:
        path = scaffold(args.slug, Path(args.dir), args.family)
    except (ValueError, FileExistsError) as exc:
        print(f"jobdesc: {exc}")
        return 2
    print(f"created {path}; fill in the texts, then run `jobdesc validate`")
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("new", help="create a new position file with every section stubbed")
    p.add_argument("slug", help="the id of the new position, e.g. regional-sales-manager")
    p.add_argument("--dir", default="positions")
    p.add_argument("--family", default="sales")
    p.set_defaults(func=cmd_new)
