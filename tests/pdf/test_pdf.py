"""PDFs of a real build: text and order of every clause, fonts, metadata, cache and reproducibility."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from jobdesc import pdf
from jobdesc.labels import labels
from jobdesc.model import LANGS
from jobdesc.text import plain
from jobdesc.validate import load_handbook
from tests.conftest import ROOT, build_site, copy_project

pytestmark = pytest.mark.pdf
HB = load_handbook(ROOT / "positions")


@pytest.fixture(scope="session")
def pdf_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("pdfproject"))
    build_site(project)
    return project


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(path: Path) -> str:
    return norm(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def test_every_position_and_language_has_a_pdf(pdf_project: Path) -> None:
    out = pdf_project / "site" / "pdf"
    want = {f"{p.id}.{lang}.pdf" for p in HB.positions for lang in LANGS}
    want |= {f"catalogue.{lang}.pdf" for lang in LANGS}
    assert {p.name for p in out.glob("*.pdf")} == want


def _clause_snippets(lang: str, pid: str) -> list[str]:
    pos = HB.position(pid)
    assert pos is not None
    from jobdesc.render import PageOptions, sections

    out = []
    for sec in sections(pos, HB, lang, PageOptions()):
        out.append(sec.title)
        items = list(sec.clauses)
        for _key, _title, sub in sec.subsections:
            items += sub
        for g in sec.groups:
            items += g.clauses
        for c in items:
            text = plain(re.sub(r"<[^>]+>", "", str(c.text.html)))
            out.append(text)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_text_has_title_headings_and_every_clause_in_order(pdf_project: Path, lang: str) -> None:
    for pos in HB.positions:
        text = pdf_text(pdf_project / "site" / "pdf" / f"{pos.id}.{lang}.pdf")
        assert norm(plain(pos.title.get(lang))) in text
        assert labels(lang)["ui"]["ack_title"] in text
        cursor = 0
        for snippet in _clause_snippets(lang, pos.id):
            # the first words of each clause, searched after the previous one: order is kept
            words = norm(snippet).split(" ")[:4]
            probe = " ".join(words)
            found = text.find(probe, cursor)
            if found < 0 and lang == "he":  # numbers and Latin inside Hebrew lines may be reordered
                probe = max(words, key=len)
                found = text.find(probe, cursor)
            assert found >= 0, (pos.id, lang, probe)
            cursor = found


def test_hebrew_text_is_in_logical_order(pdf_project: Path) -> None:
    text = pdf_text(pdf_project / "site" / "pdf" / "sales-manager.he.pdf")
    title = HB.position("sales-manager").title.get("he")  # type: ignore[union-attr]
    assert title in text
    assert title[::-1] not in text


@pytest.mark.parametrize("lang", LANGS)
def test_fonts_embedded_metadata_and_page_count(pdf_project: Path, lang: str) -> None:
    for pos in HB.positions:
        reader = PdfReader(pdf_project / "site" / "pdf" / f"{pos.id}.{lang}.pdf")
        assert 2 <= len(reader.pages) <= 20
        fonts = set()
        for page in reader.pages:
            res = page["/Resources"]
            for font in res.get("/Font", {}).values():
                font = font.get_object()
                for desc in font.get("/DescendantFonts", []):
                    d = desc.get_object()["/FontDescriptor"].get_object()
                    assert "/FontFile2" in d or "/FontFile" in d or "/FontFile3" in d
                    fonts.add(str(d["/FontName"]))
        assert fonts and all("JD-Sans" in f for f in fonts), fonts
        meta = reader.metadata
        assert meta is not None and meta.title == plain(pos.title.get(lang))
        assert meta.author and meta.subject == labels(lang)["document"]
        assert reader.trailer["/Root"]["/Lang"] == lang
        assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4


def test_footer_says_page_x_of_y_in_the_document_language(pdf_project: Path) -> None:
    first = PdfReader(pdf_project / "site" / "pdf" / "client-manager.bg.pdf")
    n = len(first.pages)
    assert f"Страница 1 от {n}" in norm(first.pages[0].extract_text())
    az = PdfReader(pdf_project / "site" / "pdf" / "client-manager.az.pdf")
    assert f"Səhifə 1 / {len(az.pages)}" in norm(az.pages[0].extract_text())


def test_second_build_renders_nothing_and_bytes_are_identical(pdf_project: Path, tmp_path: Path) -> None:
    site = pdf_project / "site"
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (site / "pdf").glob("*.pdf")}
    opts = pdf.PdfOptions(
        templates=pdf_project / "overrides" / "print",
        cache_dir=pdf_project / ".cache" / "pdf",
        company={"name": {"ru": "ООО «Компания»"}},
    )
    # the build above used mkdocs.yml's company; same input again -> everything from the cache
    counts = pdf.build_all(HB, tmp_path / "again", list(LANGS), opts)
    assert counts["total"] == 4 * (len(HB.positions) + 1)
    # a fresh cache renders the same bytes as the build did for an identical document
    fresh = pdf.PdfOptions(
        templates=pdf_project / "overrides" / "print",
        cache_dir=tmp_path / "cache2",
        company={"name": {"ru": "ООО «Компания»"}},
        workers=1,
    )
    one = next(j for j in pdf.plan(HB, tmp_path / "x", ["ru"], fresh) if j.name == "sales-manager.ru.pdf")
    html = pdf.job_html(HB, one, fresh)
    a = pdf.render_one(html, str(fresh.templates), one.key, str(tmp_path / "a.pdf"))
    b = pdf.render_one(html, str(fresh.templates), one.key, str(tmp_path / "b.pdf"))
    assert Path(a).read_bytes() == Path(b).read_bytes()
    assert before  # the build produced PDFs


def test_rebuild_of_the_site_renders_zero_pdfs(pdf_project: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO")
    build_site(pdf_project)
    summary = [r.getMessage() for r in caplog.records if r.getMessage().startswith("PDF: ")]
    assert (
        summary and summary[-1].endswith("0 rendered, 24 from the cache") if len(HB.positions) == 5 else True
    )
    assert summary and " 0 rendered" in summary[-1]


def test_changing_one_position_rerenders_only_its_pdfs(
    pdf_project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = pdf_project / "positions" / "sales-manager.yml"
    original = path.read_text("utf-8")
    marker = "Менеджер по продажам связывает компанию"
    assert marker in original
    try:
        path.write_text(
            original.replace(marker, "Менеджер по продажам прочно связывает компанию", 1), "utf-8"
        )
        caplog.set_level("INFO")
        build_site(pdf_project)
        rendered = {
            r.getMessage().split()[-1] for r in caplog.records if re.match(r"PDF \d+/\d+ ", r.getMessage())
        }
        assert rendered == {"sales-manager.ru.pdf", "catalogue.ru.pdf"}
    finally:
        path.write_text(original, "utf-8")
        build_site(pdf_project)  # back to the committed state (all from the cache)


def test_fetcher_refuses_network_and_files_outside_the_print_folder(tmp_path: Path) -> None:
    fetch = pdf._LocalFetcher(ROOT / "overrides" / "print")
    with pytest.raises(ValueError, match="may not fetch https"):
        fetch("https://example.com/x.png")
    with pytest.raises(ValueError, match="only read files below"):
        fetch("file:///etc/passwd")
    assert fetch((ROOT / "overrides" / "print" / "print.css").as_uri())


def test_interrupted_render_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    def boom(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", boom)
    with pytest.raises(KeyboardInterrupt):
        pdf.render_one("<p>x</p>", str(ROOT / "overrides" / "print"), "0" * 64, str(tmp_path / "out.pdf"))
    assert list(tmp_path.iterdir()) == []
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_two_builds_of_the_same_commit_give_identical_files(pdf_project: Path, tmp_path: Path) -> None:
    """A second, independent copy (its own PDF cache) builds byte-identical HTML, indexes, exports and PDFs."""
    other = copy_project(tmp_path / "again")
    second = build_site(other)
    first = pdf_project / "site"
    files_a = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    assert files_a == files_b
    different = [f for f in files_a if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
    assert any(f.endswith(".pdf") for f in files_a) and "search/search_index.json" in files_a
