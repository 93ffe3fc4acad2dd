"""The core library stands without MkDocs: only `jobdesc.plugin` may import it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
CORE = [
    "jobdesc.validate",
    "jobdesc.render",
    "jobdesc.site",
    "jobdesc.compare",
    "jobdesc.pdf",
    "jobdesc.cli",
    "jobdesc.postbuild",
    "jobdesc.history",
    "jobdesc.labels",
    "jobdesc.text",
    "jobdesc.yamlload",
    "jobdesc.fileio",
]


def test_core_imports_nothing_from_mkdocs() -> None:
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'mkdocs' or name.startswith(('mkdocs.', 'material', 'mkdocs_static_i18n')):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"import importlib\nfor m in {CORE!r}: importlib.import_module(m)\n"
        "from jobdesc.validate import load_handbook\n"
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
        "import jobdesc.plugin\n"
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
