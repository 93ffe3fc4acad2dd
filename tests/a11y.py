"""Accessibility checkers over a built site: axe-core in Chromium and the Nu Html Checker (vnu).

Used by tests/browser/test_a11y.py and runnable by hand for a report of counts by rule:
    .venv/bin/python -m tests.a11y <site-dir>
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGS = ("ru", "bg", "he", "az")
# one page of every kind (relative to a language's folder); the 404 page is reached by a missing path
PAGE_KINDS = {
    "home": "",
    "position": "positions/client-manager/",
    "catalogue": "positions/",
    "compare-index": "compare/",
    "compare": "compare/sales/",
    "status": "status/",
    "hr": "hr/",
    "404": "no-such-page/",
}
WIDTHS = {"desktop": 1280, "phone": 390}
BLOCKING = ("serious", "critical")


def lang_prefix(lang: str) -> str:
    return "" if lang == "ru" else f"{lang}/"


def page_file(site: Path, lang: str, kind: str) -> Path:
    """The built file a page kind is served from."""
    rel = PAGE_KINDS[kind]
    folder = site / lang_prefix(lang)
    return folder / "404.html" if kind == "404" else folder / rel / "index.html"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves www/; a missing page gets its language's 404.html with status 404, as the intranet's
    web server does (`error_page 404`)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        parts = self.path.split("?")[0].strip("/").split("/")
        www = Path(self.directory)
        lang = parts[1] if len(parts) > 1 and parts[1] in LANGS[1:] else ""
        page = www / parts[0] / lang / "404.html"
        if not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(site: Path, www: Path) -> Iterator[str]:
    """Serve `site` at <origin>/jobs/ (the site_url path); yields the origin."""
    www.mkdir(parents=True, exist_ok=True)
    link = www / "jobs"
    if not link.exists():
        link.symlink_to(site, target_is_directory=True)
    handler = functools.partial(_Handler, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the loaded page (WCAG 2.x A/AA and best practices)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 200),
                                          summary: n.failureSummary}))}));
        }"""
    )
    return result


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in BLOCKING]


def run_vnu(files: list[Path]) -> list[dict[str, Any]]:
    """The Nu Html Checker's errors over `files`, in one run (the JVM is slow to start)."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        raise RuntimeError("vnu needs Java and node_modules/vnu-jar: run scripts/bootstrap.sh test")
    proc = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages: list[dict[str, Any]] = json.loads(proc.stderr or proc.stdout)["messages"]
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


def report(site: Path, scheme: str = "light") -> dict[str, Any]:
    """Counts by rule for every page kind x language x width, and vnu errors by message."""
    import tempfile

    from playwright.sync_api import sync_playwright

    axe_counts: Counter[str] = Counter()
    pages_with: Counter[str] = Counter()
    console: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp, serve(site, Path(tmp)) as origin, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for width in WIDTHS.values():
            ctx = browser.new_context(
                viewport={"width": width, "height": 900},
                color_scheme=scheme,  # type: ignore[arg-type]
            )
            page = ctx.new_page()
            errors: list[str] = []

            def on_console(msg: Any, errors: list[str] = errors) -> None:
                if msg.type == "error":
                    errors.append(msg.text)

            page.on("console", on_console)
            for lang in LANGS:
                for rel in PAGE_KINDS.values():
                    errors.clear()
                    page.goto(f"{origin}/jobs/{lang_prefix(lang)}{rel}")
                    page.wait_for_load_state("networkidle")
                    for v in run_axe(page):
                        axe_counts[f"{v['impact']}:{v['id']}"] += len(v["nodes"])
                        pages_with[f"{v['impact']}:{v['id']}"] += 1
                    for e in errors:
                        console[e[:80]] += 1
            ctx.close()
        browser.close()
    files = [page_file(site, lang, kind) for lang in LANGS for kind in PAGE_KINDS]
    vnu = Counter(m["message"][:120] for m in run_vnu(files))
    return {
        "axe_nodes_by_rule": dict(axe_counts),
        "axe_pages_by_rule": dict(pages_with),
        "vnu_errors": dict(vnu),
        "console_errors": dict(console),
    }


if __name__ == "__main__":
    print(json.dumps(report(Path(sys.argv[1]), *sys.argv[2:3]), ensure_ascii=False, indent=1))
