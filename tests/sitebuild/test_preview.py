"""The live preview (`make serve LANG=he`): a saved edit shows, a broken file shows its problems on the
page the reader has open (not a hung tab), and fixing it brings the page back."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import copy_project

pytestmark = pytest.mark.build


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return str(r.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, needle: str, limit: float = 60.0) -> str:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        page = _get(url)
        if needle in page:
            return page
        time.sleep(0.1)
    raise AssertionError(f"{needle!r} did not appear at {url} within {limit} s")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = copy_project(tmp_path / "p")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, JOBDESC_PDF="0", JOBDESC_PREVIEW="he")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        yield project, f"http://127.0.0.1:{port}/jobs/positions/sales-manager/"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        _out, err = proc.communicate(timeout=20)
        assert b"Traceback" not in err, err.decode("utf-8", "replace")


def test_a_broken_file_shows_its_problems_on_the_open_page(preview: tuple[Path, str]) -> None:
    project, url = preview
    page = _wait_for(url, '<h1 id="top">מנהל מכירות', 120)
    assert 'lang="he"' in page and 'dir="rtl"' in page  # only Hebrew is built, at the root
    path = project / "positions" / "sales-manager.yml"
    good = path.read_text("utf-8")
    # an edit shows
    path.write_text(good.replace("  he: מנהל מכירות\n", "  he: מנהל מכירות ראשי\n", 1), "utf-8")
    _wait_for(url, '<h1 id="top">מנהל מכירות ראשי')
    # a missing closing quote: the page the reader has open says so, in Hebrew, with file and line
    line = good.splitlines().index("  he: מנהל מכירות") + 1
    path.write_text(good.replace("  he: מנהל מכירות\n", '  he: "מנהל מכירות\n', 1), "utf-8")
    page = _wait_for(url, "jd-build-errors")
    assert "בקובצי התפקידים יש שגיאות" in page
    assert "positions/sales-manager.yml:" in page
    assert f"positions/sales-manager.yml:{line}:" in page  # where the quote opens
    assert '<h1 id="top">מנהל מכירות' in page  # the last version that built is still there below
    # fixed: the problems are gone
    path.write_text(good, "utf-8")
    page = _wait_for(url, '<h1 id="top">מנהל מכירות<a')
    assert "jd-build-errors" not in page
