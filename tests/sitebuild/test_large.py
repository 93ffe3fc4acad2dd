"""A larger synthetic catalogue (the benchmark's generator): comparison pages split by family."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site, copy_project, git_commit
from tests.htmlscan import table_cells

pytestmark = pytest.mark.build
sys.path.insert(0, str(ROOT / "benchmarks"))


def test_thirty_positions_compare_per_family(tmp_path: Path) -> None:
    import synth

    project = copy_project(tmp_path / "p")
    ids = synth.make_catalogue(35, project)
    git_commit(project, "synthetic", "2026-05-01T00:00:00")
    site = build_site(project, JOBDESC_PDF="0")
    index = (site / "he" / "compare" / "index.html").read_text("utf-8")
    families = re.findall(r'<a href="([a-z0-9-]+)/">', index)
    assert families == ["sales", "service", "family-000", "family-001", "family-002"]
    seen = []
    for fam in families:
        html = (site / "he" / "compare" / fam / "index.html").read_text("utf-8")
        header = table_cells(html, "jd-matrix")[0]
        assert 1 < len(header) <= 13
        seen += re.findall(r'href="\.\./\.\./positions/([a-z0-9-]+)/"', html)
        for pid in set(re.findall(r'href="\.\./\.\./positions/([a-z0-9-]+)/"', html)):
            assert (site / "he" / "positions" / pid / "index.html").exists()
    assert set(seen) == set(ids)
