"""Shared fixtures: a copy of the project in a temporary folder, built for real with MkDocs."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# the messages' language follows the locale: the tests read English unless a test asks for another
for _var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"
if os.environ.get("COMPAT_BUILDER") == "properdocs":  # scripts/compat.sh: the site tests on ProperDocs
    import properdocs.replacement  # noqa: F401  (every later `mkdocs.*` import is ProperDocs')


def copy_project(dest: Path, positions: Path | None = None) -> Path:
    """The project's site sources (not its generated pages) copied to `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(
        ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("positions", "compare", "status")
    )
    shutil.copytree(positions or ROOT / "positions", dest / "positions")
    git_commit(dest, "Import positions", "2026-03-01T10:00:00")
    return dest


def git_commit(repo: Path, message: str, date: str) -> None:
    """Commit everything in `repo` (a git repository is made on first use), at a fixed date."""
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="HR",
        GIT_AUTHOR_EMAIL="hr@example.invalid",
        GIT_COMMITTER_NAME="HR",
        GIT_COMMITTER_EMAIL="hr@example.invalid",
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
    )
    if not (repo / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, check=True, env=env)


def build_site(project: Path, **env: str) -> Path:
    """Build `project` in-process, as `mkdocs build --strict` does; returns the site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        cfg = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return project / "site"


def publish_site(project: Path, **env: str) -> Path:
    """Build `project` as `make site` does (`jobdesc build`: one `mkdocs build` per language, put
    together, then `site` switched to it); returns the site folder. On ProperDocs (scripts/compat.sh)
    the whole site is built in one process instead, by ProperDocs itself."""
    if os.environ.get("COMPAT_BUILDER") == "properdocs":
        return build_site(project, **env)
    from jobdesc.cli import build as jbuild

    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        code = jbuild.build(project / "mkdocs.yml", project / "site")
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert code == 0, "jobdesc build failed"
    return project / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built once per test session as it is published (`jobdesc build`), without PDFs
    (the PDF tests build their own)."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    return publish_site(project, JOBDESC_PDF="0")


@pytest.fixture
def project_factory(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    def make(positions: Path | None = None) -> Path:
        return copy_project(tmp_path / "project", positions)

    yield make
