"""Comparison pages at scale: the size of every comparison page body and of the pair view's data at N
positions, from the core library alone (no MkDocs build; Material adds about 40 KB of page chrome).

    .venv/bin/python benchmarks/compare_scale.py 1000
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "plugins"))

import synth  # noqa: E402

from jobdesc import compare  # noqa: E402
from jobdesc.core.validate import load_handbook  # noqa: E402
from jobdesc.views.render import environment  # noqa: E402


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        synth.make_catalogue(n, Path(tmp))
        hb = load_handbook(Path(tmp) / "positions")
    env = environment()
    start = time.perf_counter()
    pages = compare.compare_pages(env, hb, "he", True)
    files = compare.pair_files(hb, "he", True)
    seconds = time.perf_counter() - start
    sizes = sorted(((len(p.body.encode()), name) for name, p in pages.items()), reverse=True)
    data = sorted(((len(t.encode()), name) for name, t in files.items()), reverse=True)
    print(
        f"N = {n}: {len(pages)} comparison pages, {len(files)} pair data files, made in {seconds:.1f} s (he)"
    )
    print(f"largest comparison page body: {sizes[0][0] / 1024:.0f} KB ({sizes[0][1]})")
    print(f"pair page body: {len(pages['compare/pair/index'].body.encode()) / 1024:.1f} KB")
    print(f"pair index: {len(files['compare/data/index.json'].encode()) / 1024:.0f} KB")
    print(f"largest position file: {data[1][0] / 1024:.1f} KB; a pair loads index + 2 files")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
