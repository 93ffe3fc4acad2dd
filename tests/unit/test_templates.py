"""The page templates are package data (`jobdesc/templates/pages/`); a site may replace one by name from
a folder of its own (the plugin's `templates_dir`), and the rest still come from the package."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jobdesc.core.validate import load_handbook
from jobdesc.views import render, site
from tests.conftest import ROOT

pytestmark = pytest.mark.unit


def test_the_templates_ship_inside_the_package() -> None:
    assert render.TEMPLATES.parent == ROOT / "plugins" / "jobdesc"
    assert (render.PAGE_TEMPLATES / "position.html.j2").is_file()
    assert (render.PRINT_TEMPLATES / "jobdesc.typ").is_file()
    assert sorted(p.name for p in (render.PRINT_TEMPLATES / "fonts").glob("*.ttf"))
    assert not (ROOT / "overrides" / "jobdesc").exists() and not (ROOT / "overrides" / "print").exists()


def test_a_site_replaces_one_template_by_name(tmp_path: Path) -> None:
    hb = load_handbook(ROOT / "positions")
    opts = site.SiteOptions(pdf=False, languages=("ru",))
    own = tmp_path / "templates"
    own.mkdir()
    shutil.copy(render.PAGE_TEMPLATES / "status.html.j2", own / "status.html.j2")
    text = (own / "status.html.j2").read_text("utf-8")
    (own / "status.html.j2").write_text("<p>OWN-STATUS-PAGE</p>\n" + text, "utf-8")
    plain = site.pages(hb, None, opts)
    mine = site.pages(hb, own, opts)
    assert plain.keys() == mine.keys()
    changed = {rel for rel in plain if plain[rel].body != mine[rel].body}
    assert changed and all("OWN-STATUS-PAGE" in mine[rel].body for rel in changed)
    assert all(rel.startswith("status/") for rel in changed)  # the positions still use the package's
