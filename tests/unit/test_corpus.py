"""The corpus of broken position files (tests/corpus/): each gives exactly the messages in its
`.expected` file (an empty file: it must load). Run with JOBDESC_WRITE_EXPECTED=1 to write them anew,
then review the diff: the messages are what HR reads."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from jobdesc.core import switches
from jobdesc.core.errors import ValidationFailed
from jobdesc.core.validate import load_handbook

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.yml"))


def run(tmp_path: Path, source: Path) -> list[str]:
    pos = tmp_path / "positions"
    pos.mkdir()
    shutil.copy(ROOT / "positions" / "_catalogue.yml", pos / "_catalogue.yml")
    shutil.copy(source, pos / "demo.yml")
    try:
        load_handbook(pos)
    except ValidationFailed as exc:
        return [str(p) for p in exc.problems]
    return []


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 50
    assert sum(1 for c in CORPUS if c.with_suffix(".expected").read_text("utf-8").strip()) >= 50


@pytest.mark.parametrize("source", CORPUS, ids=[c.stem for c in CORPUS])
def test_broken_file_gives_its_exact_messages(tmp_path: Path, source: Path) -> None:
    start = time.perf_counter()
    got = run(tmp_path, source)
    assert time.perf_counter() - start < 2, "validation must stay fast, even for hostile files"
    expected_file = source.with_suffix(".expected")
    if switches.switch("JOBDESC_WRITE_EXPECTED"):  # `0` writes nothing; an unknown value is an error
        expected_file.write_text("".join(f"{line}\n" for line in got), "utf-8")
    expected = expected_file.read_text("utf-8").splitlines()
    assert got == expected
    for line in got:
        assert line.startswith("positions/demo.yml:"), line
        assert "Traceback" not in line
