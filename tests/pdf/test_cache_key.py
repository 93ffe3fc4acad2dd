"""The PDF cache key covers exactly what draws a document: its print data (the JSON typst gets), the
files of the print folder (template, fonts), typst's version, the PDF standard and FORMAT_VERSION.
Our Python source is not in it: an edit of a docstring in cli.py must not re-render every PDF.

No PDF is rendered here (typst is stubbed where a build is run): these tests take a second."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

from jobdesc.core.validate import load_handbook
from jobdesc.outputs import pdf
from jobdesc.views.render import PRINT_TEMPLATES
from tests.conftest import ROOT

pytestmark = pytest.mark.pdf
HB = load_handbook(ROOT / "positions")
PRINT = PRINT_TEMPLATES
PACKAGE = Path(pdf.__file__).resolve().parent.parent  # jobdesc is a namespace package: no __file__
LANGS = ["ru", "bg", "he", "az"]
COMPANY = {"name": {"ru": "ООО «Компания»", "he": "החברה בע״מ"}}

_OPENED: list[str] | None = None  # files opened while a test listens (audit hooks cannot be removed)


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _OPENED is not None and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


def opened_by(fn: Any, *args: Any, **kw: Any) -> tuple[Any, set[Path]]:
    global _OPENED
    _OPENED = []
    try:
        result = fn(*args, **kw)
    finally:
        seen, _OPENED = _OPENED, None
    return result, {Path(p).resolve() for p in seen}


def opts(templates: Path = PRINT, **kw: Any) -> pdf.PdfOptions:
    return pdf.PdfOptions(templates=templates, cache_dir=Path("/nonexistent"), company=COMPANY, **kw)


def keys(o: pdf.PdfOptions | None = None, hb: Any = HB) -> dict[str, str]:
    return {j.name: j.key for j in pdf.plan(hb, Path("/site"), LANGS, o or opts())}


def fingerprint(templates: Path = PRINT, standard: str = pdf.STANDARDS[0], typst: str | None = None) -> str:
    return pdf.render_fingerprint(templates, standard, typst)


@pytest.fixture
def print_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "print"
    shutil.copytree(PRINT, dest)
    return dest


# --------------------------------------------------------------------------------------------------
# Our Python is not hashed


def test_the_fingerprint_reads_the_print_folder_and_nothing_of_our_code() -> None:
    fp, seen = opened_by(fingerprint)
    assert len(fp) == 64
    # the print folder is package data: of the package, it reads that folder and nothing else
    ours = {p for p in seen if p.is_relative_to(PACKAGE) and not p.is_relative_to(PRINT.resolve())}
    assert not ours, ours
    files = {p.resolve() for p in PRINT.rglob("*") if p.is_file()}
    assert files <= seen  # the template, every font (and the licence beside them)
    python = (Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve())  # typst's METADATA (its version)
    assert {p for p in seen if not p.is_relative_to(python[0]) and not p.is_relative_to(python[1])} == files


def test_planning_every_key_reads_no_python_source_of_the_package() -> None:
    jobs, seen = opened_by(pdf.plan, HB, Path("/site"), LANGS, opts())
    assert len(jobs) == len(LANGS) * (len(HB.positions) + 1)
    read_ours = sorted(p for p in seen if p.is_relative_to(PACKAGE) and p.suffix in (".py", ".pyc"))
    assert read_ours == []


def _keys_with_package(package: Path, tmp: Path) -> dict[str, str]:
    """The keys of the real handbook, planned in a fresh interpreter that imports `jobdesc` from `package`."""
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from jobdesc import cli\n"
        "from jobdesc.outputs import pdf\n"
        f"want = Path({str(package)!r}).resolve()\n"
        "assert Path(pdf.__file__).resolve().parent.parent == want, pdf.__file__\n"
        "assert Path(cli.__file__).resolve().parent.parent == want, cli.__file__\n"
        "from jobdesc.core.validate import load_handbook\n"
        f"hb = load_handbook({str(ROOT / 'positions')!r})\n"
        f"o = pdf.PdfOptions(templates=Path({str(PRINT)!r}), cache_dir=Path('/nonexistent'))\n"
        "print(json.dumps({j.name: j.key for j in pdf.plan(hb, Path('/site'), ['ru', 'he'], o)}))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(package.parent), PYTHONDONTWRITEBYTECODE="1")
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env, cwd=tmp
    )
    assert run.returncode == 0, run.stderr
    return dict(json.loads(run.stdout))


def test_an_edit_of_an_unrelated_module_keeps_every_key(tmp_path: Path) -> None:
    """A copy of the package with a docstring of cli/__init__.py edited (and a new, unused module) plans the
    same keys as an unchanged copy: a code edit that prints nothing new renders nothing again."""
    same, edited = tmp_path / "same" / "jobdesc", tmp_path / "edited" / "jobdesc"
    for dest in (same, edited):
        shutil.copytree(PACKAGE, dest, ignore=shutil.ignore_patterns("__pycache__"))
    cli = edited / "cli" / "__init__.py"
    source = cli.read_text("utf-8")
    assert source.startswith('"""')
    cli.write_text('"""An edited docstring.\n\n' + source[3:], "utf-8")
    (edited / "core" / "unused.py").write_text("X = 1\n", "utf-8")
    before = _keys_with_package(same, tmp_path)
    assert before and all(len(k) == 64 for k in before.values())
    assert _keys_with_package(edited, tmp_path) == before


# --------------------------------------------------------------------------------------------------
# The print folder, typst, the standard, FORMAT_VERSION


def test_a_copy_of_the_print_folder_gives_the_same_fingerprint(print_copy: Path) -> None:
    assert fingerprint(print_copy) == fingerprint()


def test_an_edit_of_the_template_changes_every_key(print_copy: Path) -> None:
    before = keys(opts(print_copy))
    template = print_copy / pdf.TEMPLATE
    template.write_text(template.read_text("utf-8") + "\n// a comment\n", "utf-8")
    after = keys(opts(print_copy))
    assert before.keys() == after.keys()
    assert all(before[name] != after[name] for name in before)


def test_a_changed_font_changes_the_fingerprint(print_copy: Path) -> None:
    before = fingerprint(print_copy)
    font = print_copy / "fonts" / "DejaVuSans.ttf"
    raw = bytearray(font.read_bytes())
    raw[-1] ^= 0xFF  # one byte of one font
    font.write_bytes(bytes(raw))
    assert fingerprint(print_copy) != before


def test_a_new_or_renamed_file_in_the_print_folder_changes_the_fingerprint(print_copy: Path) -> None:
    before = fingerprint(print_copy)
    (print_copy / "logo.svg").write_text("<svg/>", "utf-8")  # the template may read any file below it
    with_logo = fingerprint(print_copy)
    assert with_logo != before
    (print_copy / "logo.svg").rename(print_copy / "seal.svg")
    assert fingerprint(print_copy) not in (before, with_logo)


def test_a_hidden_file_in_the_print_folder_changes_nothing(print_copy: Path) -> None:
    before = fingerprint(print_copy)
    (print_copy / ".jobdesc.typ.swp").write_bytes(b"editor state")
    (print_copy / ".git").mkdir()
    (print_copy / ".git" / "HEAD").write_text("ref: refs/heads/main\n", "utf-8")
    assert fingerprint(print_copy) == before


def test_typst_version_standard_and_format_version_are_in_the_fingerprint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    base = fingerprint(typst="0.13.0")
    assert fingerprint() == fingerprint(typst=version("typst"))  # by default, the installed typst
    assert fingerprint(typst="0.13.1") != base
    assert fingerprint(standard="a-2a", typst="0.13.0") != base
    monkeypatch.setattr(pdf, "FORMAT_VERSION", pdf.FORMAT_VERSION + 1)
    assert fingerprint(typst="0.13.0") != base


def test_the_standard_option_changes_every_key() -> None:
    ua, archive = keys(opts(standard="ua-1")), keys(opts(standard="ua-1+a-2a"))
    assert all(ua[name] != archive[name] for name in ua)


def test_a_new_typst_changes_every_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = keys()
    real = pdf.render_fingerprint
    monkeypatch.setattr(pdf, "render_fingerprint", lambda t, s, v=None: real(t, s, "999.0.0"))
    after = keys()
    assert all(before[name] != after[name] for name in before)


# --------------------------------------------------------------------------------------------------
# The print data


def test_the_key_is_the_hash_of_the_fingerprint_and_the_exact_print_data() -> None:
    o = opts()
    fp = fingerprint()
    for job in pdf.plan(HB, Path("/site"), ["he"], o):
        data = pdf.print_json(HB, job, o)
        assert job.key == pdf.cache_key(fp, data)
        assert job.key == hashlib.sha256(f"{fp}\n{data}".encode()).hexdigest()


def test_any_change_of_the_print_data_changes_the_key() -> None:
    fp = fingerprint()
    data = json.dumps({"title": [{"t": "Менеджер"}]}, ensure_ascii=False)
    assert pdf.cache_key(fp, data) == pdf.cache_key(fp, data)
    assert pdf.cache_key(fp, data.replace("Менеджер", "Менеджер ")) != pdf.cache_key(fp, data)
    assert pdf.cache_key(fingerprint(typst="1"), data) != pdf.cache_key(fp, data)


def test_a_printed_option_changes_the_keys_of_the_documents_that_print_it() -> None:
    """The Hebrew company name is printed in Hebrew documents only: those keys change, no other."""
    before = keys()
    company = {"name": dict(COMPANY["name"], he="חברה אחרת בע״מ")}
    after = keys(dataclasses.replace(opts(), company=company))
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {name for name in before if name.endswith(".he.pdf")}


def test_an_edit_of_one_position_changes_its_documents_and_the_catalogues() -> None:
    pos = HB.position("sales-manager")
    assert pos is not None and pos.revision is not None
    bumped = dataclasses.replace(pos, revision=pos.revision + 1)
    hb = dataclasses.replace(HB, positions=tuple(bumped if p.id == pos.id else p for p in HB.positions))
    before, after = keys(), keys(hb=hb)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {f"{n}.{lang}.pdf" for n in ("sales-manager", "catalogue") for lang in LANGS}


def test_what_is_not_printed_is_not_in_the_key(tmp_path: Path) -> None:
    before = keys()
    other = dataclasses.replace(opts(), cache_dir=tmp_path, workers=7, progress=lambda i, n, s: None)
    assert keys(other) == before
    moved = {j.name: j.key for j in pdf.plan(HB, tmp_path / "elsewhere", LANGS, opts())}
    assert moved == before  # the site folder is not printed either
    unsourced = dataclasses.replace(
        HB, positions=tuple(dataclasses.replace(p, sources=()) for p in HB.positions)
    )
    assert keys(hb=unsourced) == before  # provenance notes are never printed


def test_a_build_renders_the_print_data_its_key_was_made_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """build_all hands typst the very JSON it hashed (typst stubbed), and a second run renders nothing."""
    given: list[str] = []

    def fake_render(data: str, templates: str, standard: str = "") -> bytes:
        given.append(data)
        return b"%PDF-1.7\n" + hashlib.sha256(data.encode()).hexdigest().encode() + b"\n%%EOF\n"

    monkeypatch.setattr(pdf, "render_bytes", fake_render)
    o = dataclasses.replace(opts(), cache_dir=tmp_path / "cache", workers=1)
    first = pdf.build_all(HB, tmp_path / "site", ["bg"], o)
    assert first == {"total": len(HB.positions) + 1, "rendered": len(HB.positions) + 1, "cached": 0}
    fp = fingerprint()
    assert sorted(pdf.cache_key(fp, d) + ".pdf" for d in given) == sorted(
        p.name for p in (tmp_path / "cache").glob("*.pdf")
    )
    given.clear()
    again = pdf.build_all(HB, tmp_path / "site", ["bg"], o)
    assert again["rendered"] == 0 and given == []
