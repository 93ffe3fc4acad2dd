"""Benchmark: the jobdesc build against plain MkDocs + Material + static-i18n on the same pages.

    .venv/bin/python benchmarks/bench.py     # N = 10, 100, 1000; writes benchmarks/results.md (+ .json)
    .venv/bin/python benchmarks/bench.py --sizes 10 100 --runs 3 --pdf-max 100

For every N it makes a synthetic catalogue (benchmarks/synth.py) in a git repository under
benchmarks/out/N and times, each as its own process (median of --runs):
  cold_pdf     cold build with PDFs (empty cache)             -- only for N <= --pdf-max
  html         `jobdesc build` without PDFs (JOBDESC_PDF=0), nothing cached: validation, then one
               `mkdocs build` per language, side by side
  html_1proc   with --one-process: a plain `mkdocs build` of the whole site, every language in one process
  baseline     plain MkDocs + Material + static-i18n building the same pages as pre-written Markdown
  nochange     rebuild with PDFs, nothing changed (warm cache)
  one_change   rebuild with PDFs after changing one position (counts the PDFs rendered)
and the peak memory (the largest sum of the resident memory of the build and every process it started).
The rebuilds are `jobdesc build` too, as `make site` runs them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import synth  # noqa: E402
import yaml  # noqa: E402

PY = sys.executable
NAV_MAX_ENTRIES = 60  # the plugin's default `nav_max_entries`


def run_build(config: Path, site: Path, jobdesc: bool = False, **env: str) -> dict[str, float]:
    """One build as its own process: `jobdesc build` (what `make site` runs) or a plain `mkdocs build`."""
    e = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env)
    out = subprocess.run(
        [PY, str(HERE / "run_build.py"), *(["--jobdesc"] if jobdesc else []), str(config), str(site)],
        capture_output=True,
        text=True,
        env=e,
        cwd=config.parent,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"build failed for {config}:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def git(repo: Path, *args: str) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="bench",
        GIT_AUTHOR_EMAIL="bench@example.invalid",
        GIT_COMMITTER_NAME="bench",
        GIT_COMMITTER_EMAIL="bench@example.invalid",
        GIT_AUTHOR_DATE="2026-01-01T00:00:00",
        GIT_COMMITTER_DATE="2026-01-01T00:00:00",
    )
    subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)


def prepare(n: int) -> tuple[Path, list[str]]:
    work = HERE / "out" / str(n)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", work / "overrides")
    shutil.copytree(
        ROOT / "docs", work / "docs", ignore=shutil.ignore_patterns("positions", "compare", "status")
    )
    ids = synth.make_catalogue(n, work)
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "synthetic catalogue")
    return work, ids


def baseline_project(work: Path, n: int) -> Path:
    """The same pages as plain Markdown files, built by MkDocs + Material + static-i18n alone, with the
    nav a team would write by hand for them: the same sections as the plugin makes (catalogue as the
    section index, a sub-section per family), so both builds render the same navigation."""
    base = HERE / "out" / f"{n}-baseline"
    shutil.rmtree(base, ignore_errors=True)
    shutil.copytree(work / "docs", base / "docs")
    shutil.copytree(work / "overrides", base / "overrides")
    write_baseline_pages(work, base / "docs")
    text = (work / "mkdocs.yml").read_text("utf-8")
    text = re.sub(r"\n  - jobdesc:\n(?:      .*\n|        .*\n|          .*\n)+", "\n", text)
    load = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    cat = yaml.load((work / "positions" / "_catalogue.yml").read_text("utf-8"), Loader=load)
    members: dict[str, list[str]] = {}
    for path in sorted((work / "positions").glob("*.yml")):
        if not path.name.startswith("_"):
            pos = yaml.load(path.read_text("utf-8"), Loader=load)
            members.setdefault(pos["family"], []).append(pos["id"])
    if len(members) + max(map(len, members.values())) > NAV_MAX_ENTRIES:
        nav = "  - positions/index.md\n"  # as the plugin does for a large catalogue: no family in the sidebar
    else:
        nav = "  - Каталог должностей:\n      - positions/index.md\n"
        for fam in sorted(cat["families"], key=lambda f: (f.get("order", 0), f["id"])):
            if fam["id"] in members:
                nav += f"      - {json.dumps(fam['title']['ru'], ensure_ascii=False)}:\n"
                nav += "".join(f"          - positions/{pid}.md\n" for pid in members[fam["id"]])
    text = text.replace("  - positions/index.md\n", nav)
    if "validation:" not in text:  # the positions outside the sidebar are meant to be: no note on each build
        text += "validation:\n  nav:\n    omitted_files: ignore\n"
    (base / "mkdocs.yml").write_text(text, "utf-8")
    return base


def write_baseline_pages(work: Path, docs: Path) -> None:
    """The generated pages as a team would write them for plain MkDocs: Markdown headings (so MkDocs
    builds the table of contents and the search sections) around the same HTML blocks the plugin draws,
    with the title in front matter. (The plugin itself hands MkDocs the HTML body and skips Markdown.)"""
    sys.path.insert(0, str(ROOT / "plugins"))
    from jobdesc.core.validate import load_handbook
    from jobdesc.views import site as jsite

    hb = load_handbook(work / "positions")
    pages = jsite.pages(hb, None, jsite.SiteOptions(pdf=False))
    heading = re.compile(r'<h([1-3]) id="([^"]+)">(.*?)<a class="headerlink"[^>]*>¶</a></h\1>')
    for rel, gen in pages.items():
        body = heading.sub(lambda m: f"\n{'#' * int(m.group(1))} {m.group(3)} {{#{m.group(2)}}}\n", gen.body)
        front = f"title: {json.dumps(gen.title, ensure_ascii=False)}\n"
        if not gen.search:
            front += "search:\n  exclude: true\n"
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{front}---\n\n{body}", "utf-8")


def seed_cache(config: Path, site: Path) -> dict[str, Any]:
    out = subprocess.run(
        [PY, str(HERE / "seed_cache.py"), str(config), str(site)],
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        cwd=config.parent,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"seeding the PDF cache failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def bench_size(
    n: int, runs: int, pdf_max: int, one_process: bool = False, html_only: bool = False
) -> dict[str, Any]:
    work, ids = prepare(n)
    cfg = work / "mkdocs.yml"
    res: dict[str, Any] = {"n": n, "pages": 4 * (n + 5)}
    kinds = ("cold_pdf", "html", "html_1proc", "baseline", "nochange", "one_change")
    times: dict[str, list[float]] = {k: [] for k in kinds}
    mem: list[float] = []
    cache = work / ".cache" / "pdf"
    for r in range(runs):
        shutil.rmtree(work / "site", ignore_errors=True)
        # every HTML run is cold: nothing validated or compiled is kept from the run before
        shutil.rmtree(work / ".cache" / "jobdesc", ignore_errors=True)
        out = run_build(cfg, work / "site", jobdesc=True, JOBDESC_PDF="0")
        times["html"].append(out["seconds"])
        mem.append(out["maxrss_mb"])
        print(f"N={n} run {r + 1}: html {out['seconds']:.1f}s", flush=True)
        if one_process:  # one plain `mkdocs build` of the whole site, every language in one process
            out = run_build(cfg, work / "site", JOBDESC_PDF="0")
            times["html_1proc"].append(out["seconds"])
            mem.append(out["maxrss_mb"])
            print(f"N={n} run {r + 1}: html in one process {out['seconds']:.1f}s", flush=True)
    base = baseline_project(work, n)
    for r in range(runs):
        out = run_build(base / "mkdocs.yml", base / "site")
        times["baseline"].append(out["seconds"])
        print(f"N={n} run {r + 1}: baseline {out['seconds']:.1f}s", flush=True)
    if html_only:  # the HTML build, the baseline, and an unchanged HTML rebuild (validated positions cached)
        out = run_build(cfg, work / "site", jobdesc=True, JOBDESC_PDF="0")
        times["nochange"].append(out["seconds"])
        mem.append(out["maxrss_mb"])
        print(f"N={n}: unchanged HTML rebuild {out['seconds']:.1f}s", flush=True)
        res.update({k: median(v) for k, v in times.items()})
        res.update(peak_mb=max(mem), runs=runs, nochange_rendered=0, one_change_rendered=None, pdfs=0)
        res["html_only"] = True
        return res
    with_pdf = n <= pdf_max
    if with_pdf:
        for r in range(runs if n < pdf_max else 1):
            shutil.rmtree(cache, ignore_errors=True)
            out = run_build(cfg, work / "site", jobdesc=True)
            times["cold_pdf"].append(out["seconds"])
            mem.append(out["maxrss_mb"])
            print(f"N={n} run {r + 1}: cold with PDFs {out['seconds']:.1f}s", flush=True)
    else:
        # Rendering every PDF would take longer than the whole benchmark may: warm the cache with real
        # PDFs under every key instead (seed_cache.py), then time the rebuilds, which is what they measure.
        shutil.rmtree(cache, ignore_errors=True)
        seeded = seed_cache(cfg, work / "site")
        res["seeded"] = seeded
        print(
            f"N={n}: PDF cache seeded ({seeded['documents']} documents, catalogue merges "
            f"{seeded['merge_seconds']:.1f}s)",
            flush=True,
        )

    def rebuild(kind: str, before_each: Any = None) -> int:
        """`runs` rebuilds with PDFs; their times under `kind`; the most PDFs any of them rendered."""
        counts = []
        for r in range(runs):
            if before_each:
                before_each(r)
            before = set(cache.glob("*.pdf"))
            out = run_build(cfg, work / "site", jobdesc=True)
            times[kind].append(out["seconds"])
            mem.append(out["maxrss_mb"])
            counts.append(len(set(cache.glob("*.pdf")) - before))
            print(f"N={n} run {r + 1}: {kind} rebuild {out['seconds']:.1f}s, {counts[-1]} PDFs", flush=True)
        return max(counts)

    res["nochange_rendered"] = rebuild("nochange")
    res["one_change_rendered"] = rebuild("one_change", lambda r: synth.touch_one(work, ids[r % len(ids)]))
    res["pdfs"] = len(list((work / "site" / "pdf").glob("*.pdf")))
    res.update({k: median(v) for k, v in times.items()})
    res["peak_mb"] = max(mem)
    res["runs"] = runs
    return res


def profile_html(n: int) -> str:
    """Where the time goes in an HTML-only build (cProfile, cumulative, top entries)."""
    work = HERE / "out" / str(n)
    prof = HERE / "out" / f"profile-{n}.prof"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", JOBDESC_PDF="0")  # all in one profile
    subprocess.run(
        [
            PY,
            "-m",
            "cProfile",
            "-o",
            str(prof),
            str(HERE / "run_build.py"),
            str(work / "mkdocs.yml"),
            str(work / "site"),
        ],
        env=env,
        cwd=work,
        check=True,
        capture_output=True,
    )
    import pstats
    from io import StringIO

    buf = StringIO()
    stats = pstats.Stats(str(prof), stream=buf)
    stats.sort_stats("cumulative").print_stats(
        r"(jobdesc|mkdocs/(structure|commands)|material|jinja2/environment|markdown/core|static_i18n)", 22
    )
    lines = [ln for ln in buf.getvalue().splitlines() if re.match(r"\s+\d", ln)]
    return "\n".join(lines)


def write_results(rows: list[dict[str, Any]], profile: str, profile_n: int, args: argparse.Namespace) -> None:
    """The measured table (the hand-written analysis lives in RESULTS.md below the generated part)."""

    def f(v: Any, digits: int = 1) -> str:
        return "–" if v is None or (isinstance(v, float) and v != v) else f"{v:.{digits}f}"

    cmd = (
        f".venv/bin/python benchmarks/bench.py --sizes {' '.join(map(str, args.sizes))} --runs {args.runs} "
        f"--large-runs {args.large_runs} --pdf-max {args.pdf_max}"
        + (" --one-process" if args.one_process else "")
        + (f" --html-only {' '.join(map(str, args.html_only))}" if args.html_only else "")
    )
    lines = [
        f"Command: `{cmd}` (median of --runs runs up to N = {args.pdf_max}, of --large-runs above; every "
        "build is its own process).",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"run on {time.strftime('%Y-%m-%d')}.",
        "",
        "| N | pages | runs | HTML build s | one process s | baseline s | ratio | cold with PDFs s | PDFs | "
        "no-change rebuild s | PDFs rendered | one-change rebuild s | PDFs rendered | peak MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ratio = r["html"] / r["baseline"] if r.get("baseline") else float("nan")
        lines.append(
            f"| {r['n']} | {r['pages']} | {r['runs']} | {f(r['html'])} | {f(r.get('html_1proc'))} | "
            f"{f(r['baseline'])} | {f(ratio, 2)} | {f(r.get('cold_pdf'))} | {r.get('pdfs', '–')} | "
            f"{f(r.get('nochange'))} | {r.get('nochange_rendered', '–')} | {f(r.get('one_change'))} | "
            f"{r.get('one_change_rendered', '–')} | {f(r['peak_mb'], 0)} |"
        )
    for r in rows:
        if r.get("html_only"):
            lines += ["", f"N = {r['n']}: HTML builds only (no PDFs); the no-change rebuild is one too."]
    seeded = [r for r in rows if r.get("seeded")]
    for r in seeded:
        lines += [
            "",
            f"N = {r['n']}: no cold build with PDFs (above --pdf-max); the cache was warmed by "
            f"benchmarks/seed_cache.py ({r['seeded']['documents']} documents; merging the "
            f"catalogue PDFs (one per language) took {r['seeded']['merge_seconds']:.1f} s).",
        ]
    if profile:
        lines += [
            "",
            f"Profile of the HTML build at N = {profile_n} in one process (cProfile, cumulative s):",
            "",
            "```",
            profile,
            "```",
        ]
    (HERE / "results.md").write_text("\n".join(lines) + "\n", "utf-8")
    (HERE / "results.json").write_text(json.dumps(rows, indent=1), "utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--pdf-max", type=int, default=100, help="largest N to render PDFs for")
    p.add_argument("--large-runs", type=int, default=1, help="runs for sizes above --pdf-max")
    p.add_argument("--one-process", action="store_true", help="also time the HTML build in one process")
    p.add_argument("--profile-n", type=int, default=100)
    p.add_argument(
        "--html-only", type=int, nargs="*", default=[], help="sizes timed without PDFs (HTML builds only)"
    )
    args = p.parse_args()
    rows = []
    for n in args.sizes:
        runs = args.runs if n <= args.pdf_max else args.large_runs
        rows.append(bench_size(n, runs, args.pdf_max, args.one_process, n in args.html_only))
        write_results(rows, "", args.profile_n, args)  # after every size: a long run keeps what it measured
    profile = profile_html(args.profile_n) if args.profile_n in args.sizes else ""
    write_results(rows, profile, args.profile_n, args)
    print((HERE / "results.md").read_text("utf-8"))


if __name__ == "__main__":
    main()
