"""PDFs of a real build: text and order of every clause, document control, tagging, catalogue, cache,
safety and reproducibility. Text is extracted with poppler's pdftotext (logical order for Hebrew)."""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from jobdesc.core import translations
from jobdesc.core.labels import labels
from jobdesc.core.model import LANGS, Handbook
from jobdesc.core.text import plain
from jobdesc.core.validate import load_handbook
from jobdesc.outputs import pdf
from jobdesc.views.render import PRINT_TEMPLATES
from tests.conftest import ROOT, build_site, copy_project

pytestmark = pytest.mark.pdf
HB = load_handbook(ROOT / "positions")
COMPANY = {"name": {"ru": "ООО «Компания»", "he": "החברה בע״מ"}, "approver": {"ru": "Генеральный директор"}}
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069]")


@pytest.fixture(scope="session")
def pdf_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("pdfproject"))
    build_site(project)
    return project


def norm(text: str) -> str:
    text = re.sub(r"\s+", " ", _BIDI_MARKS.sub("", text)).strip()
    return re.sub(r"(\w)- (\w)", r"\1-\2", text)  # a word broken at its hyphen at a line end


def page_texts(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return [norm(p) for p in out.stdout.decode("utf-8").split("\f")][: len(PdfReader(path).pages)]


def loose(text: str) -> str:
    return norm(re.sub(r"[,.:;()«»\"]", " ", norm(text)))


def tight(text: str) -> str:
    return re.sub(r"[\s()]", "", norm(text))


def pdf_text(path: Path) -> str:
    return " ".join(page_texts(path))


def site_pdf(project: Path, name: str) -> Path:
    return project / "site" / "pdf" / name


def test_every_position_and_language_has_a_pdf(pdf_project: Path) -> None:
    out = pdf_project / "site" / "pdf"
    want = {f"{p.id}.{lang}.pdf" for p in HB.positions for lang in LANGS}
    want |= {f"catalogue.{lang}.pdf" for lang in LANGS}
    assert {p.name for p in out.glob("*.pdf")} == want


def _clause_snippets(lang: str, pid: str) -> list[str]:
    pos = HB.position(pid)
    assert pos is not None
    from jobdesc.views.render import PageOptions, sections

    out = []
    for sec in sections(pos, HB, lang, PageOptions()):
        out.append(sec.title)
        items = list(sec.clauses)
        for _key, _title, sub in sec.subsections:
            items += sub
        for g in sec.groups:
            items += g.clauses
        for c in items:
            out.append(plain(re.sub(r"<[^>]+>", "", str(c.text.html))))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_text_has_title_headings_and_every_clause_in_order(pdf_project: Path, lang: str) -> None:
    for pos in HB.positions:
        text = pdf_text(site_pdf(pdf_project, f"{pos.id}.{lang}.pdf"))
        assert norm(plain(pos.title.get(lang))) in text
        assert labels(lang)["ui"]["ack_title"] in text
        if lang == "he":  # pdftotext moves commas and colons next to numbers and Latin in Hebrew lines
            text = loose(text)
        cursor = 0
        for snippet in _clause_snippets(lang, pos.id):
            # the first words of each clause, searched after the previous one: order is kept
            words = (loose(snippet) if lang == "he" else norm(snippet)).split(" ")[:4]
            probe = " ".join(words)
            found = text.find(probe, cursor)
            if found < 0 and lang == "he":  # numbers and Latin inside Hebrew lines may be reordered
                probe = max(words, key=len)
                found = text.find(probe, cursor)
            assert found >= 0, (pos.id, lang, probe)
            cursor = found


def test_hebrew_text_is_in_logical_order(pdf_project: Path) -> None:
    text = pdf_text(site_pdf(pdf_project, "sales-manager.he.pdf"))
    pos = HB.position("sales-manager")
    assert pos is not None
    title = pos.title.get("he")
    assert title in text and title[::-1] not in text
    first = loose(pos.general.provisions[0].text.get("he"))
    assert " ".join(first.split()[:6]) in loose(text)  # a clause's words in reading order
    # clause numbers keep their digit order in right-to-left lines (1.2, not 2.1)
    assert "1.2." in text and "2.1." in text
    assert text.index("1.2.") < text.index("2.1.")


@pytest.mark.parametrize("lang", LANGS)
def test_revision_date_and_formal_blocks_in_each_language(pdf_project: Path, lang: str) -> None:
    L = labels(lang)
    cat = HB.catalogue
    assert cat.agreement, "the catalogue names the agreeing roles"
    for pos in HB.positions:
        assert pos.revision is not None and pos.effective_date and pos.approval is not None
        pages = page_texts(site_pdf(pdf_project, f"{pos.id}.{lang}.pdf"))
        rev = norm(pdf.revision_text(pos, lang))
        date = norm(pdf.date_text(pos.effective_date, lang))
        assert str(pos.revision) in rev and date in rev
        if lang == "he":  # pdftotext spaces numbers in Hebrew lines its own way: compare without spaces
            assert all(tight(rev) in tight(page) for page in pages), (pos.id, lang, "revision on every page")
        else:
            assert all(rev in page for page in pages), (pos.id, lang, "revision on every page")
        first = pages[0]
        assert L["ui"]["approved"] in first
        assert norm(plain(HB.name_of(pos.approval.role or "").get(lang))) in first
        assert pos.approval.order
        assert (pos.approval.order if lang != "he" else pos.approval.order.split("-")[0]) in first
        assert pos.approval.date and norm(pdf.date_text(pos.approval.date, lang)) in first
        effective = norm(str(L["print"]["effective"]).format(date=pdf.date_text(pos.effective_date, lang)))
        assert tight(effective) in tight(first)
        text = " ".join(pages)
        assert L["print"]["agreed"] in text
        for role in cat.agreement:  # pdftotext drops a hyphen at a line end: compare without hyphens
            assert tight(plain(HB.name_of(role).get(lang))).replace("-", "") in tight(text).replace("-", "")
        assert L["ui"]["ack_title"] in pages[-1] and L["ui"]["ack_signature"] in pages[-1]


def test_dates_follow_each_language(pdf_project: Path) -> None:
    assert pdf.date_text("2026-12-01", "ru") == "01.12.2026"
    assert pdf.date_text("2026-12-01", "bg").startswith("1.12.2026")
    assert pdf.date_text("2026-12-01", "az") == "01.12.2026"
    assert "2026" in pdf.date_text("2026-12-01", "he")
    assert "Ред. 1 от 01.12.2026" in pdf_text(site_pdf(pdf_project, "sales-manager.ru.pdf"))


def test_no_provenance_or_editorial_note_is_printed(pdf_project: Path) -> None:
    for pos in HB.positions:
        for lang in LANGS:
            text = pdf_text(site_pdf(pdf_project, f"{pos.id}.{lang}.pdf"))
            assert "seeds/" not in text
            for src in pos.sources:
                assert src.document not in text
                if src.note:
                    assert norm(src.note)[:40] not in text, (pos.id, lang)


def test_source_notes_never_reach_the_pdf(tmp_path: Path) -> None:
    """A marker written into `sources:` (not printed) does not appear; the same marker in a clause does."""
    positions = tmp_path / "positions"
    shutil.copytree(ROOT / "positions", positions)
    path = positions / "sales-manager.yml"
    text = path.read_text("utf-8")
    assert text.rstrip().splitlines()[-1].startswith("    note:")  # `sources:` is the last key
    text = (
        text.rstrip() + "\n  - document: seeds/999_PROVENANCEMARKER.txt\n    note: PROVENANCEMARKER line 90\n"
    )
    path.write_text(text, "utf-8")
    hb = load_handbook(positions)
    opts = pdf.PdfOptions(templates=PRINT_TEMPLATES, cache_dir=tmp_path / "c", workers=1)
    pdf.build_all(_only(hb, "sales-manager"), tmp_path / "site", ["ru"], opts)
    assert "PROVENANCEMARKER" not in pdf_text(tmp_path / "site" / "pdf" / "sales-manager.ru.pdf")


def _only(hb: Handbook, pid: str) -> Handbook:
    return Handbook(hb.catalogue, tuple(p for p in hb.positions if p.id == pid))


@pytest.mark.parametrize("lang", LANGS)
def test_fonts_embedded_metadata_and_page_count(pdf_project: Path, lang: str) -> None:
    for pos in HB.positions:
        reader = PdfReader(site_pdf(pdf_project, f"{pos.id}.{lang}.pdf"))
        assert 2 <= len(reader.pages) <= 20
        fonts = set()
        for page in reader.pages:
            for font in page["/Resources"].get("/Font", {}).values():
                for desc in font.get_object().get("/DescendantFonts", []):
                    d = desc.get_object()["/FontDescriptor"].get_object()
                    assert "/FontFile2" in d or "/FontFile" in d or "/FontFile3" in d
                    fonts.add(str(d["/FontName"]).split("+")[-1])
        # only the fonts shipped in plugins/jobdesc/templates/print/fonts (and typst's own monospace font for `code`)
        assert fonts and fonts <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansMono"}
        meta = reader.metadata
        assert meta is not None and meta.title == plain(pos.title.get(lang))
        assert meta.author and meta.subject == labels(lang)["document"]
        assert reader.trailer["/Root"]["/Lang"] == lang
        assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
        assert reader.outline  # bookmarks
        assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4


def test_pdfua_validator_finds_nothing(pdf_project: Path) -> None:
    from pdfua import Severity, validate

    for path in sorted((pdf_project / "site" / "pdf").glob("*.pdf")):
        report = validate(str(path))
        bad = [(f.rule_id, f.message) for f in report.findings if f.severity >= Severity.WARNING]
        assert bad == [], (path.name, bad)


def test_pdfua_validator_would_catch_an_untagged_pdf(tmp_path: Path) -> None:
    """The validator's verdict means something: the same document without tags is refused."""
    import typst
    from pdfua import Severity, validate

    job = next(
        j for j in pdf.plan(HB, tmp_path, ["ru"], _opts(tmp_path)) if j.name == "client-manager.ru.pdf"
    )
    data = json.dumps(pdf.document_data(HB, job, _opts(tmp_path)), ensure_ascii=False)
    out = tmp_path / "untagged.pdf"
    templates = str((PRINT_TEMPLATES).resolve())
    pdf.new_compiler(templates).compile(output=str(out), sys_inputs={"data": data}, pdf_tags=False)
    report = validate(str(out))
    assert any(f.severity >= Severity.WARNING for f in report.findings)
    assert isinstance(typst.__version__, str)


def test_footer_says_page_x_of_y_in_the_document_language(pdf_project: Path) -> None:
    bg = page_texts(site_pdf(pdf_project, "client-manager.bg.pdf"))
    assert all(f"Страница {i} от {len(bg)}" in p for i, p in enumerate(bg, 1))
    az = page_texts(site_pdf(pdf_project, "client-manager.az.pdf"))
    assert f"Səhifə 1 / {len(az)}" in az[0]


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_numbers_pages_continuously_with_linked_contents(pdf_project: Path, lang: str) -> None:
    path = site_pdf(pdf_project, f"catalogue.{lang}.pdf")
    pages = page_texts(path)
    n = len(pages)
    singles = sum(len(PdfReader(site_pdf(pdf_project, f"{p.id}.{lang}.pdf")).pages) for p in HB.positions)
    assert n > singles  # contents and org chart, then every position
    words = str(labels(lang)["ui"]["page_of"])
    for i, page in enumerate(pages, 1):
        assert tight(words.format(page=i, pages=n)) in tight(page), (lang, i)
    reader = PdfReader(path)
    assert reader.metadata is not None
    assert reader.metadata.subject == labels(lang)["print"]["catalogue_subject"]
    assert reader.metadata.title == labels(lang)["ui"]["catalogue"]
    # the contents page lists every position with its page number, each entry a link into the document
    contents = pages[0]
    page_of_title = {}
    for pos in HB.positions:
        title = norm(plain(pos.title.get(lang)))
        m = re.search(re.escape(title) + r"[ .]*?(\d+)", contents)
        assert m, (lang, title)
        page_of_title[title] = int(m.group(1))
        assert title in pages[int(m.group(1)) - 1]  # the number is the page the position starts on
    links = [a.get_object() for a in reader.pages[0].get("/Annots", [])]
    assert len([a for a in links if a.get("/Subtype") == "/Link" and "/Dest" in a]) >= len(HB.positions)
    # the reporting structure is drawn: every position and the roles above it, on its own page
    chart = next(p for p in pages[1:3] if labels(lang)["ui"]["org_chart"] in p)
    for pos in HB.positions:
        assert norm(plain(pos.title.get(lang))) in chart
    assert norm(plain(HB.name_of("general-director").get(lang))) in chart
    starts = list(page_of_title.values())  # in the catalogue's order, each on a later page
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_salary_caption_stays_with_its_table(pdf_project: Path) -> None:
    for pos in HB.positions:
        if pos.salary is None or not pos.salary.tiers:
            continue
        for lang in LANGS:
            caption = norm(str(labels(lang)["salary"]["title"]))
            tier = norm(plain(pos.salary.tiers[0].title.get(lang)))
            for page in page_texts(site_pdf(pdf_project, f"{pos.id}.{lang}.pdf")):
                if caption + "," in page:
                    after = page[page.index(caption + ",") :]
                    assert tier.split()[0] in after, (pos.id, lang)


def test_no_heading_is_left_at_the_foot_of_a_page(pdf_project: Path) -> None:
    for pos in HB.positions:
        for lang in ("ru", "az"):
            titles = [norm(t) for t in labels(lang)["sections"].values()]
            path = site_pdf(pdf_project, f"{pos.id}.{lang}.pdf")
            out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
            for page in out.stdout.decode("utf-8").split("\f"):
                lines = [norm(x) for x in page.splitlines() if norm(x)]
                body = lines[:-1]  # the last line is the footer
                if body:
                    last = re.sub(r"^\d+\. ", "", body[-1])
                    assert last not in titles, (pos.id, lang, body[-1])


def _opts(tmp: Path, **kw: Any) -> pdf.PdfOptions:
    return pdf.PdfOptions(templates=PRINT_TEMPLATES, cache_dir=tmp / "cache", company=COMPANY, **kw)


def test_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    opts = _opts(tmp_path, workers=1)
    one = next(j for j in pdf.plan(HB, tmp_path / "x", ["he"], opts) if j.name == "sales-manager.he.pdf")
    data = json.dumps(pdf.document_data(HB, one, opts), ensure_ascii=False, sort_keys=True)
    templates = str(opts.templates.resolve())
    a = pdf.render_one(data, templates, one.key, str(tmp_path / "a.pdf"))
    pdf._COMPILER.clear()  # a fresh compiler too
    b = pdf.render_one(data, templates, one.key, str(tmp_path / "b.pdf"))
    assert Path(a).read_bytes() == Path(b).read_bytes()


def test_rebuild_of_the_site_renders_zero_pdfs(pdf_project: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The same project built again (its own mkdocs.yml, company and git history, as the first build had
    them): every PDF comes from the cache, none is rendered, and the site's PDFs keep their bytes."""
    site_pdfs = pdf_project / "site" / "pdf"
    cache = pdf_project / ".cache" / "pdf"
    before = {p.name: p.read_bytes() for p in site_pdfs.glob("*.pdf")}
    entries = sorted(p.name for p in cache.iterdir())
    n = 4 * (len(HB.positions) + 1)
    assert len(before) == n and len(entries) >= 2 * n  # each document and its checksum
    caplog.set_level("INFO")
    build_site(pdf_project)
    summary = [r.getMessage() for r in caplog.records if r.getMessage().startswith("PDF: ")]
    assert summary == [f"PDF: {n} documents, 0 rendered, {n} from the cache"]
    assert not [r for r in caplog.records if re.match(r"PDF \d+/\d+ ", r.getMessage())]  # no progress
    assert sorted(p.name for p in cache.iterdir()) == entries  # no new cache key was asked for
    after = {p.name: p.read_bytes() for p in site_pdfs.glob("*.pdf")}
    assert after.keys() == before.keys()
    assert [name for name in before if after[name] != before[name]] == []


def test_changing_one_position_rerenders_only_its_pdfs(
    pdf_project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = pdf_project / "positions" / "sales-manager.yml"
    original = path.read_text("utf-8")
    marker = "Менеджер по продажам связывает компанию"
    assert marker in original
    lock = pdf_project / "positions" / "_translations.yml"
    recorded = lock.read_text("utf-8")

    def rendered_by_a_build() -> set[str]:
        caplog.clear()
        caplog.set_level("INFO")
        build_site(pdf_project)
        return {
            r.getMessage().split()[-1] for r in caplog.records if re.match(r"PDF \d+/\d+ ", r.getMessage())
        }

    try:
        path.write_text(
            original.replace(marker, "Менеджер по продажам прочно связывает компанию", 1), "utf-8"
        )
        # the Russian text changed: its translations now say they were not checked against it
        assert rendered_by_a_build() == {
            f"{pid}.{lang}.pdf" for pid in ("sales-manager", "catalogue") for lang in ("ru", "bg", "he", "az")
        }
        # a translator confirms them: the translated PDFs are again what they were (from the cache)
        translations.confirm(pdf_project / "positions", ["sales-manager.yml"])
        assert rendered_by_a_build() == set()
    finally:
        path.write_text(original, "utf-8")
        lock.write_text(recorded, "utf-8")
        build_site(pdf_project)  # back to the committed state (all from the cache)


@pytest.mark.parametrize("damage", ["truncate", "garble", "checksum"])
def test_a_damaged_cache_entry_is_rendered_again_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: str
) -> None:
    hb = _only(HB, "sales-manager")
    opts = _opts(tmp_path, workers=1)
    first = pdf.build_all(hb, tmp_path / "site", ["bg"], opts)
    assert first == {"total": 2, "rendered": 2, "cached": 0}
    job = next(j for j in pdf.plan(hb, tmp_path / "site", ["bg"], opts) if not j.catalogue)
    entry = opts.cache_dir / f"{job.key}.pdf"
    good = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(good[: len(good) // 2])
    elif damage == "garble":
        entry.write_bytes(good[:-2000] + b"\0" * 1990 + good[-10:])
    else:
        entry.with_suffix(".sha256").write_text("0" * 64)
    caplog.set_level(logging.WARNING)
    again = pdf.build_all(hb, tmp_path / "site", ["bg"], opts)
    assert again == {"total": 2, "rendered": 1, "cached": 1}
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(str(entry) in w and "sales-manager.bg.pdf" in w for w in warnings), warnings
    assert entry.read_bytes() == good
    assert (tmp_path / "site" / "pdf" / "sales-manager.bg.pdf").read_bytes() == good


def test_a_render_error_names_the_document_without_a_traceback(tmp_path: Path) -> None:
    opts = _opts(tmp_path, workers=1)
    bad = tmp_path / "print"
    shutil.copytree(PRINT_TEMPLATES, bad)
    (bad / pdf.TEMPLATE).write_text('#panic("broken template")', "utf-8")
    opts.templates = bad
    with pytest.raises(
        pdf.PdfError, match=r"sales-manager\.ru\.pdf \(from .*sales-manager\.yml\).*broken template"
    ):
        pdf.build_all(_only(HB, "sales-manager"), tmp_path / "site", ["ru"], opts)


def test_interrupted_render_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_a: object, **_k: object) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(pdf, "render_bytes", boom)
    with pytest.raises(KeyboardInterrupt):
        pdf.render_one("{}", str(PRINT_TEMPLATES), "0" * 64, str(tmp_path / "out.pdf"))
    assert list(tmp_path.iterdir()) == []


def test_typst_reads_nothing_outside_the_print_folder(tmp_path: Path) -> None:
    import typst

    compiler = pdf.new_compiler(str((PRINT_TEMPLATES).resolve()))
    for source in ('#read("/etc/hostname")', '#read("../../positions/_catalogue.yml")'):
        with pytest.raises(typst.TypstError):
            compiler.compile(input=source.encode(), format="pdf")
    template = (PRINT_TEMPLATES / pdf.TEMPLATE).read_text("utf-8")
    assert "#import" not in template and "read(" not in template and "eval(" not in template


HOSTILE = '#panic("x") *b* $x^2$ <lab> @ref ] ) } #set text(size: 40pt) `#read("/etc/passwd")` \\'


def test_a_title_written_as_typst_code_prints_as_text(tmp_path: Path) -> None:
    import dataclasses

    from jobdesc.core.model import Text

    pos = HB.position("sales-manager")
    assert pos is not None
    hostile = dataclasses.replace(pos, title=Text({"ru": HOSTILE}))
    hb = Handbook(HB.catalogue, tuple(hostile if p.id == pos.id else p for p in HB.positions))
    opts = _opts(tmp_path, workers=1)
    job = next(j for j in pdf.plan(hb, tmp_path, ["ru"], opts) if j.name == "sales-manager.ru.pdf")
    out = tmp_path / "x.pdf"
    out.write_bytes(pdf.render_bytes(pdf.document_data(hb, job, opts), str(opts.templates.resolve())))
    text = pdf_text(out)
    for piece in (
        '#panic("x")',
        "$x^2$",
        "<lab> @ref ] ) }",
        "#set text(size: 40pt)",
        '#read("/etc/passwd")',
    ):
        assert piece in text


def test_texts_are_data_not_markup_and_links_carry_no_build_path(tmp_path: Path) -> None:
    """typst syntax in a clause prints as itself; a relative link becomes text, not a file:// link.

    The validator refuses a relative link (tests/unit/test_text_policy.py); here it is put into the model
    directly, so the PDF renderer's own guard is what is tested."""
    from dataclasses import replace as dc_replace

    from jobdesc.core.model import Text

    payload = "см. [устав](charter.pdf), [сайт](https://intranet.example.local/a) и ТАЙНО#panic(1) $x$ @ref ]"
    hb = _only(load_handbook(ROOT / "positions"), "sales-manager")
    pos = hb.positions[0]
    first = pos.general.provisions[0]
    evil = dc_replace(first, text=Text({**first.text.values, "ru": payload + " " + first.text.get("ru")}))
    general = dc_replace(pos.general, provisions=(evil, *pos.general.provisions[1:]))
    hb = dc_replace(hb, positions=(dc_replace(pos, general=general),))
    opts = _opts(tmp_path, workers=1)
    pdf.build_all(hb, tmp_path / "site", ["ru"], opts)
    out = tmp_path / "site" / "pdf" / "sales-manager.ru.pdf"
    printed = pdf_text(out)
    assert "ТАЙНО#panic(1) $x$ @ref ]" in printed and "устав" in printed
    uris = []
    for page in PdfReader(out).pages:
        for annot in page.get("/Annots", []):
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    assert uris == ["https://intranet.example.local/a"]
    raw = out.read_bytes()
    assert b"file:" not in raw and str(tmp_path).encode() not in raw and str(ROOT).encode() not in raw


def test_spans_come_from_the_safe_inline_html() -> None:
    got = pdf.spans(
        'a <strong>b</strong> <em>c</em> <code>#x</code> <a href="https://e.x/">d</a> <a href="x.pdf">e</a>'
    )
    assert got == [
        {"t": "a "},
        {"t": "b", "b": True},
        {"t": " "},
        {"t": "c", "i": True},
        {"t": " "},
        {"t": "#x", "c": True},
        {"t": " "},
        {"t": "d", "h": "https://e.x/"},
        {"t": " e"},
    ]


def test_two_builds_of_the_same_commit_give_identical_files(pdf_project: Path, tmp_path: Path) -> None:
    """A second, independent copy (its own folder and PDF cache) builds byte-identical files and PDFs."""
    other = copy_project(tmp_path / "again")
    second = build_site(other)
    first = pdf_project / "site"
    files_a = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    assert files_a == files_b
    different = [f for f in files_a if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
    assert any(f.endswith(".pdf") for f in files_a) and "search/search_index.json" in files_a
    for f in files_a:
        if f.endswith(".pdf"):
            raw = (first / f).read_bytes()
            assert str(pdf_project).encode() not in raw and b"file:" not in raw


def test_cache_keys_ignore_source_notes_but_not_the_revision() -> None:
    import dataclasses

    opts = pdf.PdfOptions(templates=PRINT_TEMPLATES, cache_dir=Path("/nonexistent"))
    pos = HB.position("sales-manager")
    assert pos is not None and pos.revision is not None

    def key(p: Any) -> str:
        hb = Handbook(HB.catalogue, (p,))
        return next(j.key for j in pdf.plan(hb, Path("/s"), ["ru"], opts) if not j.catalogue)

    base = key(pos)
    assert key(dataclasses.replace(pos, sources=())) == base
    assert key(dataclasses.replace(pos, revision=pos.revision + 1)) != base


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "sales-manager.yml",
            'effective_date: "2026-12-01"',
            'effective_date: "2026-02-31"',
            "not a date in the calendar",
        ),
        (
            "sales-manager.yml",
            'effective_date: "2026-12-01"',
            'effective_date: "1.12.2026"',
            "effective_date",
        ),
        (
            "sales-manager.yml",
            'date: "2026-11-24"',
            'date: "2026-12-24"',
            "dated after the revision takes effect",
        ),
        (
            "sales-manager.yml",
            "role: general-director",
            "role: general-directr",
            "neither a role in the catalogue",
        ),
        ("sales-manager.yml", "revision: 1\n", "revision: 0\n", "revision"),
        ("_catalogue.yml", "  - head-of-hr\n", "  - head-of-hrr\n", "not a role in `roles`"),
    ],
)
def test_document_control_is_checked(tmp_path: Path, file: str, old: str, new: str, message: str) -> None:
    from jobdesc.core.errors import ValidationFailed

    positions = tmp_path / "positions"
    shutil.copytree(ROOT / "positions", positions)
    path = positions / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(ValidationFailed) as err:
        load_handbook(positions)
    shown = str(err.value)
    assert message in shown and file in shown, shown


@pytest.mark.parametrize(
    ("standard", "want"),
    [
        ("ua-1+a-2a", {"pdfuaid:part": "1", "pdfaid:part": "2", "pdfaid:conformance": "A"}),
        ("a-1a", {"pdfaid:part": "1", "pdfaid:conformance": "A"}),
    ],
)
def test_archive_standard_is_declared(tmp_path: Path, standard: str, want: dict[str, str]) -> None:
    """The default declares PDF/UA-1 and PDF/A-2a; `pdf_standard: a-1a` gives PDF/A-1a (Mintrud 578n)."""
    import io

    opts = _opts(tmp_path, standard=standard)
    job = next(j for j in pdf.plan(HB, tmp_path, ["ru"], opts) if j.name == "sales-manager.ru.pdf")
    raw = pdf.render_bytes(pdf.document_data(HB, job, opts), str(opts.templates.resolve()), standard)
    xmp = PdfReader(io.BytesIO(raw)).trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert dict(re.findall(r"<(pdfu?a?id:\w+)>([^<]*)<", xmp)) == want
    assert raw.startswith(b"%PDF-1.4" if standard == "a-1a" else b"%PDF-1.7")


def test_an_unknown_standard_is_refused(tmp_path: Path) -> None:
    with pytest.raises(pdf.PdfError, match="not one of"):
        pdf.plan(HB, tmp_path, ["ru"], _opts(tmp_path, standard="a-9z"))


def test_large_catalogues_render_one_at_a_time_in_the_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above LARGE_CATALOGUE positions the catalogues wait for each other; every PDF is still made."""
    monkeypatch.setattr(pdf, "LARGE_CATALOGUE", 0)
    opts = _opts(tmp_path, workers=2)
    counts = pdf.build_all(HB, tmp_path / "site", ["ru", "he"], opts)
    assert counts == {
        "total": 2 * (len(HB.positions) + 1),
        "rendered": 2 * (len(HB.positions) + 1),
        "cached": 0,
    }
    for lang in ("ru", "he"):
        assert len(PdfReader(tmp_path / "site" / "pdf" / f"catalogue.{lang}.pdf").pages) > 20
