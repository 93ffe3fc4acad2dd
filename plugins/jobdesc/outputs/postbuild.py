"""Per-language outputs of the multilingual build: search indexes, 404 pages, sitemaps.

static-i18n builds every language into the same `site_dir`, and each language's build writes the
site-wide `search/search_index.json`, `404.html` and `sitemap.xml` again (the last one wins; its issue
#271 for search). jobdesc takes each language's copy as it is made (404 and sitemap from memory, as
rendered; the search index from the file the search plugin has just written, before the next language
is built) and writes it into that language's folder, and the default language's into the root once
every language is built.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path

from ..core.model import SEARCH_LANGS

ROOT_TEMPLATES = ("404.html", "sitemap.xml")


def language_dir(site: Path, lang: str, default: str) -> Path:
    return site if lang == default else site / lang


def search_index(raw: str, lang: str, default: str, generated: Sequence[dict[str, str]] = ()) -> str:
    """One language's index: its own entries (those the search plugin made from the hand-written
    pages, and the `generated` pages' entries jobdesc made) with locations relative to its folder,
    lunr set for it."""
    idx = json.loads(raw)
    prefix = "" if lang == default else f"{lang}/"
    docs = [
        dict(d, location=d["location"][len(prefix) :])
        for d in [*idx["docs"], *generated]
        if d["location"].startswith(prefix)
    ]
    config = dict(idx["config"], lang=[SEARCH_LANGS.get(lang, "en")])
    return json.dumps(dict(idx, config=config, docs=docs), ensure_ascii=False, separators=(",", ":"))


def write_language_files(folder: Path, files: dict[str, str]) -> None:
    """Write a language's copies (`search/search_index.json`, `404.html`, `sitemap.xml` (+ .gz))."""
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        if rel == "sitemap.xml":
            buf = io.BytesIO()
            with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
                gz.write(text.encode("utf-8"))
            (folder / "sitemap.xml.gz").write_bytes(buf.getvalue())


def merge_sitemaps(texts: list[str]) -> str:
    """One sitemap of every language from the sitemaps the build processes made (each lists the
    languages its process built); a page listed twice is kept once."""
    head = re.match(r"(?s)^(.*?<urlset[^>]*>)", texts[0]) if texts else None
    seen: set[str] = set()
    blocks = []
    for text in texts:
        for block in re.findall(r"(?s)\s*<url>.*?</url>", text):
            loc = re.search(r"<loc>(.*?)</loc>", block)
            key = loc.group(1) if loc else block
            if key not in seen:
                seen.add(key)
                blocks.append(block)
    return (head.group(1) if head else "<urlset>") + "".join(blocks) + "\n</urlset>"


_URL_BLOCK = re.compile(r"(?s)<url>(.*?)</url>")
_LOC = re.compile(r"(?s)<loc>(.*?)</loc>")
_LASTMOD = re.compile(r"(?s)<lastmod>(.*?)</lastmod>")


def site_sitemaps(maps: dict[str, str], roots: dict[str, str]) -> tuple[dict[str, str], str]:
    """The sitemaps of a site whose languages were built apart (`jobdesc build`): each language's own, and
    the root's of every language, every page listing its versions in the other languages
    (`xhtml:link rel="alternate"`), as static-i18n writes them when it builds all languages at once.

    `maps` holds each language's sitemap as its build wrote it, `roots` each language's address
    (`http://intranet.local/jobs/bg/`)."""
    pages: dict[str, dict[str, tuple[str, str | None]]] = {}  # lang -> path in it -> (loc, lastmod)
    for lang, text in maps.items():
        root = roots[lang]
        for block in _URL_BLOCK.findall(text):
            loc = _LOC.search(block)
            if loc is None:
                continue
            href = loc.group(1).strip()
            rel = href[len(root) :] if href.startswith(root) else href
            mod = _LASTMOD.search(block)
            pages.setdefault(lang, {})[rel] = (href, mod.group(1).strip() if mod else None)

    def blocks(lang: str) -> list[str]:
        out = []
        for rel, (href, mod) in pages.get(lang, {}).items():
            lines = [f"    <url>\n        <loc>{href}</loc>"]
            if mod:
                lines.append(f"        <lastmod>{mod}</lastmod>")
            lines.append("        <changefreq>daily</changefreq>")
            for other in maps:
                if rel in pages.get(other, {}):
                    alt = pages[other][rel][0]
                    lines.append(f'        <xhtml:link rel="alternate" hreflang="{other}" href="{alt}"/>')
            out.append("\n".join(lines) + "\n    </url>")
        return out

    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    )
    own = {lang: head + "\n".join(blocks(lang)) + "\n</urlset>\n" for lang in maps}
    every = head + "\n".join(b for lang in maps for b in blocks(lang)) + "\n</urlset>\n"
    return own, every
