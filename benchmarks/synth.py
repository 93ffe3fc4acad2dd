"""Synthetic catalogues of N positions, shaped like the real ones (texts in four languages, shared
clauses, groups of duties, salary grids), for the benchmark."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

from jobdesc.core import translations

ROOT = Path(__file__).resolve().parent.parent
FAMILY_SIZE = 10


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


def make_catalogue(n: int, dest: Path) -> list[str]:
    """Write positions/ with `n` positions into `dest`: the real ones (the hand-written pages link to
    them) and synthetic copies of them in families of FAMILY_SIZE. Returns every id."""
    src = ROOT / "positions"
    real = sorted(p for p in src.glob("*.yml") if not p.name.startswith("_"))
    templates = [_load(p) for p in real]
    cat = _load(src / "_catalogue.yml")
    extra = max(0, n - len(real))
    families = (extra + FAMILY_SIZE - 1) // FAMILY_SIZE
    cat["families"] += [
        {
            "id": f"family-{f:03d}",
            "order": 100 + f,
            "title": {
                lang: f"{name} {f + 1}"
                for lang, name in (
                    ("ru", "Направление"),
                    ("bg", "Направление"),
                    ("he", "תחום"),
                    ("az", "İstiqamət"),
                )
            },
        }
        for f in range(families)
    ]
    out = dest / "positions"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    (out / "_catalogue.yml").write_text(yaml.safe_dump(cat, allow_unicode=True, sort_keys=False), "utf-8")
    ids = []
    for path in real[: min(n, len(real))]:
        shutil.copy(path, out / path.name)
        ids.append(path.stem)
    for i in range(extra):
        pos = copy.deepcopy(templates[i % len(templates)])
        pid = f"position-{i:04d}"
        pos["id"] = pid
        pos["family"] = f"family-{i // FAMILY_SIZE:03d}"
        pos["order"] = i
        for lang in pos["title"]:
            pos["title"][lang] = f"{pos['title'][lang]} {i + 1}"
        general = pos["general"]
        for key in ("substitutes", "substituted_by", "gives_orders_to", "reports_also_to"):
            general.pop(key, None)
        for key in ("appointed_by", "on_proposal_of"):
            if key in general:
                general[key] = "general-director"
        general["reports_to"] = ["head-of-sales"]
        pos.pop("career", None)
        (out / f"{pid}.yml").write_text(yaml.safe_dump(pos, allow_unicode=True, sort_keys=False), "utf-8")
        ids.append(pid)
    translations.confirm(out)  # the copies' translations are as checked as the originals'
    return ids


def touch_one(dest: Path, pid: str) -> None:
    """Change one text of one position (as HR would)."""
    path = dest / "positions" / f"{pid}.yml"
    data = _load(path)
    data["summary"]["ru"] = data["summary"]["ru"] + " Изменено."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
