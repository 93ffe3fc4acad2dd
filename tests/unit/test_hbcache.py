"""The validated handbook on disk: read back only for exactly the same inputs, never with problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jobdesc.core import hbcache
from jobdesc.core.errors import ValidationFailed
from jobdesc.core.validate import load_handbook

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.unit


@pytest.fixture
def positions(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "positions", tmp_path / "positions"))


def test_the_same_files_read_back_and_equal(positions: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = hbcache.load(positions, cache, require_translations=True)
    stored = list(cache.glob("handbook-*.pickle"))
    assert len(stored) == 1
    assert hbcache.load(positions, cache, require_translations=True) == first == load_handbook(positions)


def test_an_edit_an_option_or_new_code_is_another_key(positions: Path, tmp_path: Path) -> None:
    key = hbcache.key(positions, require_translations=True)
    assert hbcache.key(positions, require_translations=False) != key
    path = positions / "sales-manager.yml"
    path.write_text(path.read_text("utf-8").replace("ru: ", "ru:  ", 1), "utf-8")
    assert hbcache.key(positions, require_translations=True) != key
    edited = hbcache.load(positions, tmp_path / "cache", require_translations=True)
    assert edited == load_handbook(positions)


def test_problems_are_never_stored(positions: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    hbcache.load(positions, cache)
    path = positions / "sales-manager.yml"
    path.write_text(path.read_text("utf-8").replace("family: ", "family: no-such-", 1), "utf-8")
    for _ in range(2):  # the second time too: read afresh, refused again
        with pytest.raises(ValidationFailed):
            hbcache.load(positions, cache)
    assert len(list(cache.glob("handbook-*.pickle"))) == 1  # the good one of before


def test_a_damaged_cache_file_is_ignored(positions: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    good = hbcache.load(positions, cache)
    (stored,) = cache.glob("handbook-*.pickle")
    stored.write_bytes(b"not a pickle")
    assert hbcache.load(positions, cache) == good
