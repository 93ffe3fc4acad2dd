"""Run one MkDocs build in this process and print wall time and peak memory as JSON (for bench.py)."""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def main() -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config_file, site_dir = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    cfg = load_config(config_file, site_dir=site_dir, strict=False)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "maxrss_mb": max(own, children) / 1024}))


if __name__ == "__main__":
    main()
