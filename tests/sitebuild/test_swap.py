"""`jobdesc build` under faults: whatever fails, `site` names a complete site, and leftovers go away.

Real builds (MkDocs in a subprocess, no PDFs), with failures injected at the one rename that switches
the site, a crash between creating the new link and renaming it, a real full disk (a small tmpfs), and
the leftovers of older versions.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobdesc.cli import build as jbuild

from ..conftest import copy_project

pytestmark = pytest.mark.build


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("JOBDESC_PDF", "0")
    yield copy_project(tmp_path / "project")


def run_build(project: Path, site: Path | None = None) -> int:
    return jbuild.build(project / "mkdocs.yml", site or project / "site")


def marker(site: Path) -> str:
    """Something that tells two builds apart: the folder the link points to."""
    return os.readlink(site)


def complete(site: Path) -> bool:
    return (site / "index.html").is_file() and (site / "positions" / "sales-manager" / "index.html").is_file()


def test_build_links_site_to_a_complete_build_and_removes_the_old_one(project: Path) -> None:
    site = project / "site"
    assert run_build(project) == 0
    assert site.is_symlink() and complete(site)
    first = marker(site)
    assert run_build(project) == 0
    assert marker(site) != first and complete(site)
    builds = list((project / ".site.builds").iterdir())
    assert [b.name for b in builds] == [Path(marker(site)).name]  # the old build is gone


def test_failed_switch_keeps_the_old_site(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = project / "site"
    assert run_build(project) == 0
    before = marker(site)

    def full_disk(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(jbuild.os, "replace", full_disk)
    assert run_build(project) == 1
    err = capsys.readouterr().err
    assert f"{site}: No space left on device; site/ was left as it was" in err
    assert "Traceback" not in err
    assert marker(site) == before and complete(site)
    assert len(list((project / ".site.builds").iterdir())) == 1  # the unfinished build was removed


def test_crash_between_link_and_rename_then_next_build_cleans_up(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = project / "site"
    assert run_build(project) == 0
    before = marker(site)
    real_replace = os.replace

    def crash(src: object, dst: object) -> None:
        raise KeyboardInterrupt  # the process dies here: nothing after this line runs

    monkeypatch.setattr(jbuild.os, "replace", crash)
    monkeypatch.setattr(jbuild, "_remove", lambda path: None)  # a dead process cleans nothing up
    with pytest.raises(KeyboardInterrupt):
        run_build(project)
    assert marker(site) == before and complete(site)
    assert list(project.glob(".site.link-*"))  # the leftover of the crash
    assert len(list((project / ".site.builds").iterdir())) == 2
    monkeypatch.setattr(jbuild.os, "replace", real_replace)
    monkeypatch.undo()
    monkeypatch.setenv("JOBDESC_PDF", "0")
    assert run_build(project) == 0
    assert not list(project.glob(".site.link-*"))
    assert [b.name for b in (project / ".site.builds").iterdir()] == [Path(marker(site)).name]


def test_a_real_site_folder_is_moved_aside_and_restored_on_failure(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("old site", "utf-8")

    def fail(src: object, dst: object) -> None:
        raise OSError(errno.EIO, "Input/output error", str(dst))

    monkeypatch.setattr(jbuild.os, "replace", fail)
    assert run_build(project) == 1
    assert not site.is_symlink() and (site / "index.html").read_text("utf-8") == "old site"
    monkeypatch.undo()
    monkeypatch.setenv("JOBDESC_PDF", "0")
    assert run_build(project) == 0
    assert site.is_symlink() and complete(site)


def test_the_old_commands_half_done_swap_is_repaired(project: Path) -> None:
    """The previous version renamed site/ to .site.old/ and then .site.new/ to site/: a crash between the
    two left no site/ at all. The next build puts the old site back before it starts."""
    old = project / ".site.old"
    old.mkdir()
    (old / "index.html").write_text("old site", "utf-8")
    (project / ".site.new").mkdir()
    jbuild.clean_leftovers(project / "site")
    assert (project / "site" / "index.html").read_text("utf-8") == "old site"
    assert not old.exists() and not (project / ".site.new").exists()


def test_a_file_where_the_site_should_be(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "site").write_text("not a folder", "utf-8")
    assert run_build(project) == 1
    err = capsys.readouterr().err
    assert "is a file, not the site folder" in err and "Traceback" not in err
    assert (project / "site").read_text("utf-8") == "not a folder"


def test_a_full_disk_during_the_build_keeps_the_old_site(
    project: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A real full disk: the site folder on a tmpfs with room for one site, not two."""
    disk = tmp_path / "disk"
    disk.mkdir()
    # one site without PDFs is about 6 MB; while it is built, each language has its own copy of the
    # theme's files (2.6 MB; hard links to one copy once the site is put together): about 14 MB
    size = 16 * 1024 * 1024
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)], check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        site = disk / "site"
        assert run_build(project, site) == 0
        before = marker(site)
        assert run_build(project, site) == 1
        out = capfd.readouterr()
        assert "site/ was left as it was" in out.err
        assert marker(site) == before and complete(site)
        assert len(list((disk / ".site.builds").iterdir())) == 1
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
