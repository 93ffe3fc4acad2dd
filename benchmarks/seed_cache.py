"""Warm the PDF cache of a large synthetic catalogue without rendering every PDF (for bench.py).

Rendering all 4000 PDFs of N = 1000 costs about 80 CPU minutes (0.6 s of wall time per PDF on two
cores, measured at N = 10 and 100), more than the benchmark's time budget. What the no-change and
one-change rebuilds measure is the cache path: keying every document, finding it, copying it into the
site, and merging a catalogue PDF from its members. So this script renders, for real, one position PDF
per language and the contents page of each catalogue, stores the position PDF under the key of every
position of that language (so every member file is a real multi-page PDF), and merges the catalogues
exactly as a cold build does. It prints, as JSON, the seconds spent rendering and merging.

    python benchmarks/seed_cache.py benchmarks/out/1000/mkdocs.yml benchmarks/out/1000/site
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def main() -> None:
    from mkdocs.config import load_config

    from jobdesc import pdf

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    cfg = load_config(sys.argv[1], site_dir=sys.argv[2], strict=False)
    cfg.plugins.on_startup(command="build", dirty=False)
    cfg = cfg.plugins.on_config(cfg)
    plugin = cfg.plugins["jobdesc"]
    hb = plugin.handbook
    opts = plugin.pdf_options(cfg)
    i18n = cfg.plugins.get("i18n")
    langs = list(i18n.build_languages) if i18n is not None else ["ru"]
    jobs = pdf.plan(hb, Path(cfg.site_dir), langs, opts)
    opts.cache_dir.mkdir(parents=True, exist_ok=True)
    base = str(opts.templates.resolve())
    render = merge = 0.0
    for lang in langs:
        mine = [j for j in jobs if j.lang == lang]
        positions = [j for j in mine if not j.members]
        catalogue = next(j for j in mine if j.members)
        model = positions[0]
        start = time.perf_counter()
        first = opts.cache_dir / f"{model.key}.pdf"
        pdf.render_one(pdf.job_html(hb, model, opts), base, model.key, str(first))
        contents = opts.cache_dir / f"{catalogue.key}.contents.pdf"
        pdf.render_one(pdf.job_html(hb, catalogue, opts), base, catalogue.key, str(contents))
        render += time.perf_counter() - start
        for j in positions[1:]:
            shutil.copyfile(first, opts.cache_dir / f"{j.key}.pdf")
        start = time.perf_counter()
        pdf.merge_catalogue(catalogue, opts, contents, opts.cache_dir / f"{catalogue.key}.pdf")
        merge += time.perf_counter() - start
        contents.unlink()
    print(json.dumps({"documents": len(jobs), "render_seconds": render, "merge_seconds": merge}))


if __name__ == "__main__":
    main()
