"""The command line never shows a traceback: broken pipes, full disks, missing folders, unexpected errors;
and `jobdesc new` makes a stub that validates once its texts are written."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jobdesc import cli
from jobdesc.cli import main

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
COMMAND = [sys.executable, "-m", "jobdesc.cli"]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "positions", tmp_path / "positions")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def many_problems(workdir: Path, n: int = 400) -> None:
    """A position with `n` empty duties: thousands of lines of output, more than a pipe holds."""
    path = workdir / "positions" / "sales-manager.yml"
    text = path.read_text("utf-8")
    duties = "".join(f'  - id: d{i}\n    text: {{ru: "", bg: "", he: "", az: ""}}\n' for i in range(n))
    path.write_text(text.replace("duties:\n", "duties:\n" + duties, 1), "utf-8")


def no_traceback(text: str) -> None:
    for word in ("Traceback", "Exception ignored", "BrokenPipeError", "OSError", "Error:"):
        assert word not in text, text


def test_broken_pipe_through_head_exits_quietly(workdir: Path) -> None:
    many_problems(workdir)
    shell = f"{' '.join(COMMAND)} validate | head -1; echo rc=${{PIPESTATUS[0]}}"
    run = subprocess.run(
        ["bash", "-c", shell], cwd=workdir, capture_output=True, text=True, env=ENV, timeout=120, check=False
    )
    lines = run.stdout.splitlines()
    assert lines[0].startswith("positions/sales-manager.yml:") and lines[-1] == "rc=1"
    assert len(lines) == 2
    assert run.stderr == ""


def test_a_reader_that_closes_the_pipe_gets_a_quiet_exit(workdir: Path) -> None:
    many_problems(workdir)
    for fmt in ("text", "json", "github"):
        with subprocess.Popen(  # closes both pipes at the end
            [*COMMAND, "validate", "--format", fmt],
            cwd=workdir,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=ENV,
        ) as proc:
            assert proc.stdout is not None and proc.stderr is not None
            proc.stdout.read(10)
            proc.stdout.close()  # the reader goes away with the output half written
            err = proc.stderr.read().decode()
            assert proc.wait(timeout=120) == 1
        assert err == "", (fmt, err)


@pytest.mark.parametrize("args", [["validate"], ["validate", "--format", "json"], ["status", "--details"]])
def test_writing_to_a_full_disk_is_one_line(workdir: Path, args: list[str]) -> None:
    many_problems(workdir, 200)
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [*COMMAND, *args],
            cwd=workdir,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
            timeout=120,
        )
    assert run.stderr == "jobdesc: cannot write the output (/dev/full): No space left on device\n"
    assert run.returncode == 1


def test_a_small_output_to_a_full_disk_is_one_line_too(workdir: Path) -> None:
    """`OK: ...` fits in the buffer: the error comes only when it is flushed at the end."""
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [*COMMAND, "validate"],
            cwd=workdir,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
            timeout=120,
        )
    assert run.stderr == "jobdesc: cannot write the output (/dev/full): No space left on device\n"
    assert run.returncode == 1


def test_an_os_error_names_its_path(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*args: object, **kw: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "positions/sales-manager.yml")

    monkeypatch.setattr(cli, "load_handbook", refuse)
    assert main(["validate"]) == 1
    out = capsys.readouterr()
    assert out.err == "jobdesc: positions/sales-manager.yml: Permission denied\n" and out.out == ""


def test_an_unexpected_error_is_one_line(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(*args: object, **kw: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "load_handbook", boom)
    assert main(["validate"]) == 1
    assert capsys.readouterr().err == "jobdesc: unexpected error (RuntimeError: boom); please report it\n"


def test_an_unreadable_position_file_is_named(workdir: Path) -> None:
    """A real I/O error while reading (EISDIR from a folder swapped in after the listing is the same path):
    a folder named like a position file."""
    (workdir / "positions" / "x.yml").mkdir()
    run = subprocess.run(
        [*COMMAND, "validate"], cwd=workdir, capture_output=True, text=True, env=ENV, timeout=120
    )
    assert run.returncode == 1
    assert run.stdout.splitlines() == ["positions/x.yml:0:0: is a folder, not a file"]
    no_traceback(run.stderr)


def test_help_into_a_closed_pipe_is_quiet(workdir: Path) -> None:
    shell = f"{' '.join(COMMAND)} validate --help | head -c 1 >/dev/null; echo rc=${{PIPESTATUS[0]}}"
    run = subprocess.run(
        ["bash", "-c", shell], cwd=workdir, capture_output=True, text=True, env=ENV, timeout=60, check=False
    )
    assert run.stderr == ""
    assert re.fullmatch(r"rc=[012]\n", run.stdout)


# --------------------------------------------------------------------------------------------------
# Usage errors with the path named


def test_new_into_a_missing_folder(workdir: Path) -> None:
    run = subprocess.run(
        [*COMMAND, "new", "x", "--dir", "/missing"],
        cwd=workdir,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
    )
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == "jobdesc: /missing does not exist: give the positions folder with --dir\n"
    assert not Path("/missing").exists()


def test_new_into_a_file(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "afile").write_text("", "utf-8")
    assert main(["new", "x", "--dir", "afile"]) == 2
    assert capsys.readouterr().err == "jobdesc: afile is not a folder: give the positions folder with --dir\n"


def test_new_never_writes_through_a_link(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = workdir / "elsewhere.txt"
    (workdir / "positions" / "x.yml").symlink_to(target)  # dangling: a plain open() would create the target
    assert main(["new", "x"]) == 2
    assert capsys.readouterr().err == "jobdesc: positions/x.yml exists already\n"
    assert not target.exists()
    (workdir / "positions" / "y.yaml").write_text("", "utf-8")
    assert main(["new", "y"]) == 2
    assert capsys.readouterr().err == "jobdesc: positions/y.yaml exists already\n"


def test_new_refuses_reserved_ids_and_unknown_families(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "index"]) == 2
    assert capsys.readouterr().err.startswith("jobdesc: `index` is reserved: the site uses it")
    assert main(["new", "x", "--family", "nope"]) == 2
    assert (
        capsys.readouterr().err
        == "jobdesc: there is no family `nope` in the catalogue; known: sales, service\n"
    )
    assert not (workdir / "positions" / "x.yml").exists()


def test_status_and_build_name_a_missing_folder_or_config(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--dir", "nowhere"]) == 2
    assert (
        capsys.readouterr().err == "jobdesc: nowhere: no such folder (give the positions folder with --dir)\n"
    )
    assert main(["build", "--config", "nowhere.yml"]) == 2
    assert (
        capsys.readouterr().err
        == "jobdesc: nowhere.yml: no such configuration file (give it with --config)\n"
    )
    (workdir / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    (workdir / "site").write_text("", "utf-8")
    assert main(["build"]) == 2
    assert (
        capsys.readouterr().err == "jobdesc: site is not a folder: move it away or give another --site-dir\n"
    )
    assert main(["build", "--site-dir", "no/such/dir/site"]) == 2
    assert capsys.readouterr().err.endswith("/no/such/dir: no such folder for --site-dir no/such/dir/site\n")


# --------------------------------------------------------------------------------------------------
# `jobdesc new`: a stub that validates once filled in (issue 18)


def fill(path: Path) -> None:
    text = path.read_text("utf-8")
    for lang in ("ru", "bg", "he", "az"):
        text = text.replace(f'{lang}: ""', f'{lang}: "Текст {lang}"')
    path.write_text(text, "utf-8")


def test_the_filled_stub_validates(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "regional-sales-manager"]) == 0
    capsys.readouterr()
    path = workdir / "positions" / "regional-sales-manager.yml"
    assert main(["validate", str(path.relative_to(workdir))]) == 1
    out = capsys.readouterr().out
    assert "salary" not in out  # no figures, so no source is asked for
    assert all(": must not be empty" in line for line in out.splitlines())
    fill(path)
    assert main(["validate", "positions/regional-sales-manager.yml"]) == 0
    out = capsys.readouterr().out.splitlines()
    # valid; its translations are new, so validate says they wait for a translator's confirmation
    assert out[-1] == "OK: 1 file valid in 4 languages."
    assert out[0].startswith("positions/regional-sales-manager.yml:")
    assert all(
        "warning: these translations have not been confirmed yet: `bg`, `he`, `az`" in line
        for line in out[:-2]
    )
    assert main(["confirm", "positions/regional-sales-manager.yml"]) == 0
    capsys.readouterr()
    assert main(["validate", "positions/regional-sales-manager.yml"]) == 0
    assert capsys.readouterr().out == "OK: 1 file valid in 4 languages.\n"
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "OK: 6 positions valid in 4 languages.\n"


def test_the_stub_takes_its_references_from_the_catalogue(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another company's catalogue: other families, roles and shared clauses."""
    cat = workdir / "positions" / "_catalogue.yml"
    text = cat.read_text("utf-8")
    text = text.replace("  - id: service\n", "  - id: it\n", 1)
    for old, new in (
        ("guided-charter", "guided-statute"),
        ("right-request-information", "right-ask"),
        ("general-director", "ceo"),
    ):
        text = text.replace(f"id: {old}\n", f"id: {new}\n")
    cat.write_text(text.replace("reports_to: general-director", "reports_to: ceo"), "utf-8")
    for path in (workdir / "positions").glob("[!_]*.yml"):
        path.unlink()  # the company's own positions would refer to the old ids
    assert main(["new", "it-engineer", "--family", "it"]) == 0
    capsys.readouterr()
    stub = (workdir / "positions" / "it-engineer.yml").read_text("utf-8")
    assert "family: it\n" in stub and "appointed_by: ceo" in stub
    assert "guided-charter" not in stub and "right-request-information" not in stub
    fill(workdir / "positions" / "it-engineer.yml")
    assert main(["validate", "positions/it-engineer.yml"]) == 0, capsys.readouterr().out
