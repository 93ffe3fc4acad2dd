"""The core library stands without MkDocs: only the MkDocs layer (`jobdesc.mkdocs.plugin`) may import it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "plugins" / "jobdesc"
# The MkDocs layer: the only modules that may import MkDocs (and Material, static-i18n). Everything else
# in the package is core, found by walking the package, so a new module is checked the day it is added.
MKDOCS_LAYER = {"mkdocs", "mkdocs.plugin", "mkdocs.prepare"}


def _dotted(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = sorted(_dotted(p) for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")
CORE = ["jobdesc", *(f"jobdesc.{name}" for name in MODULES if name not in MKDOCS_LAYER)]
# The pipeline, in order: a layer imports only from itself and the layers before it.
LAYERS = ("core", "views", "outputs", "mkdocs", "cli")
ALLOWED = {
    "core": {"core"},
    "views": {"core", "views"},
    "outputs": {"core", "views", "outputs"},
    "mkdocs": {"core", "views", "outputs", "mkdocs"},
    "cli": {"core", "views", "outputs", "cli"},  # `jobdesc build` runs MkDocs as a program, not the plugin
}


def test_the_walk_finds_the_package_and_the_mkdocs_layer_names_real_modules() -> None:
    assert MKDOCS_LAYER - set(MODULES) == set()  # names only modules that exist
    # every module sits in one of the layers (no module outside the pipeline)
    assert {m.split(".")[0] for m in MODULES} == set(LAYERS)
    assert {"jobdesc.core.validate", "jobdesc.outputs.pdf", "jobdesc.cli", "jobdesc.core.switches"} <= set(
        CORE
    )


def test_each_layer_imports_only_the_layers_before_it() -> None:
    """core (read, check, model) -> views (page data) -> outputs (PDF, exports, search files) -> mkdocs
    (the plugin) and cli (the commands): a relative import never reaches forward."""
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        layer = _dotted(path).split(".")[0]
        for line in path.read_text("utf-8").splitlines():
            m = re.match(r"\s*from (\.+)([a-z_]*)", line)
            if not m:
                continue
            target = layer if len(m[1]) == 1 else (m[2] or "jobdesc")
            if target not in ALLOWED[layer]:
                wrong.append(f"{path.relative_to(PACKAGE)}: {line.strip()}")
    assert wrong == []


def test_core_imports_nothing_from_mkdocs() -> None:
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'mkdocs' or name.startswith(('mkdocs.', 'material', 'mkdocs_static_i18n')):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"import importlib\nfor m in {CORE!r}: importlib.import_module(m)\n"
        "from jobdesc.core.validate import load_handbook\n"
        f"hb = load_handbook({str(ROOT / 'positions')!r})\n"
        "assert len(hb.positions) >= 5\n"
        "print('ok')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"


def test_the_plugin_does_need_mkdocs() -> None:
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'mkdocs' or name.startswith('mkdocs.'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import jobdesc.mkdocs.plugin\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode != 0 and "blocked: mkdocs" in run.stderr


def test_every_test_is_collected_and_committed() -> None:
    """A test folder named like pytest's default `norecursedirs` (build, dist, ...) is silently skipped,
    and one matched by .gitignore never reaches CI: both happened to `tests/build/` once."""
    skipped_by_pytest = {"build", "dist", "node_modules", "venv", "CVS", "_darcs", "{arch}"}
    folders = {p.name for p in (ROOT / "tests").rglob("*") if p.is_dir()}
    assert not folders & skipped_by_pytest
    files = [str(p.relative_to(ROOT)) for p in (ROOT / "tests").rglob("test_*.py")]
    out = subprocess.run(
        ["git", "check-ignore", *files], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if out.returncode == 128:
        pytest.skip("not a git checkout")
    assert out.stdout.split() == []
