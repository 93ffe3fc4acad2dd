"""Outdated translations flagged where they are read (issue 18): an edited Russian clause, committed and
checked out as a shallow clone, is marked on the bg, he and az pages and in their PDFs, listed on the
status page and by `jobdesc validate`; `jobdesc confirm` clears it. The mkdocs.yml setting
`outdated_translations` chooses warn / notice / fail."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from jobdesc.cli import main
from jobdesc.core.translations import LOCK_FILE, read_lock, source_hash
from tests.conftest import ROOT, build_site, copy_project, git_commit

pytestmark = pytest.mark.build

OLD = "ru: на время отсутствия менеджера по продажам его права"
NEW = "ru: во время отсутствия менеджера по продажам все его права"
CLAUSE = "c-absence-replacement"
NOTICE = {
    "bg": "преводът не е сверен с текущия руски текст",
    "he": "התרגום לא נבדק מול הנוסח הרוסי הנוכחי",
    "az": "tərcümə cari rus mətni ilə tutuşdurulmayıb",
}
PDF_NOTICE = {"bg": "Документът съдържа преводи", "he": "המסמך כולל תרגומים", "az": "Sənəddə cari rus"}


def _page(site: Path, lang: str, pid: str = "sales-manager") -> str:
    prefix = "" if lang == "ru" else f"{lang}/"
    return (site / f"{prefix}positions/{pid}/index.html").read_text("utf-8")


def _clause(html: str, cid: str = CLAUSE) -> str:
    m = re.search(rf'<li id="{cid}".*?</li>', html, re.S)
    assert m, cid
    return m.group(0)


def _pdf_text(path: Path, first: int | None = None) -> str:
    args = ["pdftotext", "-layout"] + (["-f", "1", "-l", str(first)] if first else []) + [str(path), "-"]
    return " ".join(subprocess.run(args, check=True, capture_output=True, text=True).stdout.split())


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A shallow clone whose tip commit changed one Russian clause of the sales manager."""
    tmp = tmp_path_factory.mktemp("outdated")
    project = copy_project(tmp / "full")
    path = project / "positions" / "sales-manager.yml"
    text = path.read_text("utf-8")
    assert OLD in text
    path.write_text(text.replace(OLD, NEW, 1), "utf-8")
    git_commit(project, "Russian wording of the absence clause", "2026-05-01T10:00:00")
    clone = tmp / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{project}", str(clone)],
        check=True,
        capture_output=True,
    )
    return clone


@pytest.fixture(scope="module")
def edited_site(edited: Path) -> Path:
    return build_site(edited)


def test_the_edited_clause_is_marked_on_the_translated_pages_only(edited_site: Path) -> None:
    assert "jd-outdated" not in _page(edited_site, "ru")
    for lang, words in NOTICE.items():
        html = _page(edited_site, lang)
        clause = _clause(html)
        assert words in clause, lang
        # the note links to the same clause in the Russian original
        assert 'href="../../../positions/sales-manager/#c-absence-replacement" hreflang="ru"' in clause
        assert 'class="jd-notice jd-outdated-page"' in html
        # only that clause: its neighbour and the other positions are not marked
        assert "jd-outdated-note" not in _clause(html, "c-reporting-alternatives")
        assert html.count("jd-outdated-note") == 1
        assert "jd-outdated" not in _page(edited_site, lang, "client-manager")


def test_the_link_to_the_original_reaches_the_clause(edited_site: Path) -> None:
    target = edited_site / "positions" / "sales-manager" / "index.html"
    assert f'<li id="{CLAUSE}"' in target.read_text("utf-8")


def test_the_pdfs_say_so_on_their_first_page(edited_site: Path) -> None:
    pdf = edited_site / "pdf"
    assert "сверен" not in _pdf_text(pdf / "sales-manager.ru.pdf")
    assert "†" not in _pdf_text(pdf / "sales-manager.ru.pdf")
    for lang, words in PDF_NOTICE.items():
        first = _pdf_text(pdf / f"sales-manager.{lang}.pdf", first=1)
        assert words in first, lang
        assert _pdf_text(pdf / f"sales-manager.{lang}.pdf").count("†") == 2  # the notice and the clause
        assert words not in _pdf_text(pdf / f"client-manager.{lang}.pdf", first=1)


def test_the_status_page_lists_it_with_a_link_to_the_clause(edited_site: Path) -> None:
    status = (edited_site / "bg" / "status" / "index.html").read_text("utf-8")
    assert (
        'href="../positions/sales-manager/#c-absence-replacement"><code>general.provisions[2].text</code>'
        in (status)
    )
    assert "Несверени преводи" in status


def test_validate_warns_with_place_field_and_languages(
    edited: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(edited)
    rows = (edited / "positions/sales-manager.yml").read_text("utf-8").splitlines()
    line = next(i for i, row in enumerate(rows, 1) if NEW in row)
    assert main(["validate"]) == 0  # a warning, not an error
    out = capsys.readouterr()
    text = out.out + out.err
    assert f"positions/sales-manager.yml:{line + 1}:" in text  # the first outdated translation: bg, below
    assert "general.provisions[2].text" in text and "`bg`, `he`, `az`" in text


def test_confirm_clears_the_notice_and_records_only_that_text(
    edited: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "p"
    subprocess.run(["git", "clone", "-q", f"file://{edited}", str(project)], check=True, capture_output=True)
    lock = project / "positions" / LOCK_FILE
    before = lock.read_text("utf-8")
    monkeypatch.chdir(project)
    assert main(["confirm", "positions/sales-manager.yml"]) == 0
    after = lock.read_text("utf-8")
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]  # one line: the clause's record, with the hash of the new Russian text for each language
    assert len(changed) == 1 and changed[0][1].startswith("  general.provisions.absence-replacement.text:")
    data = yaml.safe_load((project / "positions/sales-manager.yml").read_text("utf-8"))
    h = source_hash(data["general"]["provisions"][1]["text"]["ru"])
    assert (
        read_lock(project / "positions")[0].recorded(
            "sales-manager.yml", "general.provisions.absence-replacement.text", "he"
        )
        == h
    )
    site = build_site(project)
    for lang in NOTICE:
        assert "jd-outdated" not in _page(site, lang)
        assert PDF_NOTICE[lang] not in _pdf_text(site / "pdf" / f"sales-manager.{lang}.pdf", first=1)


def _with_mode(project: Path, mode: str) -> None:
    cfg = project / "mkdocs.yml"
    text = cfg.read_text("utf-8")
    assert "  - jobdesc:\n" in text
    cfg.write_text(
        text.replace("  - jobdesc:\n", f"  - jobdesc:\n      outdated_translations: {mode}\n", 1), "utf-8"
    )


def test_fail_refuses_to_publish_and_names_the_text(edited: Path, tmp_path: Path) -> None:
    project = tmp_path / "p"
    subprocess.run(["git", "clone", "-q", f"file://{edited}", str(project)], check=True, capture_output=True)
    _with_mode(project, "fail")
    proc = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-m", "jobdesc.cli", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "JOBDESC_PDF": "0", "HOME": str(tmp_path)},
    )
    assert proc.returncode != 0
    assert "outdated_translations: fail" in proc.stderr + proc.stdout
    assert "positions/sales-manager.yml:" in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr
    assert not (project / "site").exists()


def test_warn_lists_but_does_not_mark(edited: Path, tmp_path: Path) -> None:
    project = tmp_path / "p"
    subprocess.run(["git", "clone", "-q", f"file://{edited}", str(project)], check=True, capture_output=True)
    _with_mode(project, "warn")
    site = build_site(project, JOBDESC_PDF="0")
    assert "jd-outdated" not in _page(site, "bg")
    assert "general.provisions[2].text" in (site / "bg" / "status" / "index.html").read_text("utf-8")
