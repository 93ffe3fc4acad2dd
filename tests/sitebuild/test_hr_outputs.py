"""HR outputs of a real build: exports parse back to the YAML; a salary-free build leaks no figure."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader

from jobdesc.core.model import LANGS
from jobdesc.core.validate import load_handbook, schema_path
from tests.conftest import ROOT, build_site, copy_project, git_commit

pytestmark = pytest.mark.build
HB = load_handbook(ROOT / "positions")


def test_json_exports_follow_their_schema_and_match_the_yaml(built_site: Path) -> None:
    schema = json.loads(schema_path("export").read_text("utf-8"))
    for lang in LANGS:
        data = json.loads((built_site / "export" / f"positions.{lang}.json").read_text("utf-8"))
        jsonschema.validate(data, schema)
        assert data["language"] == lang
        assert [p["id"] for p in data["positions"]] == [p.id for p in HB.positions]
        for rec, pos in zip(data["positions"], HB.positions, strict=True):
            assert rec["title"] == pos.title.get(lang)
            assert [c["id"] for g in rec["duties"] for c in g["items"]] == [c.id for c in pos.all_duties()]
            assert [c["id"] for c in rec["rights"]] == [c.id for c in pos.rights]
            if pos.salary is not None:
                bands = [(b["city"], b["min"], b["max"]) for t in rec["salary"]["tiers"] for b in t["bands"]]
                assert bands == [(b.city, b.min, b.max) for t in pos.salary.tiers for b in t.bands]


def test_csv_exports(built_site: Path) -> None:
    with (built_site / "export" / "salary.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    want = [
        (p.id, t.id, b.city or "", str(b.min or ""), str(b.max or ""))
        for p in HB.positions
        if p.salary
        for t in p.salary.tiers
        for b in t.bands
    ]
    assert [(r["position"], r["tier"], r["city"], r["min"], r["max"]) for r in rows] == want
    assert len([r for r in rows if r["position"] == "client-manager"]) == 16
    with (built_site / "export" / "clauses.bg.csv").open(encoding="utf-8") as fh:
        clauses = list(csv.DictReader(fh))
    assert {r["position"] for r in clauses} == {p.id for p in HB.positions}
    # a shared clause lines up across positions under its catalogue id: every position has this one
    shared = [r for r in clauses if r["clause_id"] == "liability-duties"]
    assert sorted(r["position"] for r in shared) == sorted(p.id for p in HB.positions)
    assert {r["shared"] for r in shared} == {"1"}
    own = {(r["position"], r["clause_id"]) for r in clauses if r["shared"] == "0"}
    assert {(p.id, f"{p.id}.{c.id}") for p in HB.positions for c in p.all_duties() if not c.shared} <= own
    sales = next(p for p in HB.positions if p.id == "sales-manager")
    assert len([r for r in clauses if r["position"] == "sales-manager"]) == sum(
        len(x) for x in (sales.all_duties(), sales.rights, sales.responsibility)
    )


def _figures() -> set[int]:
    return {
        v
        for p in HB.positions
        if p.salary
        for t in p.salary.tiers
        for b in t.bands
        for v in (b.min, b.max)
        if v is not None
    }


def _patterns(n: int) -> list[str]:
    s = f"{n:,}"
    return [
        str(n),
        s,
        s.replace(",", " "),
        s.replace(",", "\u00a0"),
        s.replace(",", "."),
        s.replace(",", "\u202f"),
    ]


@pytest.mark.parametrize("switch", [{"JOBDESC_SALARY": "0"}, {"JOBDESC_NO_SALARY": "1"}])
def test_salary_free_build_leaves_no_figure_anywhere(tmp_path: Path, switch: dict[str, str]) -> None:
    project = copy_project(tmp_path / "p")
    # a commit subject that names figures: the history of a salary-free site must not carry it
    path = project / "positions" / "client-manager.yml"
    path.write_text(path.read_text("utf-8") + "\n# tiers checked\n", "utf-8")
    git_commit(project, "Moscow tier 1 now 27 350-31 650 RUB (was 26 150)", "2026-04-01T10:00:00")
    site = build_site(project, **switch)
    figures = _figures() | {27350, 31650, 26150}
    assert 45000 in figures and 120000 in figures
    texts: dict[str, str] = {}
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".csv", ".xml", ".txt"):
            texts[str(path.relative_to(site))] = path.read_text("utf-8", "replace")
        elif path.suffix == ".pdf":
            texts[str(path.relative_to(site))] = " ".join(
                pg.extract_text() or "" for pg in PdfReader(path).pages
            )
    assert any(k.endswith(".pdf") for k in texts) and any("search_index" in k for k in texts)
    leaks = []
    for name, text in texts.items():
        for n in figures:
            for pat in _patterns(n):
                if re.search(rf"(?<![\d.,]){re.escape(pat)}(?![\d])", text):
                    leaks.append((name, pat))
    assert leaks == []
    assert not (site / "export" / "salary.csv").exists()
    page = (site / "positions" / "client-manager" / "index.html").read_text("utf-8")
    assert 'class="jd-salary"' not in page and "₽" not in page
    assert "2026-04-01" in page and "Moscow tier" not in page  # when it changed, not what the commit said
