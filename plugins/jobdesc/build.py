"""`jobdesc build`: build the site into a fresh folder, then swap it in, so a failed build never leaves a
half-written site behind (the previous `site/` stays untouched)."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path


def build(config: Path, site_dir: Path, strict: bool = True) -> int:
    site_dir = site_dir.resolve()
    new = site_dir.with_name(f".{site_dir.name}.new")
    old = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(new, ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(new)]
    if strict:
        cmd.append("--strict")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run(cmd, env=env, check=False)
    if run.returncode != 0 or not (new / "index.html").exists():
        shutil.rmtree(new, ignore_errors=True)
        print(f"jobdesc: the build failed; {site_dir.name}/ was left as it was", file=sys.stderr)
        return 1
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print(f"jobdesc: site built into {site_dir}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    config, site_dir = Path(args.config), Path(args.site_dir)
    if not config.is_file():
        print(f"jobdesc: {config}: no such configuration file (give it with --config)", file=sys.stderr)
        return 2
    parent = site_dir.absolute().parent
    if not parent.is_dir():
        print(f"jobdesc: {parent}: no such folder for --site-dir {site_dir}", file=sys.stderr)
        return 2
    if os.path.lexists(site_dir) and not site_dir.is_dir():
        print(
            f"jobdesc: {site_dir} is not a folder: move it away or give another --site-dir", file=sys.stderr
        )
        return 2
    return build(Path(args.config), Path(args.site_dir), strict=not args.no_strict)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("build", help="build the site (with PDFs) into a new folder, then swap it in")
    p.add_argument("--config", default="mkdocs.yml")
    p.add_argument("--site-dir", default="site")
    p.add_argument("--no-strict", action="store_true")
    p.set_defaults(func=cmd_build)
