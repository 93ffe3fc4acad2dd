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

from .model import SEARCH_LANGS

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
