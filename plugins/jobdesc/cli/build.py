"""`jobdesc build`: build the site into a fresh folder, then switch to it with one atomic rename.

`site/` is a symbolic link to a complete build in `.site.builds/<id>/`. A build writes a new folder there;
only when MkDocs succeeded and the folder is complete does a new link replace `site` (`rename(2)` of a link
over a link is atomic). Whatever fails, at whatever step (the build, a full disk, a crash between two
steps), `site` names a complete site: the old one or the new one. Leftovers (unfinished builds, links
not yet renamed, the folder a real `site/` was moved to) are removed by the next build.

Serve the site through the link (`root /srv/jobdesc/site/;` follows it); a reader in the middle of a
page load during a switch gets the old site's files, which stay until the next build.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from ..core.messages import M, add_lang_option, choose, say
from ..core.model import DEFAULT_LANG, LANGS
from ..outputs import postbuild


class BuildFailed(Exception):
    """A build that did not produce a site; the message is one line for the person who ran it."""


def _builds(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.builds")


def _current(site_dir: Path) -> Path | None:
    """The build folder `site` links to, if it is such a link."""
    if not site_dir.is_symlink():
        return None
    target = Path(os.readlink(site_dir))
    return (site_dir.parent / target).resolve() if not target.is_absolute() else target.resolve()


def clean_leftovers(site_dir: Path) -> None:
    """Remove what an earlier build left: builds `site` does not link to, temporary links, and the
    `.site.old` / `.site.new` folders of the previous version of this command."""
    builds = _builds(site_dir)
    if not site_dir.exists() and not site_dir.is_symlink() and builds.is_dir():
        # `site` is gone (a crash in the middle of the one-time move below): link the newest complete build
        complete = [b for b in builds.iterdir() if (b / "index.html").is_file()]
        if complete:
            newest = max(complete, key=lambda b: b.stat().st_mtime)
            os.symlink(os.path.relpath(newest, site_dir.parent), site_dir)
    keep = _current(site_dir)
    if builds.is_dir():
        for entry in builds.iterdir():
            if keep is None or entry.resolve() != keep:
                _remove(entry)
    for entry in site_dir.parent.glob(f".{site_dir.name}.link-*"):
        _remove(entry)
    for name in (f".{site_dir.name}.new", f".{site_dir.name}.old"):
        legacy = site_dir.with_name(name)
        if legacy.exists() or legacy.is_symlink():
            if not site_dir.exists() and not site_dir.is_symlink() and name.endswith(".old"):
                legacy.rename(site_dir)  # the old command crashed between its two renames: restore
            else:
                _remove(legacy)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def switch_to(site_dir: Path, new: Path) -> None:
    """Make `site_dir` a link to `new` in one atomic step (after a one-time move of a real folder)."""
    link = site_dir.with_name(f".{site_dir.name}.link-{os.getpid()}")
    _remove(link)
    os.symlink(os.path.relpath(new, site_dir.parent), link)
    if site_dir.exists() and not site_dir.is_symlink():
        if not site_dir.is_dir():
            link.unlink()
            raise BuildFailed(M("build.site-is-a-file", path=str(site_dir)))
        # a real folder from an older version or from `mkdocs build`: move it into the builds folder
        # first (it stays complete there), then put the link in its place
        moved = _builds(site_dir) / f"previous-{time.time_ns()}"
        site_dir.rename(moved)
        try:
            os.replace(link, site_dir)
        except BaseException:
            moved.rename(site_dir)
            raise
        return
    os.replace(link, site_dir)


def build(config: Path, site_dir: Path, strict: bool = True, ui: str = "en", jobs: int | None = None) -> int:
    try:
        return _build(config, site_dir, strict, ui, jobs)
    except BuildFailed as exc:
        print(f"jobdesc: {say(M('build.failed', why=exc.args[0], site=site_dir.name), ui)}", file=sys.stderr)
        return 1
    except OSError as exc:
        why = f"{exc.filename or site_dir}: {exc.strerror or exc}"
        print(f"jobdesc: {say(M('build.failed', why=why, site=site_dir.name), ui)}", file=sys.stderr)
        return 1


def _site_url(config: Path) -> str:
    """The site's address from mkdocs.yml (for the sitemaps), read by MkDocs' own `load_config`; "" when
    mkdocs.yml cannot be read (the language builds say why)."""
    from mkdocs.config import load_config

    try:
        return str(load_config(str(config)).site_url or "")
    except Exception:
        return ""


def _child_env() -> dict[str, str]:
    """The environment of the processes `jobdesc build` starts: the whole site, never a preview."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("JOBDESC_PREVIEW", None)
    return env


def _prepare(config: Path) -> subprocess.Popen[str]:
    """Validate the positions once, in a process of its own (`jobdesc.mkdocs.prepare`), which stores the
    result where the language builds read it; its memory is given back before two language builds run
    side by side. Returns once that process holds the cache's lock (its first line of output), so the
    language builds can start meanwhile: they wait for the lock when they want the positions. Errors are
    not reported here: the language builds then validate and report them."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "jobdesc.mkdocs.prepare", str(config)],
        env=_child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # the lock is held (or the process has ended: then nothing is held)
    return proc


def _run_languages(
    config: Path, parts: dict[str, Path], strict: bool, jobs: int
) -> dict[str, subprocess.CompletedProcess[str]]:
    """One `mkdocs build` per language (JOBDESC_LANGUAGE), at most `jobs` at a time, the default language
    first (it also makes the site-wide exports and PDFs). Each reads the validated positions from
    `.cache/jobdesc/` (`_prepare`), waiting for them if they are still being validated. The first failure
    stops the others, and its messages are shown."""
    env = _child_env()
    procs: dict[str, subprocess.Popen[str]] = {}
    lock = threading.Lock()
    stopping = threading.Event()

    def run(lang: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(parts[lang])]
        if strict:
            cmd.append("--strict")
        with lock:
            if stopping.is_set():
                return subprocess.CompletedProcess(cmd, -1, "", "")
            proc = procs[lang] = subprocess.Popen(
                cmd,
                env=dict(env, JOBDESC_LANGUAGE=lang),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        out, _ = proc.communicate()
        return subprocess.CompletedProcess(cmd, proc.returncode, out, "")

    done: dict[str, subprocess.CompletedProcess[str]] = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(run, lang): lang for lang in parts}
        try:
            for future in as_completed(futures):
                lang = futures[future]
                done[lang] = result = future.result()
                if result.returncode != 0:
                    print(result.stdout, end="", file=sys.stderr)
                    raise BuildFailed(M("build.language-failed", lang=lang))
        except BaseException:
            with lock:
                stopping.set()
                for proc in procs.values():
                    if proc.poll() is None:
                        proc.kill()
            raise
    return done


def _share_theme_files(site: Path) -> None:
    """Each language's build copies the theme's files (`assets/`, 2.6 MB); a file the same as the
    default language's becomes a hard link to it, so the site takes the room of one copy."""
    import filecmp

    for lang in LANGS:
        if lang == DEFAULT_LANG or not (site / lang / "assets").is_dir():
            continue
        for path in (site / lang / "assets").rglob("*"):
            shared = site / path.relative_to(site / lang)
            if (
                path.is_file()
                and not path.is_symlink()
                and shared.is_file()
                and not path.samefile(shared)
                and filecmp.cmp(path, shared, shallow=False)
            ):
                temp = path.with_name(f".{path.name}.link")
                temp.unlink(missing_ok=True)
                os.link(shared, temp)
                os.rename(temp, path)  # atomic, and over the file


def _sitemaps(site: Path, site_url: str) -> None:
    """Each language's sitemap with every page's versions in the other languages, and the root's of
    the whole site (Material's language selector and search engines read them)."""
    found = {lang: (site if lang == DEFAULT_LANG else site / lang) / "sitemap.xml" for lang in LANGS}
    maps = {lang: path.read_text("utf-8") for lang, path in found.items() if path.is_file()}
    if not maps or not site_url:
        return
    site_url = site_url.rstrip("/") + "/"
    roots = {lang: site_url + ("" if lang == DEFAULT_LANG else f"{lang}/") for lang in maps}
    own, every = postbuild.site_sitemaps(maps, roots)
    for lang, text in own.items():
        if lang != DEFAULT_LANG:
            postbuild.write_language_files(site / lang, {"sitemap.xml": text})
    postbuild.write_language_files(site, {"sitemap.xml": every})


def _build(config: Path, site_dir: Path, strict: bool, ui: str = "en", jobs: int | None = None) -> int:
    site_dir = Path(os.path.abspath(site_dir))
    clean_leftovers(site_dir)
    builds = _builds(site_dir)
    if builds.exists() and not builds.is_dir():
        raise BuildFailed(M("build.builds-is-a-file", path=str(builds)))
    builds.mkdir(parents=True, exist_ok=True)
    new = builds / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    # each language is a site of its own, in its own folder; the default language's is the site's root
    parts = {lang: new if lang == DEFAULT_LANG else new.with_name(f"{new.name}.{lang}") for lang in LANGS}
    site_url: list[str] = []  # read while the languages build
    reader = threading.Thread(target=lambda: site_url.append(_site_url(config)), daemon=True)
    try:
        reader.start()
        validating = _prepare(config)
        try:
            results = _run_languages(config, parts, strict, max(1, jobs or os.cpu_count() or 1))
        finally:
            if validating.poll() is None:  # a language failed first: it is no longer needed
                validating.kill()
            validating.communicate()
        print(results[DEFAULT_LANG].stdout, end="")
        if not (new / "index.html").is_file():
            raise BuildFailed(M("build.mkdocs-failed"))
        for lang, folder in parts.items():
            if lang == DEFAULT_LANG:
                continue
            if (new / lang).exists() or not (folder / "index.html").is_file():
                # mkdocs.yml does not hand JOBDESC_LANGUAGE to static-i18n's build_only_locale
                raise BuildFailed(M("build.languages-not-apart"))
            folder.rename(new / lang)
        _share_theme_files(new)
        reader.join()
        _sitemaps(new, site_url[0] if site_url else "")
        switch_to(site_dir, new)
    except BaseException:
        for folder in parts.values():
            _remove(folder)
        raise
    with contextlib.suppress(OSError):
        clean_leftovers(site_dir)
    built = M("build.done", site=str(site_dir), build=f"{builds.name}/{new.name}")
    print(f"jobdesc: {say(built, ui)}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    ui = choose(getattr(args, "ui_lang", None))
    config, site_dir = Path(args.config), Path(args.site_dir)
    usage = None
    parent = site_dir.absolute().parent
    if not config.is_file():
        usage = M("build.no-config", config=str(config))
    elif not parent.is_dir():
        usage = M("build.no-parent", parent=str(parent), site=str(site_dir))
    elif os.path.lexists(site_dir) and not site_dir.is_dir():
        usage = M("build.site-not-a-folder", site=str(site_dir))
    if usage is not None:
        print(f"jobdesc: {say(usage, ui)}", file=sys.stderr)
        return 2
    return build(Path(args.config), Path(args.site_dir), strict=not args.no_strict, ui=ui, jobs=args.jobs)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("build", help="build the site (with PDFs) into a new folder, then switch to it")
    p.add_argument("--config", default="mkdocs.yml")
    p.add_argument("--site-dir", default="site")
    p.add_argument("--no-strict", action="store_true")
    p.add_argument(
        "--jobs", type=int, default=None, help="languages built at the same time (default: one per core)"
    )
    add_lang_option(p)

    p.set_defaults(func=cmd_build)
