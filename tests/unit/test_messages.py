"""The message catalogue (plugins/jobdesc/i18n/messages.yml): every id in five languages with the same
placeholders, every id the code uses exists, and the validator speaks the language asked for."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from jobdesc import cli
from jobdesc.core import validate
from jobdesc.core.messages import MESSAGE_LANGS, M, catalogue, choose, locale_language, say

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_exists_in_five_languages_with_the_same_placeholders() -> None:
    for key, entry in catalogue().items():
        assert set(entry) == set(MESSAGE_LANGS), key
        assert all(isinstance(v, str) and v.strip() for v in entry.values()), key
        if key.startswith("unit."):
            for lang, forms in entry.items():
                table = dict(part.split("=", 1) for part in forms.split("|"))
                assert "one" in table and "other" in table, (key, lang)
            continue
        want = _fields(entry["en"])
        for lang in MESSAGE_LANGS:
            assert _fields(entry[lang]) == want, (key, lang)


def test_every_id_the_code_uses_is_in_the_catalogue_and_every_entry_is_used() -> None:
    code = "\n".join(p.read_text("utf-8") for p in (ROOT / "plugins" / "jobdesc").rglob("*.py"))
    used = set(re.findall(r'\bM\(\s*["\']([a-z0-9.-]+)["\']', code))
    assert used, "no message found: the pattern above is wrong"
    used |= set(validate._PATTERNS.values()) | {"value.pattern"}  # ids chosen by the schema's pattern
    ids = set(catalogue())
    assert used - ids == set()
    specs = set(re.findall(r"\{\w+:(\w+)\}", str(catalogue()))) - {"lang"}
    spec_units = {f"unit.{u}" for u in specs} | {f"join.{u}" for u in specs & {"and", "or"}}
    langs = {k for k in ids if k.startswith("lang.")}
    # an id made from a name (`M(f"type.{t}")`): the names are the JSON Schema types the schemas use
    assert re.findall(r'\bM\(\s*f"([a-z0-9.-]+)\{', code) == ["type."]
    types = {f"type.{t}" for t in validate._TYPES}
    assert types <= ids
    assert ids - used - spec_units - langs - types == set(), "catalogue entries no code uses"


def test_plural_units_follow_each_language() -> None:
    assert say(M("yaml.indent-choice", spaces=1, line=3), "en") == "1 space as line 3"
    assert say(M("yaml.indent-choice", spaces=2, line=3), "ru") == "2 пробела, как строка 3"
    assert say(M("yaml.indent-choice", spaces=5, line=3), "ru") == "5 пробелов, как строка 3"
    assert say(M("yaml.indent-choice", spaces=2, line=3), "he") == "שני רווחים, כמו שורה 3"


def test_the_language_comes_from_the_option_then_the_locale() -> None:
    assert locale_language({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert locale_language({"LANGUAGE": "he:en", "LANG": "ru_RU.UTF-8"}) == "he"
    assert locale_language({"LC_ALL": "de_DE.UTF-8", "LANG": "ru_RU.UTF-8"}) is None  # German: English
    assert locale_language({"LC_ALL": "C.UTF-8", "LANG": "az_AZ.UTF-8"}) == "az"
    assert choose("bg", "ru") == "bg"
    assert choose(None, "ru") == "ru"


@pytest.mark.parametrize(
    ("case", "lang", "expected"),
    [
        ("83-yaml-unclosed-quote", "ru", 'positions/demo.yml:7:17: кавычка `"`, открытая здесь, не закрыта'),
        ("83-yaml-unclosed-quote", "he", 'positions/demo.yml:7:17: המירכאות `"` שנפתחו כאן לא נסגרו'),
        ("85-yaml-one-space-too-many", "bg", "positions/demo.yml:14:6: ред 14 е с отстъп 5 интервала"),
        ("85-yaml-one-space-too-many", "ru", "positions/demo.yml:14:6: строка 14 имеет отступ 5 пробелов"),
        ("02-yaml-tab-indent", "az", "positions/demo.yml:7:1: YAML-da tab simvolu ilə abzas qoymaq olmaz"),
        ("88-yaml-colon-in-block-text", "ru", "positions/demo.yml:5:7: в тексте есть двоеточие"),
    ],
)
def test_validate_speaks_the_language_asked_for_at_the_same_place(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    lang: str,
    expected: str,
) -> None:
    folder = tmp_path / "positions"
    folder.mkdir()
    (folder / "_catalogue.yml").write_text(
        (ROOT / "positions" / "_catalogue.yml").read_text("utf-8"), "utf-8"
    )
    (folder / "demo.yml").write_text((CORPUS / f"{case}.yml").read_text("utf-8"), "utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["validate", "--lang", lang, "positions/demo.yml"]) == 1
    out = capsys.readouterr()
    first, source, caret = out.out.splitlines()[:3]
    assert first.startswith(expected)
    line, column = (int(x) for x in expected.split(":")[1:3])
    # the line is quoted, and the caret stands under the column
    assert source.startswith(f"{line:>5} | ")
    assert caret.index("^") - caret.index("|") - 2 == column - 1
    # the field path and place are the same in English; the summary is in the asked language too
    monkeypatch.setenv("LANG", f"{lang}_XX.UTF-8")
    assert cli.main(["validate", "positions/demo.yml"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == first
    assert cli.main(["validate", "--lang", "en", "positions/demo.yml"]) == 1
    english = capsys.readouterr().out.splitlines()[0]
    assert english.split(": ")[0] == first.split(": ")[0] and english != first


def _schema_keys(node: object, key: str) -> set[str]:
    """Every value of `key` in a schema (patterns) or, with key "", every keyword used."""
    found: set[str] = set()
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "examples" or (k.startswith("$") and k != "$defs"):
                continue
            if key and k == key and isinstance(v, str):
                found.add(v)
            elif not key and k != "$defs":
                found.add(k)
            if k in ("properties", "$defs") and isinstance(v, dict):
                for sub in v.values():
                    found |= _schema_keys(sub, key)
            else:
                found |= _schema_keys(v, key)
    elif isinstance(node, list):
        for v in node:
            found |= _schema_keys(v, key)
    return found


def test_every_schema_rule_has_words_of_its_own() -> None:
    """No schema rule falls back to jsonschema's English (`value.schema`) or to generic words: each
    pattern says what it describes, each keyword that can fail has its message in `_explain`."""
    schemas = [validate.schema("position"), validate.schema("catalogue")]
    patterns = set().union(*(_schema_keys(s, "pattern") for s in schemas))
    assert patterns and patterns <= set(validate._PATTERNS), patterns - set(validate._PATTERNS)
    source = (ROOT / "plugins" / "jobdesc" / "core" / "validate.py").read_text("utf-8")
    explained = set(re.findall(r'v (?:==|in) \(?"(\w+)"(?:, "(\w+)")?', source))
    explained_words = {w for pair in explained for w in pair if w}
    keywords = set().union(*(_schema_keys(s, "") for s in schemas))
    # keywords that only describe (titles, examples), combine others or never fail on their own
    quiet = {"title", "description", "default", "type", "items", "additionalProperties", "required",
             "allOf", "if", "then", "else", "format", "propertyNames", "properties"}  # fmt: skip
    assert keywords - quiet - explained_words == set()


def test_every_command_speaks_the_language_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """new, confirm, status and build say what they did (or why not) in the language of `--lang`, given
    after the command or before it (`jobdesc --lang ru confirm …`, where `confirm --lang` picks the
    translations), and the locale's language when no option is given."""
    import shutil

    shutil.copytree(ROOT / "positions", tmp_path / "positions")
    monkeypatch.chdir(tmp_path)

    def run(*argv: str) -> str:
        cli.main(list(argv))
        out = capsys.readouterr()
        return out.out + out.err

    assert "yaradıldı" in run("new", "demo-x", "--lang", "az")
    assert "не е допустим идентификатор" in run("new", "Bad", "--lang", "bg")
    assert "לא קיימת" in run("--lang", "he", "new", "x-y", "--dir", "nowhere")
    assert "сверено с текущим русским текстом: 0 переводов" in run("--lang", "ru", "confirm", "positions")
    assert "переводы полны и актуальны на" in run("status", "--lang", "ru")
    assert "такого файла конфигурации нет" in run("build", "--lang", "ru", "--config", "nope.yml")
    monkeypatch.setenv("LANG", "bg_BG.UTF-8")
    assert "сверени с текущия руски текст" in run("confirm", "--lang", "he", "positions")
    assert re.search(r"translations complete and current: \d+\.\d%", run("--lang", "en", "status"))
    assert re.search(
        r"преводите са пълни и актуални на \d+,\d%", run("status")
    )  # the locale's, decimal comma


def test_a_long_line_is_quoted_around_the_caret() -> None:
    """A long text (a Hebrew clause of 400 characters) is quoted as the part around the place, cut with
    "…", and the caret still stands under the character it names."""
    from jobdesc.core.yamlsyntax import EXCERPT_WIDTH, excerpt

    line = "    he: " + "א" * 150 + "Q" + "ב" * 250
    quoted, caret = excerpt(line, 1, line.index("Q") + 1).split("\n")
    body = quoted.split(" | ", 1)[1]
    assert body.startswith("…") and body.endswith("…") and len(body) == EXCERPT_WIDTH + 2
    assert quoted[caret.index("^")] == "Q"
    short, mark = excerpt("title: x", 1, 8).split("\n")
    assert short.endswith("| title: x") and short[mark.index("^")] == "x"
