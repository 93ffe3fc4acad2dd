"""The generated part of the site: which pages exist, with what title and body, for every language.

Pure functions of the handbook (plus history and options): the MkDocs plugin gives MkDocs a placeholder
source file for each page `pages()` returns and hands over the page's HTML body itself; the tests can
call it directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..core.history import Change
from ..core.labels import experience_text, labels
from ..core.model import DEFAULT_LANG, LANGS, NATIVE_NAMES, Handbook
from ..core.status import Status
from ..core.text import plain
from . import compare
from .render import GeneratedPage, PageOptions, direction, environment, position_page, salary_range, tv

GENERATED_DIRS = ("positions", "compare", "status")


@dataclass
class SiteOptions:
    edit_url: str | None = None  # e.g. "https://git.example/hr/jobdesc/-/edit/main/{path}"
    include_salary: bool = True
    pdf: bool = True
    history: dict[str, tuple[Change, ...]] = field(default_factory=dict)  # position id -> changes
    status: list[Status] = field(default_factory=list)  # translation status, for the HR page
    languages: tuple[str, ...] = LANGS  # the languages whose pages are made now
    # False: a one-language preview, at its own root (no links into other languages' pages or the PDFs);
    # True: the pages are (a part of) the whole site, each language in its folder
    whole_site: bool = True


def md_name(base: str, lang: str) -> str:
    """`positions/sales-manager` + `bg` -> `positions/sales-manager.bg.md` (static-i18n suffix layout)."""
    return f"{base}.{lang}.md"


def pdf_name(pid: str, lang: str) -> str:
    return f"pdf/{pid}.{lang}.pdf"


def _up(lang: str, depth: int) -> str:
    """Relative path from a page `depth` folders deep (in its language's tree) to the site root."""
    return "../" * (depth + (0 if lang == DEFAULT_LANG else 1))


def pages(
    hb: Handbook, templates: Path | None, opts: SiteOptions, bytecode_cache: Path | None = None
) -> dict[str, GeneratedPage]:
    """Every generated page: source path relative to docs_dir -> the page (`templates`: a project's folder
    of templates that replace the package's by name, or None; `bytecode_cache`: a folder for the compiled
    templates)."""
    env = environment(templates, bytecode_cache)
    out: dict[str, GeneratedPage] = {}
    hrefs = {p.id: f"../{p.id}/" for p in hb.positions}
    for lang in opts.languages:
        for pos in hb.positions:
            page_opts = PageOptions(
                pdf_href=_up(lang, 2) + pdf_name(pos.id, lang) if opts.pdf else None,
                edit_href=opts.edit_url.format(path=f"positions/{Path(pos.file).name}")
                if opts.edit_url
                else None,
                history=opts.history.get(pos.id, ()),
                include_salary=opts.include_salary,
                position_href=hrefs,
                charts=tuple(compare.salary_charts(hb, (pos,), lang, by_position=False))
                if opts.include_salary
                else (),
                career_steps=compare.career_steps(hb, pos, lang, opts.include_salary, "../../"),
                original_href=None
                if lang == DEFAULT_LANG or not opts.whole_site
                else _up(lang, 2) + f"positions/{pos.id}/",
            )
            out[md_name(f"positions/{pos.id}", lang)] = position_page(env, pos, hb, lang, page_opts)
        out[md_name("positions/index", lang)] = catalogue_page(env, hb, lang, opts)
        for base, page in compare.compare_pages(env, hb, lang, opts.include_salary).items():
            out[md_name(base, lang)] = page
        out[md_name("status/index", lang)] = status_page(env, hb, lang, opts.status)
    return out


def catalogue_page(env: jinja2.Environment, hb: Handbook, lang: str, opts: SiteOptions) -> GeneratedPage:
    families = []
    for fam in sorted(hb.catalogue.families, key=lambda f: (f.order, f.id)):
        rows = []
        for pos in hb.positions:
            if pos.family != fam.id:
                continue
            rows.append(
                {
                    "id": pos.id,
                    "title": tv(pos.title, lang),
                    "summary": tv(pos.summary, lang),
                    "reports_to": [tv(hb.name_of(r), lang) for r in pos.general.reports_to],
                    "experience": experience_text(
                        pos.qualification.experience.years,
                        plain(pos.qualification.experience.kind.get(lang))
                        if pos.qualification.experience.kind
                        else None,
                        lang,
                    ),
                    "salary": salary_range(pos, lang) if opts.include_salary else None,
                    "pdf": _up(lang, 1) + pdf_name(pos.id, lang) if opts.pdf else None,
                }
            )
        if rows:
            families.append({"id": fam.id, "title": tv(fam.title, lang), "rows": rows})
    body = env.get_template("catalogue.html.j2").render(
        lang=lang,
        dir=direction(lang),
        L=labels(lang),
        families=families,
        tree=compare.org_tree(hb, lang),
        include_salary=opts.include_salary,
        catalogue_pdf=_up(lang, 1) + pdf_name("catalogue", lang) if opts.pdf else None,
    )
    return GeneratedPage(str(labels(lang)["ui"]["catalogue"]), body)


def status_page(env: jinja2.Environment, hb: Handbook, lang: str, status: list[Status]) -> GeneratedPage:
    by_id = {s.position: s for s in status}
    rows = []
    todo = total = 0
    for pos in hb.positions:
        st = by_id.get(pos.id)
        cells = []
        for code in LANGS:
            m = len(st.missing[code]) if st else 0
            o = len(st.outdated[code]) if st else 0
            if st and code != DEFAULT_LANG:
                todo += m + o
                total += st.texts
            kind = "source" if code == DEFAULT_LANG else ("todo" if m or o else "ok")
            cells.append({"kind": kind, "missing": m, "outdated": o})
        items = [
            {"href": f"../positions/{pos.id}/#{o.anchor}", "path": o.path, "langs": o.langs}
            for o in (st.items if st else ())
        ]
        rows.append({"id": pos.id, "title": tv(pos.title, lang), "cells": cells, "outdated": items})
    share = 100.0 * (total - todo) / total if total else 100.0
    body = env.get_template("status.html.j2").render(
        L=labels(lang),
        lang=lang,
        langs=LANGS,
        lang_names=NATIVE_NAMES,
        rows=rows,
        total=f"{share:.1f} %",
    )
    return GeneratedPage(str(labels(lang)["ui"]["status_title"]), body)
