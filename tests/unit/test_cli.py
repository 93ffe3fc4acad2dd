"""The `jobdesc` command: exit codes, output formats, scaffolding."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jobdesc.cli import main

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "positions", tmp_path / "positions")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def break_file(workdir: Path) -> None:
    path = workdir / "positions" / "sales-manager.yml"
    text = path.read_text("utf-8").replace("category: specialist", "category: boss", 1)
    path.write_text(text, "utf-8")


def test_valid_exits_0(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("OK: 5 positions valid")


def test_invalid_exits_1_with_plain_lines(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_file(workdir)
    assert main(["validate"]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("positions/sales-manager.yml:")
    assert ": category: `boss` is not allowed here." in out[0]


def test_github_and_json_formats(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_file(workdir)
    assert main(["validate", "--format", "github"]) == 1
    line = capsys.readouterr().out.strip()
    assert line.startswith("::error file=positions/sales-manager.yml,line=")
    assert ",col=" in line and "title=category::" in line
    assert main(["validate", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data[0]["file"] == "positions/sales-manager.yml" and data[0]["path"] == "category"
    assert isinstance(data[0]["line"], int) and data[0]["line"] > 1


def test_single_file_argument_reports_only_that_file(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    break_file(workdir)
    assert main(["validate", "positions/client-manager.yml"]) == 0
    assert main(["validate", "positions/sales-manager.yml"]) == 1


def test_usage_errors_exit_2(workdir: Path) -> None:
    assert main(["validate", "no-such-folder"]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["validate", "--format", "xml"]) == 2


def test_new_scaffold_is_named_by_the_validator(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "regional-sales-manager"]) == 0
    capsys.readouterr()
    assert main(["validate"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out and all(line.startswith("positions/regional-sales-manager.yml:") for line in out)
    assert any("title.he: must not be empty" in line for line in out)
    assert main(["new", "regional-sales-manager"]) == 2
    assert main(["new", "Bad Slug"]) == 2
    assert main(["new", "../escape"]) == 2


def test_console_script_never_shows_a_traceback(workdir: Path) -> None:
    (workdir / "positions" / "sales-manager.yml").write_bytes(b"id: [\xff\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    run = subprocess.run(
        [sys.executable, "-m", "jobdesc.cli", "validate"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "positions/sales-manager.yml:1:6: the file is not UTF-8 text" in run.stdout
