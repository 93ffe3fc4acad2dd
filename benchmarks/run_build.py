"""Run one build in this process and print wall time and peak memory as JSON (for bench.py).

    run_build.py mkdocs.yml SITE             # a plain MkDocs build, in this process
    run_build.py --jobdesc mkdocs.yml SITE   # `jobdesc build`: one `mkdocs build` per language

Peak memory is the largest sum, over time, of the resident memory of this process and every process it
started (sampled every 50 ms from /proc): the language builds of `jobdesc build` and the PDF workers
run at the same time, so the largest single process would understate it.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants."""
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            parent[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * PAGE
        except (OSError, ValueError, IndexError):
            continue
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss.get(pid, 0)
        todo.extend(p for p, pp in parent.items() if pp == pid)
    return total


def main() -> None:
    args = sys.argv[1:]
    jobdesc = args[:1] == ["--jobdesc"]
    config_file, site_dir = args[-2], args[-1]
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], tree_rss(os.getpid()))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    if jobdesc:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
        from jobdesc.cli import build as jbuild

        if jbuild.build(Path(config_file), Path(site_dir)) != 0:
            raise SystemExit("jobdesc build failed")
    else:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        cfg = load_config(config_file, site_dir=site_dir, strict=False)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    # Not this process's own ru_maxrss: Linux keeps it across fork and exec, so it starts at the peak of
    # whoever started this process (bench.py, after loading 1000 positions for the baseline pages, holds
    # 1.2 GB, which the N = 1000 no-change rebuild of 3 December reported as its own peak). The sampled
    # tree includes this process; a child's ru_maxrss starts at this process's small size when it forks.
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    mb = {"tree_mb": peak[0] / 2**20, "largest_child_mb": children / 2**20}
    print(json.dumps({"seconds": seconds, "maxrss_mb": max(mb.values()), **mb}))


if __name__ == "__main__":
    main()
