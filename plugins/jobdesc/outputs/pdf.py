"""Printable PDFs with typst (in process) from our own template (`jobdesc/templates/print/jobdesc.typ`).

- Data, not markup: each document is one JSON value handed to the template through `sys.inputs`; texts
  are plain strings plus spans (bold, italic, code, link) parsed here from the safe inline HTML of
  `jobdesc.core.text.inline`. Nothing a contributor writes is ever read as typst markup.
- Offline and closed: typst reads the template folder only (its root), fonts from `fonts/` only (no
  system fonts), and the template imports no package, so nothing is fetched. Links in the PDF are
  http(s) and mailto only: a relative link is printed as text, so no build path can end up in a file.
- Tagged: PDF/UA-1 by default (structure tree, language, title, bookmarks, table headers); `standard`
  can ask for an archival PDF/A level instead (e.g. "a-2a").
- Cached: a PDF is keyed by the SHA-256 of exactly what draws it: its print data (the JSON typst gets),
  the files of the print folder (template, fonts), typst's version, the PDF standard and FORMAT_VERSION.
  Our Python is not hashed (what it makes is the print data). Each cache entry has a checksum next to
  it; a truncated or damaged one is rendered again with a warning.
- Parallel: uncached documents render in a process pool across the machine's cores.
- Reproducible: dates come from the data (effective date, else git history), never from the clock.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date

from ..core.fileio import write_bytes_atomic
from ..core.history import Change
from ..core.labels import labels
from ..core.model import DEFAULT_LANG, Handbook, Position, Text
from ..core.text import plain
from ..views.render import (
    Link,
    PageOptions,
    Row,
    SalaryTable,
    Section,
    TextView,
    direction,
    has_outdated,
    sections,
    tv,
)

log = logging.getLogger("mkdocs.plugins.jobdesc.outputs.pdf")
FIXED_DATE = "2000-01-01"
TEMPLATE = "jobdesc.typ"
# what `standard` accepts: PDF/UA-1 (accessible), with PDF/A-2a or 3a (archive), or PDF/A-1a alone (the
# level Russian electronic HR documents are expected in; PDF 1.4 cannot mark running headers as artifacts,
# so typst refuses to combine it with PDF/UA-1)
STANDARDS = ("ua-1+a-2a", "ua-1", "ua-1+a-3a", "a-1a", "a-2a", "a-3a")
_LINK_SCHEMES = ("https://", "http://", "mailto:")
# bump by hand when the Python that builds the print data changes what the same data means to the
# template (everything else that draws a PDF is hashed: the data itself, the print folder, typst)
FORMAT_VERSION = 1
LARGE_CATALOGUE = 200  # positions; above it the catalogue PDFs are rendered one at a time (memory)


class PdfError(Exception):
    """A PDF could not be made: the message names the document (and file) in plain words."""


@dataclass
class PdfOptions:
    templates: Path  # the print folder: jobdesc.typ, fonts/
    cache_dir: Path
    include_salary: bool = True
    company: dict[str, Any] = field(default_factory=dict)
    document_number: str = "{n:03d}"
    history: dict[str, tuple[Change, ...]] = field(default_factory=dict)
    workers: int | None = None
    progress: Callable[[int, int, str], None] | None = None
    standard: str = STANDARDS[0]  # one of STANDARDS


@dataclass(frozen=True)
class Job:
    key: str  # cache_key: the print data and the render fingerprint
    out: str  # final path in the site
    name: str
    lang: str
    positions: tuple[str, ...]  # position ids, in order
    title: str
    catalogue: bool = False


# --------------------------------------------------------------------------------------------------
# Text: safe inline HTML -> spans


class _Spans(HTMLParser):
    """The small HTML `text.inline` makes (strong, em, code, a) as a flat list of styled runs."""

    def __init__(self, lang: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[dict[str, Any]] = []
        self.stack: list[tuple[str, str | None]] = []
        self.lang = lang

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") if tag == "a" else None
        self.stack.append((tag, href))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if not data:
            return
        tags = {t for t, _ in self.stack}
        run: dict[str, Any] = {"t": data}
        if tags & {"strong", "b"}:
            run["b"] = True
        if tags & {"em", "i"}:
            run["i"] = True
        if "code" in tags:
            run["c"] = True
        href = next((h for t, h in reversed(self.stack) if t == "a" and h), None)
        if href and href.strip().lower().startswith(_LINK_SCHEMES):
            run["h"] = href.strip()  # relative links stay text: no file:// or build path in a PDF
        if self.lang:
            run["l"] = self.lang
        if self.out and {k: v for k, v in self.out[-1].items() if k != "t"} == {
            k: v for k, v in run.items() if k != "t"
        }:
            self.out[-1]["t"] += data
        else:
            self.out.append(run)


def spans(html: str, lang: str | None = None) -> list[dict[str, Any]]:
    parser = _Spans(lang)
    parser.feed(html)
    parser.close()
    return parser.out


def _tv(view: TextView) -> list[dict[str, Any]]:
    return spans(str(view.html), view.lang)


def _plain_spans(text: str) -> list[dict[str, Any]]:
    return [{"t": text}] if text else []


def _value(v: Any) -> list[dict[str, Any]]:
    return _tv(v.text) if isinstance(v, Link) else _tv(v)


# --------------------------------------------------------------------------------------------------
# Document control: revision, dates, approval, agreement


def _date_pattern(lang: str) -> str:
    """The language's short date pattern from Babel, with the year written in full (01.12.2026)."""
    pattern = str(Locale.parse(lang).date_formats["short"].pattern)
    return pattern.replace("yyyy", "y").replace("yy", "y")


def date_text(iso: str, lang: str) -> str:
    return format_date(datetime.date.fromisoformat(iso), _date_pattern(lang), locale=lang)


def _localized(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get(DEFAULT_LANG) or "")
    return str(value or "")


def revision_text(pos: Position, lang: str) -> str:
    """'Ред. 3 от 01.12.2026' in the document's language, or '' when the position has no revision."""
    if pos.revision is None:
        return ""
    p = labels(lang)["print"]
    if pos.effective_date:
        return str(p["revision"]).format(revision=pos.revision, date=date_text(pos.effective_date, lang))
    return str(p["revision_only"]).format(revision=pos.revision)


def _approval(hb: Handbook, pos: Position, lang: str, company: str, opts: PdfOptions) -> dict[str, str]:
    p = labels(lang)["print"]
    a = pos.approval
    role = _localized(opts.company.get("approver"), lang)
    if a is not None and a.role:
        role = plain(hb.name_of(a.role).get(lang))
    date = date_text(a.date, lang) if a is not None and a.date else ""
    before, _, after = str(p["order"]).partition("{number}")
    order = a.order if a is not None and a.order else ""
    return {
        "role": role,
        "company": company,
        "date": date,
        "order": order,
        "order_before": before,
        "order_after": after,
    }


# --------------------------------------------------------------------------------------------------
# From page data to the template's JSON


def _rows(rows: tuple[Row, ...]) -> dict[str, Any]:
    out = []
    for row in rows:
        value: list[dict[str, Any]] = []
        for i, v in enumerate(row.values):
            if i:
                value.append({"t": ", "})
            value += _value(v)
        out.append({"label": row.label, "value": value})
    return {"k": "rows", "rows": out}


def _clauses(items: Any, lang: str) -> dict[str, Any]:
    L = labels(lang)
    out = []
    for c in items:
        text = _tv(c.text)
        if c.text.outdated:  # explained on the first page (print.outdated)
            text.append({"t": " †"})
        if c.liability:
            kinds = ", ".join(str(L["liability"][k]) for k in c.liability)
            text.append({"t": f" ({str(L['fields']['liability']).lower()}: {kinds})"})
        out.append({"num": f"{c.num}.", "text": text, "sub": [_tv(s) for s in c.sub]})
    return {"k": "list", "items": out}


def _salary(sal: SalaryTable, lang: str) -> list[dict[str, Any]]:
    L = labels(lang)
    if not sal.rows:
        return [{"k": "p", "text": _plain_spans(sal.empty_text)}]
    table = {
        "k": "salary",
        "caption": f"{L['salary']['title']}, {sal.currency} {sal.period}",
        "head": [_tv(c) for c in sal.cities],
        "rows": [
            {"title": _tv(r.title), "exp": r.experience, "cells": [cell or "—" for cell in r.cells]}
            for r in sal.rows
        ],
        "conditions": [{"title": _tv(r.title), "text": _tv(r.conditions)} for r in sal.rows if r.conditions],
    }
    out: list[dict[str, Any]] = [table]
    basis = _tv(sal.source)
    if sal.as_of:
        basis.append({"t": f" {sal.as_of}."})
    out.append({"k": "note", "text": basis})
    if sal.note:
        out.append({"k": "note", "text": _tv(sal.note)})
    return out


def _section(s: Section, lang: str) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = []
    if s.rows:
        blocks.append(_rows(s.rows))
    if s.clauses:
        blocks.append(_clauses(s.clauses, lang))
    for _key, sub_title, items in s.subsections:
        blocks.append({"k": "h", "text": _plain_spans(sub_title)})
        blocks.append(_clauses(items, lang))
    for g in s.groups:
        if g.title:
            blocks.append({"k": "h", "text": _tv(g.title)})
        blocks.append(_clauses(g.clauses, lang))
    if s.salary:
        blocks += _salary(s.salary, lang)
    elif s.empty:
        blocks.append({"k": "p", "text": _plain_spans(s.empty)})
    for label, links in s.links:
        value: list[dict[str, Any]] = []
        for i, link in enumerate(links):
            if i:
                value.append({"t": ", "})
            value += _value(link)
        blocks.append({"k": "p", "label": label, "text": value})
    if s.note:
        blocks.append({"k": "p", "text": _tv(s.note)})
    return {"num": str(s.num), "title": s.title, "blocks": blocks}


def _document(hb: Handbook, pos: Position, lang: str, opts: PdfOptions, number: str) -> dict[str, Any]:
    L = labels(lang)
    p = L["print"]
    company = _localized(opts.company.get("name"), lang)
    title = tv(pos.title, lang)
    rev = revision_text(pos, lang)
    doc_no = f"{L['ui']['doc_number']} {number}"
    effective = ""
    if pos.effective_date:
        effective = str(p["effective"]).format(date=date_text(pos.effective_date, lang))
    ref = ", ".join(x for x in (doc_no, rev) if x)
    ack = _plain_spans(f"{L['ui']['acknowledged']}: ") + _tv(title) + _plain_spans(f" ({ref})")
    return {
        "id": pos.id,
        "number": doc_no,
        "title": _tv(title),
        "header": plain(pos.title.get(lang)) + f" · {doc_no}",
        "footer": " · ".join(x for x in (plain(pos.title.get(lang)), rev) if x),
        "summary": _tv(tv(pos.summary, lang)),
        "revision": rev,
        "effective": effective,
        "outdated": str(p["outdated"]) if has_outdated(pos, lang) else "",
        "approval": _approval(hb, pos, lang, company, opts),
        "agreement": [plain(hb.name_of(r).get(lang)) for r in hb.catalogue.agreement],
        "sections": [
            _section(s, lang)
            for s in sections(pos, hb, lang, PageOptions(include_salary=opts.include_salary))
        ],
        "ack_lead": ack,
    }


def _chart(hb: Handbook, lang: str) -> list[dict[str, Any]]:
    """The reporting structure as a tree: catalogue roles and positions under whom they report to."""
    L = labels(lang)
    children: dict[str | None, list[tuple[str, str, Text, str]]] = {}
    known = {r.id for r in hb.catalogue.roles} | {p.id for p in hb.positions}
    for r in hb.catalogue.roles:
        parent = r.reports_to if r.reports_to in known else None
        children.setdefault(parent, []).append(("role", r.id, r.title, ""))
    for p in hb.positions:
        boss = p.general.reports_to[0] if p.general.reports_to else None
        parent = boss if boss in known else None
        children.setdefault(parent, []).append(("position", p.id, p.title, str(L["categories"][p.category])))

    def node(kind: str, nid: str, title: Text, note: str, seen: frozenset[str]) -> dict[str, Any]:
        kids = [c for c in children.get(nid, ()) if c[1] not in seen]
        return {
            "kind": kind,
            "title": _tv(tv(title, lang)),
            "note": note,
            "children": [node(*c, seen=seen | {nid}) for c in kids],
        }

    return [node(*c, seen=frozenset()) for c in children.get(None, ())]


def _date_of(hb: Handbook, positions: list[Position], opts: PdfOptions) -> str:
    dates = []
    for pos in positions:
        hist = opts.history.get(pos.id, ())
        dates.append(pos.effective_date or (hist[0].date[:10] if hist else FIXED_DATE))
    return max(dates) if dates else FIXED_DATE


def document_data(
    hb: Handbook, job: Job, opts: PdfOptions, memo: dict[Any, Any] | None = None
) -> dict[str, Any]:
    """Everything the template prints for one job, as plain JSON-able data. `memo` (one dict for one
    handbook and options) keeps each position's document, which the catalogue prints again."""
    lang = job.lang
    L = labels(lang)
    ui, p = L["ui"], L["print"]
    by_id = {pos.id: pos for pos in hb.positions}
    index = {pos.id: i for i, pos in enumerate(hb.positions, 1)}
    chosen = [by_id[i] for i in job.positions]
    company = _localized(opts.company.get("name"), lang)
    try:
        date = datetime.date.fromisoformat(_date_of(hb, chosen, opts)[:10])
    except ValueError:
        date = datetime.date.fromisoformat(FIXED_DATE)
    memo = {} if memo is None else memo
    docs = []
    for pos in chosen:
        number = opts.document_number.format(n=index[pos.id], id=pos.id)
        if (lang, pos.id, number) not in memo:
            memo[lang, pos.id, number] = _document(hb, pos, lang, opts, number)
        docs.append(memo[lang, pos.id, number])
    return {
        "lang": lang,
        "dir": direction(lang),
        "title": job.title,
        "author": company,
        "company": company,
        "subject": str(p["catalogue_subject"] if job.catalogue else L["document"]),
        "keywords": [pos.id for pos in chosen],
        "date": [date.year, date.month, date.day],
        "catalogue": job.catalogue,
        "chart": _chart(hb, lang) if job.catalogue else [],
        "docs": docs,
        "L": {
            "page_of": str(ui["page_of"]),
            "approved": str(ui["approved"]),
            "agreed": str(p["agreed"]),
            "signature": str(ui["signature"]),
            "initials": str(ui["initials"]),
            "date": str(ui["date"]),
            "date_label": str(p["date_label"]),
            "order_hint": str(p["order_hint"]),
            "document": str(L["document"]),
            "tier": str(L["salary"]["tier"]),
            "ack_title": str(ui["ack_title"]),
            "ack_name": str(ui["ack_name"]),
            "ack_signature": str(ui["ack_signature"]),
            "ack_date": str(ui["ack_date"]),
            "doc_number": str(ui["doc_number"]),
            "contents": str(ui["contents"]),
            "org_chart": str(ui["org_chart"]),
            "org_chart_hint": str(p["org_chart_hint"]),
        },
    }


# --------------------------------------------------------------------------------------------------
# Plan and cache keys


def _print_files(templates: Path) -> list[Path]:
    """Every file typst may read while drawing a document: all of the print folder (its root, the only
    place it reads from: the template, fonts/, anything the template might load), hidden files aside."""
    return sorted(
        path
        for path in templates.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(templates).parts)
    )


def render_fingerprint(templates: Path, standard: str, typst_version: str | None = None) -> str:
    """Hash of what draws every document the same way: FORMAT_VERSION, typst's version, the PDF standard
    and every file of the print folder (names and bytes). Our Python is not in it: what it makes is
    in the print data, which `cache_key` hashes."""
    if typst_version is None:
        from importlib.metadata import version  # not `import typst`: a run of cache hits never loads it

        typst_version = version("typst")
    h = hashlib.sha256()
    h.update(json.dumps([FORMAT_VERSION, typst_version, standard]).encode())
    for path in _print_files(templates):
        for part in (path.relative_to(templates).as_posix().encode(), path.read_bytes()):
            h.update(len(part).to_bytes(8, "big"))  # lengths first: no two file lists hash alike
            h.update(part)
    return h.hexdigest()


def cache_key(fingerprint: str, data: str) -> str:
    """The cache key of one PDF: the render fingerprint and the exact JSON typst is given."""
    return hashlib.sha256(f"{fingerprint}\n{data}".encode()).hexdigest()


def print_json(hb: Handbook, job: Job, opts: PdfOptions, memo: dict[Any, Any] | None = None) -> str:
    """The JSON text handed to the template for `job` (the same text is hashed and rendered)."""
    return json.dumps(document_data(hb, job, opts, memo), ensure_ascii=False, sort_keys=True)


def _jobs(hb: Handbook, site: Path, langs: list[str]) -> list[Job]:
    jobs = []
    for lang in langs:
        for pos in hb.positions:
            name = f"{pos.id}.{lang}.pdf"
            jobs.append(Job("", str(site / "pdf" / name), name, lang, (pos.id,), plain(pos.title.get(lang))))
        name = f"catalogue.{lang}.pdf"
        title = str(labels(lang)["ui"]["catalogue"])
        every = tuple(p.id for p in hb.positions)
        jobs.append(Job("", str(site / "pdf" / name), name, lang, every, title, catalogue=True))
    return jobs


def _check_standard(opts: PdfOptions) -> None:
    if opts.standard not in STANDARDS:
        raise PdfError(f"PDF standard {opts.standard!r} is not one of: {', '.join(STANDARDS)}")


def _keyed(hb: Handbook, site: Path, langs: list[str], opts: PdfOptions) -> Iterator[tuple[Job, str]]:
    """Every job of the build with its key, and the JSON it is rendered from."""
    _check_standard(opts)
    fingerprint = render_fingerprint(opts.templates, opts.standard)
    memo: dict[Any, Any] = {}  # a position's document once per language (the catalogue repeats it)
    for job in _jobs(hb, site, langs):
        if memo and next(iter(memo))[0] != job.lang:
            memo.clear()  # the jobs come language by language: keep one language's documents only
        data = print_json(hb, job, opts, memo)
        yield dataclasses.replace(job, key=cache_key(fingerprint, data)), data


def plan(hb: Handbook, site: Path, langs: list[str], opts: PdfOptions) -> list[Job]:
    """Every PDF of the build, keyed by what draws it (not by its output: a cache hit renders nothing).

    The key is the print data (the JSON typst gets: every text, label, number, date and option that
    shows) with the render fingerprint (template files, fonts, typst's version, the PDF standard,
    FORMAT_VERSION). A Russian edit changes Russian print data only, so it re-renders Russian PDFs only;
    an edit of our code that does not change what is printed renders nothing."""
    return [job for job, _ in _keyed(hb, site, langs, opts)]


# --------------------------------------------------------------------------------------------------
# Rendering


_COMPILER: dict[str, Any] = {}


def new_compiler(templates: str) -> Any:
    """A typst compiler closed to the print folder: it reads files below `templates` only (its root)
    and fonts from `templates/fonts` only (no system fonts); the template imports no package."""
    import typst

    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(Path(templates, "fonts"))]
    )
    return typst.Compiler(
        str(Path(templates, TEMPLATE)), root=templates, font_paths=fonts, ignore_system_fonts=True
    )


def _compiler(templates: str) -> Any:
    """One typst compiler per process and template folder: fonts are loaded once. Keyed by process id
    too: a compiler inherited through fork() has lost its threads and must not be used in the child."""
    key = f"{os.getpid()}:{templates}"
    if key not in _COMPILER:
        _COMPILER[key] = new_compiler(templates)
    return _COMPILER[key]


def render_bytes(data: dict[str, Any] | str, templates: str, standard: str = STANDARDS[0]) -> bytes:
    """The PDF of one document's data, in memory (raises PdfError with typst's message)."""
    import typst

    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, sort_keys=True)
    parsed = json.loads(text)
    y, m, d = parsed["date"]
    stamp = datetime.datetime(y, m, d, tzinfo=datetime.UTC)
    try:
        out = _compiler(templates).compile(
            input=str(Path(templates, TEMPLATE)),
            format="pdf",
            sys_inputs={"data": text},
            pdf_standards=standard.split("+"),
            timestamp=stamp,
        )
    except typst.TypstError as exc:
        raise PdfError(f"typst: {exc.message} {exc.hints or ''} {exc.trace or ''}".strip()) from None
    assert isinstance(out, bytes)
    return out


def _sum_path(pdf_path: Path) -> Path:
    return pdf_path.with_suffix(".sha256")


def render_one(data: str, templates: str, key: str, dest: str, standard: str = STANDARDS[0]) -> str:
    """Render one PDF into `dest` atomically (temporary file, then rename), its checksum beside it."""
    content = render_bytes(data, templates, standard)
    out = Path(dest)
    write_bytes_atomic(out, content)
    write_bytes_atomic(_sum_path(out), hashlib.sha256(content).hexdigest().encode())
    return dest


def cache_problem(path: Path) -> str | None:
    """Why the cached PDF at `path` cannot be used (None when it is whole), without parsing it."""
    if not path.exists():
        return "missing"
    try:
        content = path.read_bytes()
        want = _sum_path(path).read_text("ascii").strip()
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    if not content.startswith(b"%PDF-") or not content.rstrip().endswith(b"%%EOF"):
        return "not a complete PDF (truncated or damaged)"
    if hashlib.sha256(content).hexdigest() != want:
        return "its checksum does not match (damaged)"
    return None


def _task(args: tuple[str, str, str, str, str, str]) -> str:
    data, templates, key, dest, standard, name = args
    try:
        return render_one(data, templates, key, dest, standard)
    except PdfError as exc:
        raise PdfError(f"{name}: {exc}") from None


def build_all(hb: Handbook, site: Path, langs: list[str], opts: PdfOptions) -> dict[str, int]:
    """Render what the cache lacks (in parallel), then copy every PDF into `site/pdf/`."""
    _check_standard(opts)
    try:
        opts.cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PdfError(
            f"cannot create the PDF cache folder {opts.cache_dir}: {exc.strerror or exc}"
        ) from None
    jobs: list[Job] = []
    todo: list[Job] = []
    data_of: dict[str, str] = {}  # the print data of what is rendered (the key is its hash)
    for j, data in _keyed(hb, site, langs, opts):
        jobs.append(j)
        path = opts.cache_dir / f"{j.key}.pdf"
        why = cache_problem(path)
        if why is None:
            continue
        if why != "missing":
            log.warning(f"PDF cache: {path} ({j.name}) is {why}; rendering it again")
        todo.append(j)
        data_of[j.key] = data
    base = str(opts.templates.resolve())
    say = opts.progress or (lambda i, n, name: log.info(f"PDF {i}/{n} {name}"))
    by_file = {p.id: p.file for p in hb.positions}

    def task(j: Job) -> tuple[str, str, str, str, str, str]:
        data = data_of[j.key]
        where = j.name if j.catalogue else f"{j.name} (from {by_file.get(j.positions[0], j.positions[0])})"
        return (data, base, j.key, str(opts.cache_dir / f"{j.key}.pdf"), opts.standard, where)

    done = 0
    if todo:
        workers = max(1, min(opts.workers or os.cpu_count() or 1, len(todo)))
        if workers == 1:
            for j in todo:
                _task(task(j))
                done += 1
                say(done, len(todo), j.name)
        else:
            import multiprocessing

            # spawn, not fork: typst's native thread pool does not survive fork() once it has run in
            # this process (a forked worker waits for ever); a fresh worker costs a few tenths of a second
            ctx = multiprocessing.get_context("spawn")
            # the catalogues are the longest documents: start them first; a large one needs gigabytes
            # while it is laid out (6.5 GB at 1000 positions), so then only one is rendered at a time
            catalogues = [j for j in todo if j.catalogue]
            positions = [j for j in todo if not j.catalogue]
            at_once = len(catalogues) if len(hb.positions) <= LARGE_CATALOGUE else 1
            from concurrent.futures import FIRST_COMPLETED, Future, wait
            from concurrent.futures.process import BrokenProcessPool

            try:
                with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                    running: dict[Future[str], Job] = {}

                    def submit(j: Job) -> None:
                        running[pool.submit(_task, task(j))] = j

                    for j in catalogues[:at_once]:
                        submit(j)
                    waiting = catalogues[at_once:]
                    for j in positions:
                        submit(j)
                    while running:
                        finished, _ = wait(running, return_when=FIRST_COMPLETED)
                        for fut in finished:
                            j = running.pop(fut)
                            fut.result()
                            done += 1
                            say(done, len(todo), j.name)
                            if j.catalogue and waiting:
                                submit(waiting.pop(0))
            except BrokenProcessPool:
                raise PdfError(
                    "a PDF worker process ended abruptly (out of memory?); nothing was lost: the PDFs "
                    "rendered so far are in the cache. Try again, or with fewer workers"
                ) from None
    for j in jobs:
        try:
            Path(j.out).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(opts.cache_dir / f"{j.key}.pdf", j.out)
        except OSError as exc:
            raise PdfError(f"cannot write {j.out}: {exc.strerror or exc}") from None
    log.info(f"PDF: {len(jobs)} documents, {len(todo)} rendered, {len(jobs) - len(todo)} from the cache")
    return {"total": len(jobs), "rendered": len(todo), "cached": len(jobs) - len(todo)}
