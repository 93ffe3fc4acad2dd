"""What the validator and the command line say, in the reader's language.

Every message has an id and a template per language in one catalogue, `i18n/messages.yml`:

    yaml.tab:
      en: "a tab character cannot indent YAML; use spaces"
      ru: "…"

A message is made with `M("yaml.tab", name=value, …)`. It *is* its English text (a `str`), so everything
that stores, sorts, compares or prints messages keeps working, and it remembers its id and parameters, so
`say(message, "he")` gives it in Hebrew. A parameter may itself be a message (said in the same language).
`{x:lang}` in a template gives the name of the language code `x` in the reader's language, and `{n:space}`
(any `unit.<name>` of the catalogue) the number `n` with the unit in the plural form the language's CLDR
rules (Babel) ask for: "1 space", "3 spaces"; "1 пробел", "3 пробела", "5 пробелов". A list parameter is
joined with commas; `{x:and}` and `{x:or}` join its last item with the language's "and" / "or".

File, line, column and field path are never translated: `file:line:column: field: message` stays the same
in every language, so CI annotations and editors keep finding the place.

The language is chosen by `--lang`, else by the mkdocs.yml option `messages_language`, else by the
environment's locale (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`, as gettext reads them), else English.
"""

from __future__ import annotations

import argparse
import os
import string
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, cast

import yaml

MESSAGE_LANGS = ("en", "ru", "bg", "he", "az")
DEFAULT = "en"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """id -> language -> template."""
    text = resources.files("jobdesc").joinpath("i18n/messages.yml").read_text("utf-8")
    return cast(
        dict[str, dict[str, str]], yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    )


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "lang":
            return catalogue()[f"lang.{value}"][self.lang]
        if format_spec and f"unit.{format_spec}" in catalogue():
            return _plural(int(value), format_spec, self.lang)
        if isinstance(value, Msg):
            return value.say(self.lang)
        if isinstance(value, (list, tuple)):
            items = [self.format_field(v, "") for v in value]
            if format_spec in ("and", "or") and len(items) > 1:  # "a, b and c" in the reader's language
                last = _render(
                    f"join.{format_spec}", {"first": ", ".join(items[:-1]), "second": items[-1]}, self.lang
                )
                return last
            return ", ".join(items)
        return str(super().format_field(value, format_spec))


def _plural(n: int, unit: str, lang: str) -> str:
    from babel import Locale

    forms = catalogue()[f"unit.{unit}"][lang]  # "one|few|many|other" forms, as the language has them
    table = dict(part.split("=", 1) for part in forms.split("|"))
    form = Locale.parse(lang).plural_form(n)
    return table.get(form, table["other"]).replace("#", str(n))


def _render(key: str, params: Mapping[str, Any], lang: str) -> str:
    entry = catalogue()[key]
    template = entry.get(lang) or entry[DEFAULT]
    return _Formatter(lang).vformat(template, (), dict(params))


class Msg(str):
    """A message: its English text, with its catalogue id and parameters."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, params: Mapping[str, Any], /) -> Msg:
        obj = super().__new__(cls, _render(key, params, DEFAULT))
        obj.key = key
        obj.params = dict(params)
        return obj

    def say(self, lang: str) -> str:
        return _render(self.key, self.params, lang if lang in MESSAGE_LANGS else DEFAULT)

    def __reduce__(self) -> tuple[Any, ...]:  # pickled across processes as id and parameters
        return (Msg, (self.key, self.params))


def M(key: str, /, **params: Any) -> Msg:
    """The message `key` of the catalogue with `params`."""
    return Msg(key, params)


def say(message: str, lang: str) -> str:
    """`message` in `lang`; a plain string (not from the catalogue) stays as it is."""
    return message.say(lang) if isinstance(message, Msg) else message


def locale_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The message language the environment's locale asks for (`ru_RU.UTF-8` -> `ru`), if we have it."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        for part in value.split(":"):
            code = part.split("_")[0].split(".")[0].split("@")[0].lower()
            if code == "iw":  # the old code of Hebrew
                code = "he"
            if code in MESSAGE_LANGS:
                return code
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return None  # the first locale set decides, as for gettext: a locale we lack gives English
    return None


def choose(explicit: str | None = None, configured: str | None = None) -> str:
    """The message language: `--lang`, else the configured one, else the locale's, else English."""
    for lang in (explicit, configured, locale_language()):
        if lang and lang in MESSAGE_LANGS:
            return lang
    return DEFAULT


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """`--lang` of a command: the language of its messages (the command line's own `--lang` before the
    command, else the locale's, when it is not given)."""
    parser.add_argument(
        "--lang",
        dest="ui_lang",
        choices=MESSAGE_LANGS,
        default=argparse.SUPPRESS,  # keeps the value of `jobdesc --lang xx` when not given here
        help="the language of the messages (default: the locale's, else English); "
        "file:line:column and field paths are the same in every language",
    )
