"""The MkDocs face of jobdesc: validate positions, write their pages, then finish the multilingual site.

Events (static-i18n runs every build event once per language, its own at priority -100):
- on_config (100): load and validate `positions/` once per build, write generated Markdown into
  `docs/positions/` and `docs/compare/` (only files whose content changed, so `mkdocs serve` does not loop),
  and name the nav's family sections in every language.
- on_serve: watch the YAML and templates.
- on_post_build (-150, after all languages): one search index per language, one 404 page per language,
  and the PDFs.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import export, postbuild
from . import history as git_history
from .errors import ValidationFailed
from .labels import labels
from .model import DEFAULT_LANG, LANGS, Handbook
from .site import GENERATED_DIRS, SiteOptions, pages
from .status import translation_status
from .validate import load_handbook

log = logging.getLogger("mkdocs.plugins.jobdesc")

_TRUE = {"1", "true", "yes", "on"}


class JobdescConfig(Config):
    positions_dir = c.Type(str, default="positions")
    templates_dir = c.Type(str, default="overrides/jobdesc")
    edit_url = c.Optional(c.Type(str))
    include_salary = c.Type(bool, default=True)
    pdf = c.Type(bool, default=True)
    pdf_cache_dir = c.Type(str, default=".cache/pdf")
    require_translations = c.Type(bool, default=True)
    history = c.Type(bool, default=True)
    company = c.Type(dict, default={})
    document_number = c.Type(str, default="{n:03d}")


class JobdescPlugin(BasePlugin[JobdescConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.handbook: Handbook | None = None
        self._prepared = False
        self._404: bytes | None = None
        self._history: dict[str, tuple[git_history.Change, ...]] = {}

    # -- helpers ------------------------------------------------------------------------------
    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def include_salary(self) -> bool:
        env = os.environ.get("JOBDESC_NO_SALARY", "").lower()
        return self.config.include_salary and env not in _TRUE

    def pdf_enabled(self) -> bool:
        env = os.environ.get("JOBDESC_PDF", "").lower()
        return self.config.pdf and env not in {"0", "false", "no", "off"}

    def _i18n(self, config: MkDocsConfig) -> Any:
        return config.plugins.get("i18n")

    # -- events -------------------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._prepared = False

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        i18n = self._i18n(config)
        if i18n is not None and getattr(i18n, "building", False) and self._prepared:
            return config  # nested language build: the pages are written already
        root = self._root(config)
        try:
            hb = load_handbook(
                root / self.config.positions_dir,
                display_root=root,
                require_translations=self.config.require_translations,
            )
        except ValidationFailed as exc:
            raise PluginError("the positions have errors:\n" + "\n".join(map(str, exc.problems))) from None
        self.handbook = hb
        folder = git_history.folder_history(root / self.config.positions_dir)  # one git log for both uses
        hist: dict[str, tuple[git_history.Change, ...]] = {}
        if self.config.history:
            hist = {p.id: folder.of(Path(p.file).name) for p in hb.positions}
        self._history = hist
        try:
            trans = translation_status(root / self.config.positions_dir, root, folder)
        except ValidationFailed:
            trans = []
        opts = SiteOptions(
            edit_url=self.config.edit_url,
            include_salary=self.include_salary(),
            pdf=self.pdf_enabled(),
            history=hist,
            status=trans,
        )
        want = pages(hb, root / self.config.templates_dir, opts)
        write_generated(Path(config.docs_dir), want)
        self._set_nav(config, hb)
        self._prepared = True
        return config

    def _set_nav(self, config: MkDocsConfig, hb: Handbook) -> None:
        """Put the positions into the nav as one section (the catalogue is its index page) with a
        sub-section per family. With Material's `navigation.prune` a page then carries the families
        and the positions of its own family only, not every position: at 1000 positions a nav of
        every position on every page made the build quadratic (see benchmarks/RESULTS.md)."""
        families = sorted(hb.catalogue.families, key=lambda f: (f.order, f.id))
        section = str(labels(DEFAULT_LANG)["ui"]["catalogue"])
        nav: list[Any] = []
        for item in config.nav or []:
            if item == "positions/index.md":
                children: list[Any] = [item]
                for fam in families:
                    members = [f"positions/{p.id}.md" for p in hb.positions if p.family == fam.id]
                    if members:
                        children.append({fam.title.get(DEFAULT_LANG): members})
                nav.append({section: children})
            else:
                nav.append(item)
        config.nav = nav
        i18n = self._i18n(config)
        if i18n is None:
            return
        for lang_cfg in i18n.config.languages:
            if lang_cfg.locale == DEFAULT_LANG or lang_cfg.locale not in LANGS:
                continue
            tr = dict(lang_cfg.nav_translations or {})
            tr[section] = str(labels(lang_cfg.locale)["ui"]["catalogue"])
            for fam in families:
                tr[fam.title.get(DEFAULT_LANG)] = fam.title.get(lang_cfg.locale)
            lang_cfg.nav_translations = tr

    def on_files(self, files: Any, config: MkDocsConfig) -> Any:
        """Our Jinja templates live in the theme folder (`overrides/`); they are not site files."""
        for f in list(files):
            if f.src_uri.startswith(("jobdesc/", "print/")) and not f.is_documentation_page():
                files.remove(f)
        return files

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        root = self._root(config)
        server.watch(str(root / self.config.positions_dir))
        server.watch(str(root / self.config.templates_dir))
        return server

    @event_priority(-200)
    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        """Let go of a page's Markdown source and HTML body once its file is rendered.

        MkDocs keeps every page object until the build ends, and static-i18n keeps the pages of every
        language until all languages are built; nothing reads a page's source or body after this event
        (search has indexed it, the output is written next). At 1000 positions that is 4020 pages, about
        0.55 MB each, so this keeps the peak memory well under the 1.5 GiB target (benchmarks/RESULTS.md)."""
        page.markdown = None
        page.content = None
        return output

    @event_priority(0)
    def _keep_404(self, config: MkDocsConfig) -> None:
        """Every language build writes the same `404.html`: keep each language's own copy."""
        path = Path(config.site_dir, "404.html")
        if not path.exists():
            return
        i18n = self._i18n(config)
        lang = i18n.current_language if i18n is not None else DEFAULT_LANG
        if lang == DEFAULT_LANG:
            self._404 = path.read_bytes()
        else:
            (Path(config.site_dir) / lang).mkdir(parents=True, exist_ok=True)
            (Path(config.site_dir) / lang / "404.html").write_bytes(path.read_bytes())

    @event_priority(-150)
    def _after_all(self, config: MkDocsConfig) -> None:
        i18n = self._i18n(config)
        if i18n is not None and i18n.building:
            return
        site = Path(config.site_dir)
        if self._404 is not None:
            (site / "404.html").write_bytes(self._404)
        langs = list(i18n.build_languages) if i18n is not None else [DEFAULT_LANG]
        postbuild.split_search_index(site, DEFAULT_LANG, langs)
        if self.handbook is not None:
            export.write_exports(self.handbook, site, langs, self.include_salary())
        if self.pdf_enabled() and self.handbook is not None:
            from . import pdf  # WeasyPrint is heavy: import only when PDFs are wanted

            pdf.build_all(self.handbook, site, langs, self.pdf_options(config))

    def pdf_options(self, config: MkDocsConfig) -> Any:
        """The options the PDFs of this build are rendered (and their cache keyed) with."""
        from . import pdf

        root = self._root(config)
        return pdf.PdfOptions(
            templates=root / "overrides" / "print",
            cache_dir=root / self.config.pdf_cache_dir,
            include_salary=self.include_salary(),
            company=self.config.company,
            document_number=self.config.document_number,
            history=self._history,
        )

    from mkdocs.plugins import CombinedEvent as _CE

    on_post_build = _CE(_keep_404, _after_all)


def write_generated(docs_dir: Path, want: dict[str, str]) -> None:
    """Write generated pages whose content changed; remove stale ones from the generated folders."""
    for rel, text in want.items():
        path = docs_dir / rel
        if not path.exists() or path.read_text("utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, "utf-8")
            tmp.replace(path)
    wanted = {(docs_dir / rel).resolve() for rel in want}
    for folder in GENERATED_DIRS:
        for path in (docs_dir / folder).glob("*.md"):
            if path.resolve() not in wanted:
                path.unlink()
