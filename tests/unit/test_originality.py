"""The positions are written anew: no run of eight words is taken from the seed articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jobdesc.model import LANGS
from jobdesc.validate import load_handbook

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
WINDOW = 8


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def shingles(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + WINDOW]) for i in range(len(w) - WINDOW + 1)}


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed articles (shared/seeds) are not beside this checkout"
)
def test_no_sentence_is_copied_from_the_seeds() -> None:
    seed = set()
    for path in SEEDS.glob("*.txt"):
        seed |= shingles(path.read_text("utf-8", "replace"))
    assert len(seed) > 10_000
    hb = load_handbook(ROOT / "positions")
    copied = []
    for pos in hb.positions:
        texts = [c.text for c in pos.all_duties() + pos.rights + pos.responsibility + pos.kpis]
        texts += [c.text for c in pos.qualification.knowledge + pos.qualification.skills]
        texts += [pos.summary, pos.title]
        for text in texts:
            for lang in LANGS:
                hit = shingles(text.get(lang)) & seed
                if hit:
                    copied.append((pos.id, lang, " ".join(next(iter(hit)))))
    assert copied == []
