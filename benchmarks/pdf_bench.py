"""CPU per PDF, and the cold build with and without PDFs, on synthetic catalogues (same run, same machine).

    .venv/bin/python benchmarks/pdf_bench.py --sizes 10 100          # writes benchmarks/pdf_results.md
    .venv/bin/python benchmarks/pdf_bench.py --sizes 10 100 1000

For every N: a cold build without PDFs (JOBDESC_PDF=0) and a cold build with PDFs (empty PDF cache),
each in its own process; CPU is user + system time of that process and every worker it waited for.
"CPU per PDF (build)" is the difference of the two builds over the number of PDFs. "CPU per position
PDF (render)" times the typst rendering of every position PDF of one language in one process, no pool
(what one document costs, without the catalogue). The catalogue PDFs are included in the build figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench  # noqa: E402

PY = sys.executable


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed_build(config: Path, site: Path, **env: str) -> dict[str, float]:
    cpu = _children_cpu()
    start = time.perf_counter()
    out = bench.run_build(config, site, **env)
    return {"wall": time.perf_counter() - start, "cpu": _children_cpu() - cpu, "maxrss_mb": out["maxrss_mb"]}


RENDER = r"""
import json, sys, time
from pathlib import Path
from jobdesc.outputs import pdf
from jobdesc.core.validate import load_handbook
from jobdesc.views.render import PRINT_TEMPLATES
work, lang = Path(sys.argv[1]), sys.argv[2]
hb = load_handbook(work / "positions")
opts = pdf.PdfOptions(templates=PRINT_TEMPLATES, cache_dir=work / ".cache" / "x")
jobs = [j for j in pdf.plan(hb, work / "s", [lang], opts) if not j.catalogue]
tpl = str(opts.templates.resolve())
pdf.render_bytes(pdf.document_data(hb, jobs[0], opts), tpl)  # fonts loaded once, as in a worker
cpu, data_cpu = time.process_time(), 0.0
for j in jobs:
    t = time.process_time()
    data = pdf.document_data(hb, j, opts)
    data_cpu += time.process_time() - t
    pdf.render_bytes(data, tpl)
print(json.dumps({"n": len(jobs), "cpu": time.process_time() - cpu, "data_cpu": data_cpu}))
"""


def render_cpu(work: Path, lang: str) -> dict[str, float]:
    out = subprocess.run([PY, "-c", RENDER, str(work), lang], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def measure(n: int) -> dict[str, Any]:
    work, _ids = bench.prepare(n)
    cfg = work / "mkdocs.yml"
    cache = work / ".cache" / "pdf"
    shutil.rmtree(work / "site", ignore_errors=True)
    html = timed_build(cfg, work / "site", JOBDESC_PDF="0")
    shutil.rmtree(work / "site", ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    with_pdf = timed_build(cfg, work / "site")
    pdfs = len(list((work / "site" / "pdf").glob("*.pdf")))
    row: dict[str, Any] = {"n": n, "pdfs": pdfs, "html": html, "with_pdf": with_pdf}
    row["cpu_per_pdf_build"] = (with_pdf["cpu"] - html["cpu"]) / pdfs
    row["render"] = {lang: render_cpu(work, lang) for lang in ("ru", "he")}
    cat = work / "site" / "pdf" / "catalogue.ru.pdf"
    row["catalogue_mb"] = cat.stat().st_size / 2**20
    print(json.dumps(row), flush=True)
    return row


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", type=int, nargs="+", default=[10, 100])
    args = p.parse_args()
    rows = [measure(n) for n in args.sizes]
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
        f"Command: `.venv/bin/python benchmarks/pdf_bench.py --sizes {' '.join(map(str, args.sizes))}`.",
        "",
        "| N | PDFs | cold build without PDFs: wall s / CPU s | cold build with PDFs: wall s / CPU s | "
        "CPU per PDF (build) s | CPU per position PDF (render, ru / he) s | peak MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ru, he = r["render"]["ru"], r["render"]["he"]
        lines.append(
            f"| {r['n']} | {r['pdfs']} | {r['html']['wall']:.1f} / {r['html']['cpu']:.1f} | "
            f"{r['with_pdf']['wall']:.1f} / {r['with_pdf']['cpu']:.1f} | {r['cpu_per_pdf_build']:.3f} | "
            f"{ru['cpu'] / ru['n']:.3f} / {he['cpu'] / he['n']:.3f} | {r['with_pdf']['maxrss_mb']:.0f} |"
        )
    (HERE / "pdf_results.md").write_text("\n".join(lines) + "\n", "utf-8")
    (HERE / "pdf_results.json").write_text(json.dumps(rows, indent=1) + "\n", "utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
