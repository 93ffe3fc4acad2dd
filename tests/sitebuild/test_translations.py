"""Translation workflow: outdated translations from the record (`_translations.yml`), missing ones shown
with a notice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jobdesc.cli import main
from jobdesc.core.status import translation_status
from tests.conftest import build_site, copy_project, git_commit

pytestmark = pytest.mark.build


def test_changing_a_russian_text_makes_its_translations_outdated(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    before = {s.position: s for s in translation_status(project / "positions")}
    assert all(not any(s.outdated.values()) for s in before.values())
    path = project / "positions" / "sales-manager.yml"
    text = path.read_text("utf-8")
    assert "  ru: Менеджер по продажам\n" in text
    path.write_text(
        text.replace("  ru: Менеджер по продажам\n", "  ru: Менеджер по оптовым продажам\n", 1), "utf-8"
    )
    # the record says which Russian text was checked: an edit counts at once, committed or not
    now = {s.position: s for s in translation_status(project / "positions")}
    assert now["sales-manager"].outdated == {"ru": [], "bg": ["title"], "he": ["title"], "az": ["title"]}
    git_commit(project, "Rename the sales manager", "2026-04-01T10:00:00")
    st = {s.position: s for s in translation_status(project / "positions")}
    assert st["sales-manager"].outdated["he"] == ["title"]
    assert not any(st["client-manager"].outdated.values())
    # translating it again is not enough: the translator says the text was checked, for one language
    text = path.read_text("utf-8").replace("  he: מנהל מכירות\n", "  he: מנהל מכירות סיטונאיות\n", 1)
    path.write_text(text, "utf-8")
    assert main(["confirm", str(path), "--lang", "he"]) == 0
    st = {s.position: s for s in translation_status(project / "positions")}
    assert st["sales-manager"].outdated == {"ru": [], "bg": ["title"], "he": [], "az": ["title"]}
    # one field of one file
    assert main(["confirm", str(path), "--field", "title"]) == 0
    st = {s.position: s for s in translation_status(project / "positions")}
    assert not any(st["sales-manager"].outdated.values())


def test_reordering_clauses_keeps_their_state(tmp_path: Path) -> None:
    """Texts are recorded by their ids, not their places: moving a clause changes nothing."""
    project = copy_project(tmp_path / "p")
    path = project / "positions" / "sales-manager.yml"
    doc = path.read_text("utf-8")
    start = doc.index("    - id: reporting-alternatives\n")
    middle = doc.index("    - id: absence-replacement\n")
    end = doc.index("  guided_by:\n")
    path.write_text(doc[:start] + doc[middle:end] + doc[start:middle] + doc[end:], "utf-8")
    assert all(not any(s.outdated.values()) for s in translation_status(project / "positions"))


def test_status_command_table_and_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "p")
    monkeypatch.chdir(project)
    assert main(["status", "--check"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^sales-manager\s+source\s+ok\s+ok\s+ok", out, re.M)
    assert "100.0%" in out
    path = project / "positions" / "sales-manager.yml"
    path.write_text(path.read_text("utf-8").replace("  az: Satış meneceri\n", "", 1), "utf-8")
    assert main(["status", "--check", "--details"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^sales-manager\s+source\s+ok\s+ok\s+1 missing", out, re.M)
    assert "positions/sales-manager.yml: title.az: missing" in out


def test_missing_translation_shows_the_russian_text_marked_and_a_notice(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    cfg = project / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text("utf-8").replace("require_translations: true", "require_translations: false"), "utf-8"
    )
    path = project / "positions" / "sales-manager.yml"
    path.write_text(path.read_text("utf-8").replace("  he: מנהל מכירות\n", "", 1), "utf-8")
    site = build_site(project, JOBDESC_PDF="0")
    html = (site / "he" / "positions" / "sales-manager" / "index.html").read_text("utf-8")
    assert 'class="jd-notice"' in html
    assert '<span class="jd-fallback" lang="ru" dir="ltr">Менеджер по продажам</span>' in html
    other = (site / "he" / "positions" / "client-manager" / "index.html").read_text("utf-8")
    assert 'class="jd-notice"' not in other
    status = (site / "he" / "status" / "index.html").read_text("utf-8")
    assert "חסר תרגום: 1" in status


def test_the_build_refuses_missing_translations_by_default(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    project = copy_project(tmp_path / "p")
    path = project / "positions" / "sales-manager.yml"
    path.write_text(path.read_text("utf-8").replace("  he: מנהל מכירות\n", "", 1), "utf-8")
    with pytest.raises(Abort):
        build_site(project, JOBDESC_PDF="0")
    assert (
        "positions/sales-manager.yml:16:3: title.he: the Hebrew translation (`he:`) is missing" in caplog.text
    )
    assert not (project / "site" / "index.html").exists()


def test_failed_build_leaves_the_previous_site_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "p")
    monkeypatch.chdir(project)
    monkeypatch.setenv("JOBDESC_PDF", "0")
    assert main(["build"]) == 0
    index = project / "site" / "positions" / "sales-manager" / "index.html"
    before = index.read_bytes()
    path = project / "positions" / "sales-manager.yml"
    path.write_text(path.read_text("utf-8").replace("category: specialist", "category: boss", 1), "utf-8")
    assert main(["build"]) == 1
    assert index.read_bytes() == before
    assert not (project / ".site.new").exists()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == [".site.builds"]
    site = project / "site"
    assert [b.resolve() for b in (project / ".site.builds").iterdir()] == [site.resolve()]
