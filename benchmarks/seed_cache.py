"""Warm the PDF cache of a large synthetic catalogue (for bench.py above --pdf-max).

With WeasyPrint, rendering all 4,004 PDFs of N = 1000 took about 80 CPU minutes, so this script used
to copy one rendered PDF under every key. typst renders a position PDF in a few hundredths of a second,
so it now renders every document for real (position PDFs and the catalogues) with `pdf.build_all`,
into the cache only. It prints, as JSON, the number of documents and the seconds and CPU seconds spent.

    python benchmarks/seed_cache.py benchmarks/out/1000/mkdocs.yml benchmarks/out/1000/site
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    from mkdocs.config import load_config

    from jobdesc.outputs import pdf

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    cfg = load_config(sys.argv[1], site_dir=sys.argv[2], strict=False)
    cfg.plugins.on_startup(command="build", dirty=False)
    cfg = cfg.plugins.on_config(cfg)
    plugin = cfg.plugins["jobdesc"]
    opts = plugin.pdf_options(cfg)
    i18n = cfg.plugins.get("i18n")
    langs = list(i18n.build_languages) if i18n is not None else ["ru"]
    start, cpu = time.perf_counter(), _cpu()
    with tempfile.TemporaryDirectory() as scratch:  # the site gets its copies in the real build
        counts = pdf.build_all(plugin.handbook, Path(scratch), langs, opts)
    out = {
        "documents": counts["total"],
        "rendered": counts["rendered"],
        "render_seconds": time.perf_counter() - start,
        "render_cpu_seconds": _cpu() - cpu,
        "merge_seconds": 0.0,  # catalogues are rendered whole by typst now, not merged
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
