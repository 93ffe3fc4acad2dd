"""The content of positions/: complete in four languages, faithful to the seed figures, no placeholders."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from jobdesc.core.model import LANGS
from jobdesc.core.validate import load_handbook

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
POSITIONS = ROOT / "positions"
FILES = sorted(p for p in POSITIONS.glob("*.yml") if p.name != "_translations.yml")  # the record, not text


def texts(data: Any, path: str = "") -> list[tuple[str, dict[str, str]]]:
    out = []
    if isinstance(data, dict):
        if "ru" in data and set(data) <= set(LANGS):
            return [(path, data)]
        for k, v in data.items():
            out += texts(v, f"{path}.{k}")
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += texts(v, f"{path}[{i}]")
    return out


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_every_text_in_all_four_languages(path: Path) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    found = texts(data)
    assert found
    for where, text in found:
        assert set(text) == set(LANGS), (where, sorted(text))
        assert all(v.strip() for v in text.values()), where


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_no_placeholders_or_web_junk(path: Path) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    for where, text in texts(data):
        for lang, value in text.items():
            assert not re.search(r"\[|_{3}|XXX|ХХХ|\.\.\.\.|https?://|www\.", value), (where, lang, value)


def test_azerbaijani_uses_its_own_letters_and_hebrew_is_hebrew() -> None:
    hb = load_handbook(POSITIONS)
    for pos in hb.positions:
        az = " ".join(c.text.get("az") for c in pos.all_duties())
        assert re.search("[əğışçöü]", az), pos.id
        he = " ".join(c.text.get("he") for c in pos.all_duties())
        assert len(re.findall("[\u0590-\u05ff]", he)) > 0.6 * len(re.findall(r"\w", he)), pos.id


def test_job_titles_are_correct() -> None:
    hb = load_handbook(POSITIONS)
    kam = hb.position("key-account-manager")
    assert kam is not None
    for lang in LANGS:
        t = kam.title.get(lang).lower()
        assert "бухгалт" not in t and "mühasib" not in t and "hesab" not in t and "חשבונ" not in t, t


# Seed 004 (Bulgarian), lines 315-361: account manager pay, thousands of roubles, by tier and city.
SEED_GRID = {
    "tier-1": {
        "moscow": (25000, 30000),
        "saint-petersburg": (20000, 23000),
        "yekaterinburg": (15000, 20000),
        "nizhny-novgorod": (12000, 15000),
    },
    "tier-2": {
        "moscow": (None, 40000),
        "saint-petersburg": (None, 30000),
        "yekaterinburg": (None, 25000),
        "nizhny-novgorod": (None, 20000),
    },
    "tier-3": {
        "moscow": (None, 60000),
        "saint-petersburg": (None, 47000),
        "yekaterinburg": (None, 38000),
        "nizhny-novgorod": (None, 28000),
    },
    "tier-4": {
        "moscow": (120000, 120000),
        "saint-petersburg": (95000, 95000),
        "yekaterinburg": (75000, 75000),
        "nizhny-novgorod": (55000, 55000),
    },
}


def test_client_manager_salary_grid_matches_the_seed() -> None:
    hb = load_handbook(POSITIONS)
    pos = hb.position("client-manager")
    assert pos is not None and pos.salary is not None
    assert pos.salary.currency == "RUB"
    grid = {t.id: {b.city: (b.min, b.max) for b in t.bands} for t in pos.salary.tiers}
    assert grid == SEED_GRID
    assert sum(len(v) for v in grid.values()) == 16


def test_key_account_manager_has_the_lead_tier_and_service_manager_the_45000() -> None:
    hb = load_handbook(POSITIONS)
    kam = hb.position("key-account-manager")
    assert kam is not None and kam.salary is not None
    assert {b.city: (b.min, b.max) for b in kam.salary.tiers[0].bands} == SEED_GRID["tier-4"]
    svc = hb.position("service-manager")
    assert svc is not None and svc.salary is not None
    assert [(b.city, b.min, b.max) for t in svc.salary.tiers for b in t.bands] == [(None, 45000, None)]
    for pid in ("sales-manager", "after-sales-service-manager"):
        p = hb.position(pid)
        assert p is not None and p.salary is not None and p.salary.tiers == ()  # the seeds give no figure


def test_sections_are_as_complete_as_the_sources() -> None:
    hb = load_handbook(POSITIONS)
    after = hb.position("after-sales-service-manager")
    kam = hb.position("key-account-manager")
    assert after is not None and kam is not None
    assert len(after.all_duties()) >= 16
    assert len(after.rights) >= 10
    assert len(kam.all_duties()) >= 23
    assert kam.kpis
    shared = {c.id for p in hb.positions for c in p.rights + p.responsibility if c.shared}
    assert {
        "right-request-information",
        "right-propose-improvements",
        "right-sign-within-competence",
        "liability-duties",
        "liability-offences",
        "liability-damage",
    } <= shared


# Words that mark a note about the sources rather than a statement of the job (issue 20).
EDITORIAL = re.compile(
    r"\bseeds?\b|исходн\w* (материал|текст)|материал 004|\b00[0-4]\b|источник|изходен|източни"
    r"|מקור|על דעת העורכים|mənbə|\bL\d+",
    re.IGNORECASE,
)


def printed_texts(data: Any) -> list[tuple[str, str, str]]:
    """Every language string of a file except the `sources` list, which is documented as not printed."""
    data = {k: v for k, v in data.items() if k != "sources"}
    return [(where, lang, value) for where, text in texts(data) for lang, value in text.items()]


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_no_editorial_or_provenance_note_in_a_printed_field(path: Path) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    found = [(w, lang, v) for w, lang, v in printed_texts(data) if EDITORIAL.search(v)]
    assert found == []


def test_the_editorial_check_finds_the_notes_of_issue_20() -> None:
    for note in (
        "Статья о профессии сервис-менеджера (seed 003, строки 217–354).",
        "Статья о работе менеджера по продажам (исходный материал 004).",
        "Источники не описывают конкретного карьерного пути.",
        "הסכומים מוצגים כהכנסה חודשית על דעת העורכים.",
        "Mənbə dövrü və ili göstərmədən orta gəliri verir.",
    ):
        assert EDITORIAL.search(note), note


def test_facts_as_the_sources_give_them() -> None:
    hb = load_handbook(POSITIONS)
    cm, svc, kam = (hb.position(p) for p in ("client-manager", "service-manager", "key-account-manager"))
    assert cm is not None and svc is not None and kam is not None
    # seed 003 lines 632, 652, 654: the branch director proposes, is the superior and names the substitute
    assert cm.general.on_proposal_of == "branch-director" and cm.general.reports_to == ("branch-director",)
    assert "директор филиала" in next(
        c for c in cm.general.provisions if c.id == "absence-replacement"
    ).text.get("ru")
    assert svc.category == "specialist"  # seed 003 line 221: a specialist of the company
    assert not [c for p in hb.positions for c in p.rights if c.id == "right-involve-specialists"]
    plan = next(c for c in kam.responsibility if c.id == "liability-plan-failure")
    assert "material" not in plan.liability  # a cut bonus is not material liability
    assert {
        "know-purchasing-sales-decisions",
        "propose-sales-improvements",
        "request-information-from-units",
    } <= {c.id for c in kam.rights}
    knowledge = {c.id for c in cm.qualification.knowledge}
    assert {"know-finance-basics", "know-personnel-work", "know-staff-assessment"} <= knowledge
    assert {"know-production-technology", "know-innovation-investment"} <= knowledge
    assert {"liability-official-documents", "liability-damage-to-others"} <= {c.id for c in cm.responsibility}
    tier4 = next(t for t in cm.salary.tiers if t.id == "tier-4") if cm.salary else None
    assert tier4 is not None and tier4.conditions is not None
    for lang in LANGS:
        assert not re.search("крупнейш|най-големи|ən iri|הגדולים ביותר", tier4.conditions.get(lang)), lang
