"""Environment switches (`JOBDESC_*`): one polarity, exact values, and an error for anything else.

`JOBDESC_SALARY=0` builds a salary-free site, `JOBDESC_PDF=0` skips PDFs; `1` (or unset) keeps the setting
of mkdocs.yml. A value that is not understood stops the
build with a message naming the allowed values: a typo must never publish salaries "without a word".
"""

from __future__ import annotations

import os
from collections.abc import Mapping

ON = ("1", "true", "yes", "on")
OFF = ("0", "false", "no", "off")
KNOWN = (
    "JOBDESC_SALARY",
    "JOBDESC_PDF",
    "JOBDESC_NO_SALARY",
    "JOBDESC_WRITE_EXPECTED",
    "JOBDESC_PREVIEW",
    "JOBDESC_LANGUAGE",
)
BOOLEAN = KNOWN[:4]
PREVIEW = "JOBDESC_PREVIEW"  # a language code: preview that language only (`make serve LANG=he`)
LANGUAGE = "JOBDESC_LANGUAGE"  # a language code: build that language's part of the site (`jobdesc build`)


class SwitchError(ValueError):
    """An environment switch with a value that is not one of the allowed ones."""


def switch(name: str, environ: Mapping[str, str] | None = None) -> bool | None:
    """The switch's value: True (on), False (off) or None (unset or empty: the configuration decides)."""
    env = os.environ if environ is None else environ
    raw = env.get(name)
    if raw is None or raw == "":
        return None
    value = raw.lower()
    if value in ON:
        return True
    if value in OFF:
        return False
    raise SwitchError(
        f"the environment variable {name}={raw!r} is not understood: "
        f"use {' or '.join(ON[:1] + OFF[:1])} ({', '.join(ON)} switch it on; {', '.join(OFF)} switch it off)"
    )


def unknown_switches(environ: Mapping[str, str] | None = None) -> list[str]:
    """`JOBDESC_*` variables this version does not know (a misspelt `JOBDESC_SALRY=0` is no switch)."""
    env = os.environ if environ is None else environ
    return sorted(k for k in env if k.startswith("JOBDESC_") and k not in KNOWN)


def include_salary(configured: bool, environ: Mapping[str, str] | None = None) -> bool:
    """Salaries are published only when the configuration and every switch allow it.

    `JOBDESC_NO_SALARY=1`, the older spelling with the other polarity, is still honoured (it is safer to
    leave salaries out than to publish them because a variable was renamed)."""
    on = switch("JOBDESC_SALARY", environ)
    off = switch("JOBDESC_NO_SALARY", environ)
    return configured and on is not False and off is not True


def enabled(configured: bool, name: str, environ: Mapping[str, str] | None = None) -> bool:
    value = switch(name, environ)
    return configured if value is None else (configured and value)


def _language(name: str, languages: tuple[str, ...], environ: Mapping[str, str] | None) -> str | None:
    env = os.environ if environ is None else environ
    raw = env.get(name) or None
    if raw is not None and raw not in languages:
        raise SwitchError(
            f"the environment variable {name}={raw!r} is not a language of the site: use one of "
            f"{', '.join(languages)}"
        )
    if raw is not None and env.get(PREVIEW) and env.get(LANGUAGE):
        raise SwitchError(f"{PREVIEW} and {LANGUAGE} cannot both be set: a preview is not a part of the site")
    return raw


def preview_lang(languages: tuple[str, ...], environ: Mapping[str, str] | None = None) -> str | None:
    """`JOBDESC_PREVIEW=he`: the one language a live preview builds, at the preview's root (mkdocs.yml hands
    the same variable to static-i18n's `build_only_locale`); None when unset."""
    return _language(PREVIEW, languages, environ)


def site_language(languages: tuple[str, ...], environ: Mapping[str, str] | None = None) -> str | None:
    """`JOBDESC_LANGUAGE=bg`: build one language's part of the whole site, into its own folder, linked as
    it will sit in the site (`bg/`); `jobdesc build` runs one such `mkdocs build` per language and puts
    them together. mkdocs.yml hands the variable to static-i18n's `build_only_locale` too."""
    return _language(LANGUAGE, languages, environ)
