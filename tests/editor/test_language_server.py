"""What an editor underlines in a position file: the real YAML language server (npm `yaml-language-server`,
the one VS Code's YAML extension runs) with the schemas the project ships, mapped to files by the
project's own `.vscode/settings.json`, spoken to over stdio as an editor does.

The documents are opened under `positions/` of this repository (they are never written to disk: the
server validates the text it is sent). The `# yaml-language-server: $schema=...` modeline the real files
carry is taken out first, except where said: a modeline wins over the settings, so with it the test would
not prove that the mapping in `.vscode/settings.json` works."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.editor.lsp import LanguageServer

pytestmark = pytest.mark.editor
ROOT = Path(__file__).resolve().parents[2]
SERVER_PACKAGE = ROOT / "node_modules" / "yaml-language-server"
POSITION_SCHEMA = (ROOT / "plugins/jobdesc/schema/position.schema.json").as_uri()
CATALOGUE_SCHEMA = (ROOT / "plugins/jobdesc/schema/catalogue.schema.json").as_uri()
MODELINE = "# yaml-language-server:"
ERROR = 1  # DiagnosticSeverity.Error (the server reports every schema problem as an error)


def vscode_settings() -> dict[str, Any]:
    settings: dict[str, Any] = json.loads((ROOT / ".vscode/settings.json").read_text("utf-8"))
    return settings


def section(settings: dict[str, Any], name: str) -> Any:
    """A configuration section as VS Code hands it to a server: `[yaml]` as written, `yaml` as the
    map of every `yaml.*` key without its prefix."""
    if name.startswith("["):
        return settings.get(name, {})
    prefix = name + "."
    return {key.removeprefix(prefix): value for key, value in settings.items() if key.startswith(prefix)}


def yaml_settings() -> dict[str, Any]:
    """The `yaml` section of `.vscode/settings.json`, with the schema store off: nothing is fetched from
    the network, only the project's own schemas apply. The schema paths are passed as written
    (`./plugins/...`): the server resolves a relative path against the workspace root, as for VS Code."""
    yaml = section(vscode_settings(), "yaml")
    assert yaml.get("schemas"), ".vscode/settings.json maps no schema (yaml.schemas)"
    return {**yaml, "schemaStore": {"enable": False}}


def server_command() -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (scripts/bootstrap.sh test installs it)")
    manifest = SERVER_PACKAGE / "package.json"
    if not manifest.is_file():
        pytest.skip("yaml-language-server is not installed in node_modules/ (npm ci --ignore-scripts)")
    bin_ = json.loads(manifest.read_text("utf-8"))["bin"]
    script = bin_["yaml-language-server"] if isinstance(bin_, dict) else bin_
    return [node, str(SERVER_PACKAGE / script), "--stdio"]


class Editor:
    """One language server for the module, and the documents a test opens in it."""

    def __init__(self, server: LanguageServer) -> None:
        self.server = server
        self.count = 0
        self.schemas: list[str] = []  # the schemas the server applied to the document last checked

    def check(self, name: str, text: str, until: Callable[[list[Any]], bool] = lambda _: True) -> list[Any]:
        """Opens `text` as `positions/<name>`, returns the diagnostics the server publishes for it (the
        last of them, waiting for one `until` accepts), keeps the schemas it applied in `schemas`, and
        closes it."""
        uri = (ROOT / "positions" / name).as_uri()
        since = self.server.open(uri, text)
        try:
            diagnostics = self.server.diagnostics(uri, since, settle=0.5, until=until)
            self.schemas = [s["uri"] for s in self.server.request("yaml/get/jsonSchema", uri)]
        finally:
            closed = time.monotonic()
            self.server.close(uri)
            # closing publishes an empty list; wait for it, so that it is not taken for the next
            # opening's diagnostics (the catalogue cases open the same uri one after the other)
            self.server.diagnostics(uri, closed, settle=0)
        return diagnostics

    def case(self, text: str, until: Callable[[list[Any]], bool] = lambda _: True) -> list[Any]:
        """`check` under a name of its own, `positions/case-<n>.yml`, which the mapping `positions/*.yml`
        covers."""
        self.count += 1
        return self.check(f"case-{self.count}.yml", text, until)


@pytest.fixture(scope="module")
def editor() -> Iterator[Editor]:
    command = server_command()
    settings = vscode_settings()
    yaml = yaml_settings()

    def configuration(params: dict[str, Any]) -> list[Any]:
        # the server asks for `yaml`, `http`, `[yaml]` and `editor` (and `[yaml]` again per document)
        return [
            yaml if item.get("section") == "yaml" else section(settings, item.get("section", ""))
            for item in params["items"]
        ]

    server = LanguageServer(command, str(ROOT), {"workspace/configuration": configuration})
    try:
        server.request(
            "initialize",
            {
                "processId": None,
                "clientInfo": {"name": "jobdesc-tests"},
                "rootUri": ROOT.as_uri(),
                "workspaceFolders": [{"uri": ROOT.as_uri(), "name": ROOT.name}],
                "capabilities": {
                    "workspace": {
                        "configuration": True,
                        "didChangeConfiguration": {"dynamicRegistration": True},
                    },
                    "textDocument": {"publishDiagnostics": {"relatedInformation": True}},
                },
            },
        )
        server.notify("initialized", {})
        server.notify("workspace/didChangeConfiguration", {"settings": {"yaml": yaml}})
        ed = Editor(server)
        # The settings reach the server asynchronously (it pulls them with workspace/configuration): wait
        # until a document is validated against the mapped schema before any test looks at diagnostics.
        ed.check("ready-probe.yml", "summery: x\n", until=bool)
        assert POSITION_SCHEMA in ed.schemas, f"the settings did not reach the server: {ed.schemas}"
        yield ed
    finally:
        server.shutdown()


def real_text(name: str, keep_modeline: bool = False) -> str:
    text = (ROOT / "positions" / name).read_text("utf-8")
    if keep_modeline:
        return text
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(MODELINE))


def line_of(text: str, line: str, after: str | None = None) -> int:
    """The 0-based number of the first line equal to `line` (after the first equal to `after`)."""
    lines = text.splitlines()
    start = lines.index(after) if after is not None else 0
    return lines.index(line, start)


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def errors(diagnostics: list[Any]) -> list[Any]:
    return [d for d in diagnostics if d.get("severity", ERROR) == ERROR]


def on_line(diagnostics: list[Any], line: int, fragment: str) -> list[Any]:
    return [d for d in diagnostics if d["range"]["start"]["line"] == line and fragment in d["message"]]


def describe(diagnostics: list[Any]) -> str:
    return "\n".join(
        f"  line {d['range']['start']['line']}: {d['message']} ({d.get('source')})" for d in diagnostics
    )


POSITIONS = sorted(p.name for p in (ROOT / "positions").glob("*.yml") if not p.name.startswith("_"))


@pytest.mark.parametrize("name", POSITIONS)
def test_real_position_has_no_errors(editor: Editor, name: str) -> None:
    diagnostics = editor.case(real_text(name))
    assert editor.schemas == [POSITION_SCHEMA], "the mapping in .vscode/settings.json did not apply"
    assert errors(diagnostics) == [], f"{name}:\n{describe(diagnostics)}"


def test_missing_translation_is_flagged_on_its_text(editor: Editor) -> None:
    text = real_text("sales-manager.yml")
    broken = replace_once(
        text,
        "title:\n  ru: Менеджер по продажам\n  bg: Мениджър продажби\n  he: מנהל מכירות\n",
        "title:\n  ru: Менеджер по продажам\n  bg: Мениджър продажби\n",
    )
    diagnostics = editor.case(broken, until=bool)
    found = on_line(errors(diagnostics), line_of(broken, "title:"), 'Missing property "he"')
    assert found, describe(diagnostics)


def test_empty_translation_is_flagged_on_its_line(editor: Editor) -> None:
    text = real_text("sales-manager.yml")
    broken = replace_once(text, "  he: מנהל מכירות\n", '  he: ""\n')
    diagnostics = editor.case(broken, until=bool)
    found = on_line(errors(diagnostics), line_of(broken, '  he: ""'), "shorter than the minimum length of 1")
    assert found, describe(diagnostics)


def test_misspelt_key_is_flagged_on_its_line(editor: Editor) -> None:
    text = real_text("sales-manager.yml")
    broken = replace_once(text, "\nsummary:\n", "\nsummery:\n")
    diagnostics = editor.case(broken, until=bool)
    found = on_line(errors(diagnostics), line_of(broken, "summery:"), "Property summery is not allowed")
    assert found, describe(diagnostics)


def test_wrong_enum_value_is_flagged_on_its_line(editor: Editor) -> None:
    text = real_text("sales-manager.yml")
    broken = replace_once(text, "\ncategory: specialist\n", "\ncategory: boss\n")
    diagnostics = editor.case(broken, until=bool)
    found = on_line(
        errors(diagnostics), line_of(broken, "category: boss"), "Value is not accepted. Valid values:"
    )
    assert found, describe(diagnostics)
    assert '"specialist"' in found[0]["message"]


def test_modeline_schema_applies_too(editor: Editor) -> None:
    """The real file as it is, modeline included (the modeline's path is relative to the file)."""
    text = real_text("sales-manager.yml", keep_modeline=True)
    assert text.startswith(MODELINE)
    broken = replace_once(text, "\ncategory: specialist\n", "\ncategory: boss\n")
    diagnostics = editor.case(broken, until=bool)
    assert editor.schemas == [POSITION_SCHEMA]
    found = on_line(errors(diagnostics), line_of(broken, "category: boss"), "Value is not accepted")
    assert found, describe(diagnostics)


def test_real_catalogue_has_no_errors(editor: Editor) -> None:
    diagnostics = editor.check("_catalogue.yml", real_text("_catalogue.yml"))
    assert editor.schemas == [CATALOGUE_SCHEMA], "positions/_catalogue.yml must get the catalogue schema only"
    assert errors(diagnostics) == [], describe(diagnostics)


def test_catalogue_missing_translation_is_flagged(editor: Editor) -> None:
    text = real_text("_catalogue.yml")
    broken = replace_once(
        text, "    he: הפדרציה הרוסית\n    az: Rusiya Federasiyası\n", "    he: הפדרציה הרוסית\n"
    )
    diagnostics = editor.check("_catalogue.yml", broken, until=bool)
    assert editor.schemas == [CATALOGUE_SCHEMA]
    found = on_line(
        errors(diagnostics), line_of(broken, "  name:", after="jurisdiction:"), 'Missing property "az"'
    )
    assert found, describe(diagnostics)
