"""Hostile texts inside the size limits: validation and the HTML build against a normal project.

    .venv/bin/python benchmarks/hostile.py

Ten texts of the sales manager are replaced by 4 000 characters each of the patterns that made inline
Markdown slow (`[` repeated, `*a`, `[a](`, `**_`, `![`, backticks, `\\[`), all of which the validator
accepts; each build runs in its own process (benchmarks/run_build.py), without PDFs. Writes
benchmarks/hostile.md.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PATTERNS = ["[", "*a", "[a](", "**_", "![", "`", "\\[", "[", "*a", "[a]("]
LIMIT = 4000


def project(dest: Path, hostile: bool) -> Path:
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(
        ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("positions", "compare", "status")
    )
    shutil.copytree(ROOT / "positions", dest / "positions")
    if hostile:
        path = dest / "positions" / "sales-manager.yml"
        data = yaml.safe_load(path.read_text("utf-8"))
        items = [c for g in data["duties"] for c in g.get("items", []) if "text" in c]
        for item, pattern in zip(items, PATTERNS, strict=False):
            text = ("x " + pattern * LIMIT)[: LIMIT - 1] + "x"
            item["text"] = {lang: text for lang in ("ru", "bg", "he", "az")}
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    subprocess.run(["git", "init", "-q"], cwd=dest, check=True)
    return dest


def timed(cmd: list[str], cwd: Path, **env: str) -> float:
    start = time.perf_counter()
    run = subprocess.run(
        cmd,
        cwd=cwd,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env),
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    return time.perf_counter() - start


def main() -> None:
    work = HERE / "out" / "hostile"
    rows = []
    for hostile in (False, True):
        p = project(work / ("hostile" if hostile else "normal"), hostile)
        validate = min(timed([sys.executable, "-m", "jobdesc.cli", "validate"], p) for _ in range(3))
        build = min(
            json.loads(
                subprocess.run(
                    [sys.executable, str(HERE / "run_build.py"), str(p / "mkdocs.yml"), str(p / "site")],
                    cwd=p,
                    env=dict(os.environ, NO_MKDOCS_2_WARNING="1", JOBDESC_PDF="0"),
                    capture_output=True,
                    text=True,
                    check=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )["seconds"]
            for _ in range(3)
        )
        rows.append((hostile, validate, build))
    (_, v0, b0), (_, v1, b1) = rows
    text = (
        "# Hostile texts inside the size limits\n\n"
        "Command: `.venv/bin/python benchmarks/hostile.py` (best of 3, each its own process, no PDFs).\n\n"
        "| project | validate s | HTML build s |\n|---|---|---|\n"
        f"| the five positions | {v0:.2f} | {b0:.2f} |\n"
        f"| ten texts of {LIMIT} hostile characters | {v1:.2f} | {b1:.2f} |\n"
        f"| ratio | {v1 / v0:.2f} | {b1 / b0:.2f} |\n\n"
        "Target: within 2x of the normal project. Before the inline parser was replaced (Python-Markdown), "
        "the same ten texts took the build from 41 s to 334 s.\n"
    )
    (HERE / "hostile.md").write_text(text, "utf-8")
    print(text)


if __name__ == "__main__":
    main()
