"""Printable PDFs with WeasyPrint from our own print template (`overrides/print/`).

- Offline and safe: the URL fetcher reads local files below the print folder and `data:` URLs only.
- Cached: a PDF is keyed by the SHA-256 of everything that goes into it (HTML, stylesheet, fonts,
  WeasyPrint version); an unchanged position renders nothing. Cache files are written to a temporary
  name and renamed, so an interrupted render never leaves a truncated PDF behind.
- Parallel: uncached documents render in a process pool across the machine's cores.
- Reproducible: dates come from the data (git history), the PDF identifier from the content hash.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .history import Change
from .labels import labels
from .model import DEFAULT_LANG, Handbook, Position, Text
from .render import PageOptions, direction, environment, sections, tv
from .text import plain

log = logging.getLogger("mkdocs.plugins.jobdesc.pdf")
FIXED_DATE = "2000-01-01"


@dataclass
class PdfOptions:
    templates: Path  # the print folder: position.html.j2, print.css, fonts/
    cache_dir: Path
    include_salary: bool = True
    company: dict[str, Any] = field(default_factory=dict)
    document_number: str = "{n:03d}"
    history: dict[str, tuple[Change, ...]] = field(default_factory=dict)
    workers: int | None = None
    progress: Callable[[int, int, str], None] | None = None


@dataclass(frozen=True)
class Job:
    key: str  # hash of every input of the document
    out: str  # final path in the site
    name: str
    lang: str
    positions: tuple[str, ...]  # position ids, in order
    title: str
    members: tuple[str, ...] = ()  # catalogue: cache keys of its position PDFs, merged after a contents page


def _localized(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get(DEFAULT_LANG) or "")
    return str(value or "")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _page_of(lang: str) -> Markup:
    words = str(labels(lang)["ui"]["page_of"])
    parts = []
    rest = words
    while rest:
        i = min((rest.find(p) for p in ("{page}", "{pages}") if p in rest), default=-1)
        if i < 0:
            parts.append(_css_string(rest))
            break
        if i:
            parts.append(_css_string(rest[:i]))
        token = "{pages}" if rest.startswith("{pages}", i) else "{page}"
        parts.append("counter(pages)" if token == "{pages}" else "counter(page)")
        rest = rest[i + len(token) :]
    return Markup(" ".join(parts))


def document_html(
    hb: Handbook, positions: list[Position], lang: str, opts: PdfOptions, title: str, toc_only: bool = False
) -> str:
    env = environment(opts.templates)
    index = {p.id: i for i, p in enumerate(hb.positions, 1)}
    docs = []
    dates = []
    for pos in positions:
        page_opts = PageOptions(include_salary=opts.include_salary)
        docs.append(
            {
                "id": pos.id,
                "title": tv(pos.title, lang),
                "summary": tv(pos.summary, lang),
                "number": opts.document_number.format(n=index[pos.id], id=pos.id),
                "sections": () if toc_only else sections(pos, hb, lang, page_opts),
            }
        )
        hist = opts.history.get(pos.id, ())
        dates.append(hist[0].date if hist else FIXED_DATE)
    company = _localized(opts.company.get("name"), lang)
    return env.get_template("position.html.j2").render(
        lang=lang,
        dir=direction(lang),
        L=labels(lang),
        documents=docs,
        title=title,
        author=company,
        company=company,
        approver=_localized(opts.company.get("approver"), lang),
        subject=labels(lang)["document"],
        keywords=", ".join(p.id for p in positions),
        date=max(dates) if dates else FIXED_DATE,
        page_of_css=_page_of(lang),
        toc_only=toc_only,
    )


def _fingerprint(templates: Path) -> str:
    """Hash of the stylesheet, fonts and WeasyPrint version: a change to any re-renders every PDF."""
    from importlib.metadata import version  # not `import weasyprint`: a run of cache hits never loads it

    h = hashlib.sha256(version("weasyprint").encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):  # our own code draws the documents too
        h.update(source.read_bytes())
    for path in sorted(templates.rglob("*")):
        if path.is_file() and path.suffix in (".css", ".ttf", ".otf", ".woff", ".woff2"):
            h.update(path.relative_to(templates).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _view(value: Any, lang: str) -> Any:
    """The model as one language sees it: every Text becomes its text in `lang` (and whether it fell back)."""
    if isinstance(value, Text):
        return (value.get(lang), value.is_fallback(lang))
    if isinstance(value, (tuple, list)):
        return tuple(_view(v, lang) for v in value)
    if isinstance(value, dict):
        return tuple((k, _view(v, lang)) for k, v in value.items())
    if hasattr(value, "__dataclass_fields__"):
        return (type(value).__name__, *(_view(getattr(value, f), lang) for f in value.__dataclass_fields__))
    return value


def plan(hb: Handbook, site: Path, langs: list[str], opts: PdfOptions) -> list[Job]:
    """Every PDF of the build, keyed by a hash of its inputs (not of its HTML: a cache hit renders nothing).

    The inputs, as the document's language sees them: the position, the catalogue, the titles of the
    positions it names, its number, the labels, the options, its history date, and the print template,
    stylesheet, fonts, our code and WeasyPrint's version. A Russian edit re-renders Russian PDFs only."""
    base = hashlib.sha256()
    base.update(_fingerprint(opts.templates).encode())
    template = opts.templates / "position.html.j2"
    base.update(template.read_bytes() if template.exists() else b"")
    base.update(repr((sorted(opts.company.items()), opts.document_number, opts.include_salary)).encode())
    index = {p.id: i for i, p in enumerate(hb.positions, 1)}
    by_id = {p.id: p for p in hb.positions}
    jobs = []
    for lang in langs:
        lang_key = base.copy()
        lang_key.update(lang.encode())
        lang_key.update(repr(labels(lang)).encode())
        lang_key.update(repr(_view(hb.catalogue, lang)).encode())
        keys = {}
        for p in hb.positions:
            h = hashlib.sha256(repr(_view(p, lang)).encode())
            g = p.general
            named = (
                g.appointed_by,
                g.on_proposal_of,
                *g.reports_to,
                *g.reports_also_to,
                *g.gives_orders_to,
                *g.substitutes,
                *g.substituted_by,
                *p.career.from_,
                *p.career.to,
            )
            h.update(repr([(r, _view(by_id[r].title, lang)) for r in named if r in by_id]).encode())
            hist = opts.history.get(p.id, ())
            h.update((hist[0].date if hist else FIXED_DATE).encode())
            h.update(str(index[p.id]).encode())
            keys[p.id] = h.hexdigest()
        for pos in hb.positions:
            k = lang_key.copy()
            k.update(keys[pos.id].encode())
            name = f"{pos.id}.{lang}.pdf"
            jobs.append(
                Job(
                    k.hexdigest(), str(site / "pdf" / name), name, lang, (pos.id,), plain(pos.title.get(lang))
                )
            )
        k = lang_key.copy()
        members = tuple(j.key for j in jobs if j.lang == lang)
        for key in members:
            k.update(key.encode())
        name = f"catalogue.{lang}.pdf"
        title = str(labels(lang)["ui"]["catalogue"])
        every = tuple(p.id for p in hb.positions)
        jobs.append(Job(k.hexdigest(), str(site / "pdf" / name), name, lang, every, title, members))
    return jobs


def job_html(hb: Handbook, job: Job, opts: PdfOptions) -> str:
    """The print HTML of a position, or the contents page of a catalogue."""
    by_id = {p.id: p for p in hb.positions}
    chosen = [by_id[i] for i in job.positions]
    return document_html(hb, chosen, job.lang, opts, job.title, toc_only=bool(job.members))


def merge_catalogue(job: Job, opts: PdfOptions, contents: Path, dest: Path) -> None:
    """The catalogue PDF: its contents page, then every position's PDF from the cache, with bookmarks.
    Merging costs a fraction of a second; rendering 700 pages anew would cost minutes."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter()
    writer.append(str(contents))
    for key, pid in zip(job.members, job.positions, strict=True):
        reader = PdfReader(str(opts.cache_dir / f"{key}.pdf"))
        meta = reader.metadata
        writer.append(reader, outline_item=str(meta.title) if meta and meta.title else pid)
    first: dict[str, Any] = dict(PdfReader(str(contents)).metadata or {})
    writer.add_metadata({k: v for k, v in first.items() if isinstance(k, str)})
    writer._root_object[NameObject("/Lang")] = TextStringObject(job.lang)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-", suffix=".pdf")
    os.close(fd)
    try:
        with open(tmp, "wb") as fh:
            writer.write(fh)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _LocalFetcher:
    """Let WeasyPrint read files below `root` and data: URLs, nothing else (no network)."""

    def __init__(self, root: Path) -> None:
        from weasyprint.urls import URLFetcher

        self.root = root.resolve()
        self.inner = URLFetcher(allowed_protocols={"file", "data"})

    def __call__(self, url: str) -> Any:
        if url.startswith("file:"):
            from urllib.parse import unquote, urlparse

            path = Path(unquote(urlparse(url).path)).resolve()
            if not path.is_relative_to(self.root):
                raise ValueError(f"jobdesc: PDF may only read files below {self.root}, not {path}")
        elif not url.startswith("data:"):
            raise ValueError(f"jobdesc: PDF may not fetch {url.split(':', 1)[0]}: URLs")
        return self.inner(url)


def render_one(html: str, base: str, key: str, dest: str) -> str:
    """Render one PDF into `dest` atomically (temporary file, then rename)."""
    from weasyprint import HTML

    out = Path(dest)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".tmp-", suffix=".pdf")
    os.close(fd)
    try:
        HTML(string=html, base_url=base + "/", url_fetcher=_LocalFetcher(Path(base))).write_pdf(
            tmp, pdf_identifier=bytes.fromhex(key[:32]), uncompressed_pdf=False
        )
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dest


def build_all(hb: Handbook, site: Path, langs: list[str], opts: PdfOptions) -> dict[str, int]:
    """Render what the cache lacks (in parallel), merge catalogues, copy everything into `site/pdf/`."""
    jobs = plan(hb, site, langs, opts)
    opts.cache_dir.mkdir(parents=True, exist_ok=True)
    todo = [j for j in jobs if not (opts.cache_dir / f"{j.key}.pdf").exists()]
    base = str(opts.templates.resolve())
    say = opts.progress or (lambda i, n, name: log.info(f"PDF {i}/{n} {name}"))

    def target(j: Job) -> str:  # a catalogue renders its contents page first, merged below
        return str(opts.cache_dir / (f"{j.key}.contents.pdf" if j.members else f"{j.key}.pdf"))

    done = 0
    if todo:
        workers = max(1, min(opts.workers or os.cpu_count() or 1, len(todo)))
        if workers == 1:
            for j in todo:
                render_one(job_html(hb, j, opts), base, j.key, target(j))
                done += 1
                say(done, len(todo), j.name)
        else:
            import multiprocessing
            from concurrent.futures import as_completed

            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                futures = {
                    pool.submit(render_one, job_html(hb, j, opts), base, j.key, target(j)): j for j in todo
                }
                for fut in as_completed(futures):
                    fut.result()
                    done += 1
                    say(done, len(todo), futures[fut].name)
        for j in todo:
            if j.members:
                contents = Path(target(j))
                merge_catalogue(j, opts, contents, opts.cache_dir / f"{j.key}.pdf")
                contents.unlink(missing_ok=True)
    for j in jobs:
        Path(j.out).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(opts.cache_dir / f"{j.key}.pdf", j.out)
    log.info(f"PDF: {len(jobs)} documents, {len(todo)} rendered, {len(jobs) - len(todo)} from the cache")
    return {"total": len(jobs), "rendered": len(todo), "cached": len(jobs) - len(todo)}
