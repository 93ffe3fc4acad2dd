"""Work on the built site after every language is built: per-language search indexes, 404 pages."""

from __future__ import annotations

import json
from pathlib import Path


def split_search_index(site: Path, default: str, langs: list[str]) -> None:
    """static-i18n writes one index with every language (its issue #271); give each language its own."""
    path = site / "search" / "search_index.json"
    if not path.exists():
        return
    idx = json.loads(path.read_text("utf-8"))
    others = [lang for lang in langs if lang != default]
    for lang in langs:
        if lang == default:
            docs = [d for d in idx["docs"] if d["location"].split("/")[0] not in others]
            out = path
        else:
            prefix = f"{lang}/"
            docs = [
                dict(d, location=d["location"][len(prefix) :])
                for d in idx["docs"]
                if d["location"].startswith(prefix)
            ]
            out = site / lang / "search" / "search_index.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        config = dict(idx["config"], lang=[lang] if lang in ("ru", "he") else ["en"])
        out.write_text(
            json.dumps(dict(idx, config=config, docs=docs), ensure_ascii=False, separators=(",", ":")),
            "utf-8",
        )
