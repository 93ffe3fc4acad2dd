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

import contextlib
import json
import logging
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

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
from .pdf import STANDARDS as PDF_STANDARDS
from .site import GENERATED_DIRS, SiteOptions, pages
from .status import translation_status
from .validate import load_handbook

log = logging.getLogger("mkdocs.plugins.jobdesc")

_TRUE = {"1", "true", "yes", "on"}


def _switched_off(variable: str) -> bool:
    """An environment variable set to 0/false/no/off."""
    return os.environ.get(variable, "").lower() in {"0", "false", "no", "off"}


class JobdescConfig(Config):
    positions_dir = c.Type(str, default="positions")
    templates_dir = c.Type(str, default="overrides/jobdesc")
    edit_url = c.Optional(c.Type(str))
    include_salary = c.Type(bool, default=True)
    pdf = c.Type(bool, default=True)
    pdf_cache_dir = c.Type(str, default=".cache/pdf")
    pdf_standard = c.Choice(PDF_STANDARDS, default=PDF_STANDARDS[0])  # PDF/UA-1 + PDF/A-2a; or "a-1a"
    require_translations = c.Type(bool, default=True)
    history = c.Type(bool, default=True)
    company = c.Type(dict, default={})
    document_number = c.Type(str, default="{n:03d}")
    nav_max_entries = c.Type(int, default=60)  # larger: the sidebar leaves families and positions out
    parallel = c.Type(bool, default=True)  # build the languages in two processes (`mkdocs build` only)


class JobdescPlugin(BasePlugin[JobdescConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.handbook: Handbook | None = None
        self._prepared = False
        self._history: dict[str, tuple[git_history.Change, ...]] = {}
        self._command: str | None = None
        self._templates: dict[str, str] = {}  # this build's 404.html and sitemap.xml, as rendered
        self._root_files: dict[str, str] = {}  # the default language's copies, written at the end
        self._sitemap = ""  # the newest sitemap of this process (it lists every language built so far)
        self._child: tuple[int, int, list[str]] | None = None  # pid, pipe, languages of the other process
        self._i18n_build: Callable[..., Any] | None = None  # static-i18n's `build`, while it is wrapped

    # -- helpers ------------------------------------------------------------------------------
    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def include_salary(self) -> bool:
        env = os.environ.get("JOBDESC_NO_SALARY", "").lower()
        return self.config.include_salary and env not in _TRUE

    def pdf_enabled(self) -> bool:
        return self.config.pdf and not _switched_off("JOBDESC_PDF")

    def _i18n(self, config: MkDocsConfig) -> Any:
        return config.plugins.get("i18n")

    # -- events -------------------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._prepared = False
        self._command = command

    def _current_lang(self, config: MkDocsConfig) -> str:
        i18n = self._i18n(config)
        return str(i18n.current_language) if i18n is not None and i18n.current_language else DEFAULT_LANG

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
        sub-section per family. With Material's `navigation.prune` a page carries the families and the
        positions of its own family only.

        A page's sidebar then still has one entry per family plus its family's positions; rendered on
        every page, that made the build superlinear at 1000 positions in 100 families (see
        benchmarks/RESULTS.md). Above `nav_max_entries` the sidebar keeps the catalogue only: the
        catalogue lists every family (and its table of contents names them), each position page shows
        its catalogue › family breadcrumbs, and search finds every position."""
        families = sorted(hb.catalogue.families, key=lambda f: (f.order, f.id))
        members = {f.id: [f"positions/{p.id}.md" for p in hb.positions if p.family == f.id] for f in families}
        largest = max((len(m) for m in members.values()), default=0)
        compact = sum(1 for m in members.values() if m) + largest > self.config.nav_max_entries
        section = str(labels(DEFAULT_LANG)["ui"]["catalogue"])
        nav: list[Any] = []
        for item in config.nav or []:
            if item == "positions/index.md" and not compact:
                children: list[Any] = [item]
                children += [
                    {fam.title.get(DEFAULT_LANG): members[fam.id]} for fam in families if members[fam.id]
                ]
                nav.append({section: children})
            else:
                nav.append(item)
        config.nav = nav
        if compact:
            # the positions are meant to be outside the sidebar: no note listing 4000 pages
            config.validation.nav.omitted_files = logging.DEBUG
            log.info(
                f"jobdesc: {len(hb.positions)} positions in {len(families)} families: the sidebar "
                f"lists the catalogue, not every family (nav_max_entries: {self.config.nav_max_entries})"
            )
        i18n = self._i18n(config)
        if i18n is None or compact:
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
        """Our Jinja templates live in the theme folder (`overrides/`); they are not site files.
        In the first language's build this is also where the second build process starts."""
        for f in list(files):
            if f.src_uri.startswith(("jobdesc/", "print/")) and not f.is_documentation_page():
                files.remove(f)
        self._fork_languages(config)
        return files

    # -- languages in two processes ---------------------------------------------------------------
    def _parallel(self) -> bool:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        return (
            self.config.parallel
            and not _switched_off("JOBDESC_PARALLEL")
            and self._command != "serve"
            and hasattr(os, "fork")
            and cores > 1
        )

    def _fork_languages(self, config: MkDocsConfig) -> None:
        """static-i18n builds the languages one after another in one process, each a full MkDocs build.
        Here, once the site folder is cleaned, a forked process takes the second half of the languages
        while this one builds the first half (the default language first, as before): on two cores the
        HTML build takes about half the time. The other process writes its languages' own files only;
        this one skips those languages in static-i18n's loop, waits for it, and fails if it failed."""
        i18n = self._i18n(config)
        if i18n is None or i18n.building or self._child is not None or not self._parallel():
            return
        langs = [lang for lang in i18n.build_languages if lang != i18n.current_language]
        theirs = langs[len(langs) // 2 :]  # this process: the default language and the first others
        if not theirs:
            return
        read_end, write_end = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            self._build_in_child(config, i18n, theirs, write_end)
        os.close(write_end)
        self._child = (pid, read_end, theirs)
        import mkdocs_static_i18n.plugin as i18n_plugin

        original = i18n_plugin.build

        def build_unless_elsewhere(cfg: Any, *args: Any, **kwargs: Any) -> Any:
            if i18n.current_language in theirs:
                return None  # the other process builds this language
            return original(cfg, *args, **kwargs)

        i18n_plugin.build = build_unless_elsewhere
        self._i18n_build = original

    def _build_in_child(self, config: MkDocsConfig, i18n: Any, langs: list[str], pipe: int) -> NoReturn:
        """The forked process: build `langs` as static-i18n's loop would, report back, exit.

        The report (JSON on a pipe) carries the sitemap and the warnings and errors logged here, so
        the parent can name the cause even where this process's own log output is not seen."""
        code = 1
        messages: list[str] = []

        class Keep(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                messages.append(f"{record.levelname}: {record.getMessage()}")

        keep = Keep(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(keep)
        report: dict[str, Any] = {}
        try:
            from mkdocs import utils
            from mkdocs.commands.build import build

            utils.clean_directory = lambda path: None  # type: ignore[assignment]  # the parent cleaned it
            i18n.building = True
            dirty = "--dirty" in sys.argv or "--dirtyreload" in sys.argv
            for locale in langs:
                i18n.current_language = locale
                build(config, dirty=dirty)
            report = {"ok": True, "sitemap": self._sitemap}
            code = 0
        except BaseException as exc:  # reported, then the parent fails the build
            report = {"ok": False, "error": str(exc)}
        finally:
            report["messages"] = messages[-50:]
            try:
                with os.fdopen(pipe, "w", encoding="utf-8") as out:
                    json.dump(report, out)
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)

    def _join_child(self) -> list[str]:
        """Wait for the other process; its sitemap, or a PluginError with its messages if it failed."""
        if self._child is None:
            return []
        pid, pipe, langs = self._child
        self._child = None
        with os.fdopen(pipe, encoding="utf-8") as src:
            raw = src.read()
        _, status = os.waitpid(pid, 0)
        if self._i18n_build is not None:
            import mkdocs_static_i18n.plugin as i18n_plugin

            i18n_plugin.build = self._i18n_build
            self._i18n_build = None
        try:
            report = json.loads(raw) if raw else {}
        except ValueError:
            report = {}
        if os.waitstatus_to_exitcode(status) != 0 or not report.get("ok"):
            why = [*report.get("messages", []), *([report["error"]] if report.get("error") else [])]
            detail = "".join(f"\n  {line}" for line in why) or " (it stopped without a report)"
            raise PluginError(f"building the {', '.join(langs)} pages failed:{detail}")
        return [str(report.get("sitemap") or "")]

    def on_build_error(self, *, error: Exception) -> None:
        if self._child is not None:
            pid = self._child[0]
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            with contextlib.suppress(PluginError):
                self._join_child()

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
        title = page.title  # derived from the Markdown: keep it, later pages' navs still name this one
        page.markdown = None
        page.content = None
        page.title = title
        return output

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """static-i18n sets each page's language links as an attribute `config.extra.alternate`, which
        hides the item it resets for every language; without this the 404 page of a language built
        after another linked to the last page of the one before."""
        vars(config.extra).pop("alternate", None)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name in postbuild.ROOT_TEMPLATES:
            self._templates[template_name] = output_content
        return output_content

    @event_priority(-50)
    def _collect_language(self, config: MkDocsConfig) -> None:
        """After each language's build (its search index is made, static-i18n has not moved on): keep
        that language's search index, 404 page and sitemap, taken from memory, in its own folder."""
        lang = self._current_lang(config)
        files = dict(self._templates)
        self._templates = {}
        if "sitemap.xml" in files:
            self._sitemap = files["sitemap.xml"]
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        if index is not None and hasattr(index, "generate_search_index"):
            raw = index.generate_search_index(None)
            files["search/search_index.json"] = postbuild.search_index(raw, lang, DEFAULT_LANG)
        if lang == DEFAULT_LANG:
            self._root_files = files
        else:
            files.pop("sitemap.xml", None)  # one sitemap, of every language, at the root
            postbuild.write_language_files(
                postbuild.language_dir(Path(config.site_dir), lang, DEFAULT_LANG), files
            )

    @event_priority(-150)
    def _after_all(self, config: MkDocsConfig) -> None:
        i18n = self._i18n(config)
        if i18n is not None and i18n.building:
            return
        site = Path(config.site_dir)
        sitemaps = [self._sitemap, *self._join_child()]
        root = dict(self._root_files)
        if any(sitemaps):
            root["sitemap.xml"] = postbuild.merge_sitemaps([m for m in sitemaps if m])
        postbuild.write_language_files(site, root)
        langs = list(i18n.build_languages) if i18n is not None else [DEFAULT_LANG]
        if self.handbook is not None:
            export.write_exports(self.handbook, site, langs, self.include_salary())
        if self.pdf_enabled() and self.handbook is not None:
            from . import pdf

            try:
                pdf.build_all(self.handbook, site, langs, self.pdf_options(config))
            except pdf.PdfError as exc:
                raise PluginError(f"jobdesc: PDF: {exc}") from None

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
            standard=self.config.pdf_standard,
        )

    from mkdocs.plugins import CombinedEvent as _CE

    on_post_build = _CE(_collect_language, _after_all)


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
