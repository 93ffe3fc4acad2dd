"""`python -m jobdesc.mkdocs.prepare mkdocs.yml`: validate the positions once, as the site's plugin will,
and store the result in `.cache/jobdesc/` for the language builds of `jobdesc build` to read.

It is a process of its own, so that the memory validation takes (the parsed files with the place of
every value: about 0.7 GB at 1000 positions) is given back before two language builds run side by side,
and the positions are validated once, not once per language. It holds `.cache/jobdesc/`'s lock
(`core.cachelock`) from its first moment and says so on its first line of output: the language builds
start then, and wait for the lock when they want the positions. It reads mkdocs.yml with MkDocs'
documented `load_config` and takes the plugin's options from the loaded plugin. It says nothing more:
when the positions have errors, it exits with status 1 and the default language's build reports them,
with the messages a plain `mkdocs build` gives.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..core.cachelock import CACHE_DIR, locked
from ..core.errors import ValidationFailed

LOCKED = "jobdesc: positions being validated"  # the first line of output, once the lock is held


def prepare(config_file: str, on_locked: Callable[[], None] = lambda: None) -> int:
    """0: the handbook and the translation status are cached; 1: the positions have errors; 2: there is no
    enabled jobdesc plugin in `config_file`, or it cannot be read (the builds say why). `on_locked` is
    called once the cache folder's lock is held (the plugin's cache folder: `.cache/jobdesc/` beside
    mkdocs.yml)."""
    with locked(Path(config_file).resolve().parent / CACHE_DIR, exclusive=True):
        on_locked()
        return _prepare(config_file)


def _prepare(config_file: str) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    from .plugin import JobdescPlugin

    try:
        config = load_config(config_file)
    except Exception:  # the language builds report a bad mkdocs.yml themselves
        return 2
    plugin = next((p for p in config.plugins.values() if isinstance(p, JobdescPlugin)), None)
    if plugin is None or not plugin.config.enabled:
        return 2
    try:
        plugin.prepare(config)
    except ValidationFailed:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(prepare(sys.argv[1], lambda: print(LOCKED, flush=True)))
