"""Live preview: how long a saved YAML edit takes to show in the browser's page (issue 18).

Starts `mkdocs serve` on a copy of the project (N = 5 positions, PDFs off), with one language
(JOBDESC_PREVIEW=he, what `make serve LANG=he` does) and with all four, saves an edit of a position's
title and polls the served page until the new title is there: the time from the save to the page a
reloading browser would get. Then saves a broken file and times the preview's error page.

    .venv/bin/python benchmarks/preview.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import copy_project  # noqa: E402


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return str(r.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, needle: str, limit: float = 60.0) -> float:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if needle in _get(url):
            return time.monotonic() - start
        time.sleep(0.05)
    raise TimeoutError(f"{needle!r} did not appear at {url} within {limit} s")


def serve(project: Path, preview: str | None) -> tuple[subprocess.Popen[bytes], str]:
    port = _port()
    env = dict(os.environ, JOBDESC_PDF="0")
    env.pop("JOBDESC_PREVIEW", None)
    if preview:
        env["JOBDESC_PREVIEW"] = preview
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return proc, f"http://127.0.0.1:{port}/jobs/"


def measure(preview: str | None, rounds: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "p")
        lang = preview or "he"
        page = ("" if preview or lang == "ru" else f"{lang}/") + "positions/sales-manager/"
        proc, base = serve(project, preview)
        try:
            _wait_for(base + page, "מנהל מכירות", 120)
            path = project / "positions" / "sales-manager.yml"
            original = path.read_text("utf-8")
            times = []
            for i in range(rounds):
                title = f"מנהל מכירות {i + 2}"
                path.write_text(original.replace("  he: מנהל מכירות\n", f"  he: {title}\n", 1), "utf-8")
                times.append(_wait_for(base + page, f'<h1 id="top">{title}'))
                time.sleep(0.5)
            path.write_text(original.replace("  he: מנהל מכירות\n", '  he: "מנהל מכירות\n', 1), "utf-8")
            error = _wait_for(base + page, "jd-build-errors")
            return {"preview": preview or "all four", "edits": times, "error_page": error}
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(10)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    for preview in ("he", None):
        r = measure(preview, args.rounds)
        edits = r["edits"]
        assert isinstance(edits, list)
        print(
            f"{r['preview']:>9}: edit shown after median {statistics.median(edits):.2f} s "
            f"(max {max(edits):.2f} s, {len(edits)} edits); error page after {r['error_page']:.2f} s"
        )


if __name__ == "__main__":
    main()
