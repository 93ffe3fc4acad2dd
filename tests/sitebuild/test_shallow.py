"""A shallow clone (what most CI checks out): the commit where history is cut did not add every file,
which must not invent a change; translation state does not depend on it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from jobdesc.core.history import folder_history
from jobdesc.core.status import translation_status
from tests.conftest import build_site, copy_project, git_commit

pytestmark = pytest.mark.build


def shallow_clone(tmp_path: Path) -> tuple[Path, Path]:
    project = copy_project(tmp_path / "full")
    path = project / "positions" / "sales-manager.yml"
    path.write_text(path.read_text("utf-8") + "\n# reviewed\n", "utf-8")
    git_commit(project, "Review the sales manager", "2026-05-01T10:00:00")
    (project / "README.txt").write_text("no position here\n", "utf-8")
    git_commit(project, "Tip commit touching no position", "2026-06-01T10:00:00")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{project}", str(clone)],
        check=True,
        capture_output=True,
    )
    return project, clone


def test_history_of_a_shallow_clone_shows_no_invented_change(tmp_path: Path) -> None:
    project, clone = shallow_clone(tmp_path)
    full = folder_history(project / "positions")
    assert not full.shallow
    assert [c.summary for c in full.of("sales-manager.yml")] == [
        "Review the sales manager",
        "Import positions",
    ]
    cut = folder_history(clone / "positions")
    assert cut.shallow
    assert cut.of("sales-manager.yml") == ()  # the tip commit touched no position: it is not their history
    assert all(not v for v in cut.changes.values())


def test_translation_status_of_a_shallow_clone_is_known_from_the_record(tmp_path: Path) -> None:
    """Whether a translation is current is data in the repository (`_translations.yml`), not history:
    a shallow clone knows it as well as a full one."""
    project, clone = shallow_clone(tmp_path)
    rows = translation_status(clone / "positions", clone)
    assert rows == translation_status(project / "positions", project)
    site = build_site(clone, JOBDESC_PDF="0")
    page = (site / "status" / "index.html").read_text("utf-8")
    assert "Переводы полны и актуальны" in page and "jd-status-ok" in page
    pos = (site / "positions" / "sales-manager" / "index.html").read_text("utf-8")
    assert "Tip commit touching no position" not in pos
