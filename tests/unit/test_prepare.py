"""`jobdesc.mkdocs.prepare`: `jobdesc build` validates the positions once, in a process of its own, and
stores exactly what each language's build then reads (the same cache keys as the plugin's own loads)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jobdesc.core import hbcache
from jobdesc.mkdocs import prepare
from tests.conftest import copy_project

pytestmark = pytest.mark.unit


def test_the_language_builds_read_what_prepare_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "p")
    monkeypatch.chdir(project)
    assert prepare.prepare(str(project / "mkdocs.yml")) == 0
    stored = sorted(p.name.split("-")[0] for p in (project / ".cache" / "jobdesc").glob("*.pickle"))
    assert stored == ["handbook", "status"]

    from mkdocs.config import load_config

    from jobdesc.mkdocs.plugin import JobdescPlugin

    def no_second_validation(*args: object, **kwargs: object) -> None:
        raise AssertionError("validated again: the language build missed the prepared cache")

    monkeypatch.setattr(hbcache, "load_handbook", no_second_validation)
    monkeypatch.setattr(hbcache, "translation_status", no_second_validation)
    config = load_config(str(project / "mkdocs.yml"))
    plugin = next(p for p in config.plugins.values() if isinstance(p, JobdescPlugin))
    hb = plugin.load_positions(project)
    assert {p.id for p in hb.positions} >= {"sales-manager", "service-manager"}
    assert plugin._status(project)  # the translation status, from the cache too


def test_positions_with_errors_are_left_to_the_builds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    path = project / "positions" / "sales-manager.yml"
    path.write_text(path.read_text("utf-8").replace("family: sales", "family: nowhere", 1), "utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "jobdesc.mkdocs.prepare", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        cwd=project,
        check=False,
    )
    # it says only that it holds the lock: the build reports the errors
    assert (out.returncode, out.stdout, out.stderr) == (1, prepare.LOCKED + "\n", "")
    assert not list((project / ".cache" / "jobdesc").glob("handbook-*.pickle"))


def test_a_config_without_the_plugin_is_left_to_the_builds(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# x\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    assert prepare.prepare(str(tmp_path / "mkdocs.yml")) == 2
    (tmp_path / "mkdocs.yml").write_text("site_name: [\n", "utf-8")
    assert prepare.prepare(str(tmp_path / "mkdocs.yml")) == 2
