"""The languages built in two processes (the default on a machine with two cores or more).

The parallel build must make exactly the site the one-process build makes, keep every language's own
search index, 404 page and the sitemap of all languages, and fail when the other process fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import build_site, copy_project

pytestmark = pytest.mark.build
MULTICORE = len(os.sched_getaffinity(0)) > 1


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not MULTICORE, reason="the parallel build needs two cores")
def test_parallel_and_sequential_builds_make_the_same_site(tmp_path: Path) -> None:
    one = build_site(copy_project(tmp_path / "one"), JOBDESC_PDF="0", JOBDESC_PARALLEL="0")
    two = build_site(copy_project(tmp_path / "two"), JOBDESC_PDF="0")
    a, b = _tree(one), _tree(two)
    assert sorted(a) == sorted(b)
    differ = [name for name in a if a[name] != b[name]]
    assert differ == []
    # and the per-language files are each language's own
    for lang in ("bg", "he", "az"):
        assert f"{lang}/search/search_index.json" in b
        assert f'lang="{lang}"' in b[f"{lang}/404.html"].decode("utf-8")
    sitemap = b["sitemap.xml"].decode("utf-8")
    for lang in ("bg", "he", "az"):
        assert f"<loc>http://intranet.local/jobs/{lang}/positions/sales-manager/</loc>" in sitemap
    assert "<loc>http://intranet.local/jobs/positions/sales-manager/</loc>" in sitemap
    assert sitemap.count("<url>") == len(set(sitemap.split("<loc>")[1:]))  # every page once


@pytest.mark.skipif(not MULTICORE, reason="the parallel build needs two cores")
def test_a_failure_in_the_other_process_fails_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A broken link on the Azerbaijani HR page (built by the second process) stops a strict build."""
    from mkdocs.exceptions import Abort, PluginError

    project = copy_project(tmp_path / "p")
    hr = project / "docs" / "hr.az.md"
    hr.write_text(hr.read_text("utf-8") + "\n[broken](no-such-page.md)\n", "utf-8")
    with pytest.raises((Abort, PluginError)):
        build_site(project, JOBDESC_PDF="0")
    # the parent names the languages and passes on the other process's own message
    assert "building the he, az pages failed" in caplog.text
    assert "no-such-page.md" in caplog.text
    assert "hr.az.md" in caplog.text
