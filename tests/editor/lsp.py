"""A small Language Server Protocol client: JSON-RPC over a child process's stdin/stdout, with the
Content-Length framing of the LSP base protocol, enough to open documents and read the diagnostics a
server publishes for them (what an editor underlines)."""

from __future__ import annotations

import contextlib
import itertools
import json
import queue
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

Json = Any
#: Answers a request the server sends to the client (e.g. `workspace/configuration`); its result.
RequestHandler = Callable[[Json], Json]


class LspError(RuntimeError):
    """The server answered with an error, stopped, or did not answer in time."""


class LanguageServer:
    """A language server started as `command`, spoken to over stdio."""

    def __init__(self, command: Sequence[str], cwd: str, handlers: dict[str, RequestHandler]) -> None:
        self.handlers = handlers
        self.proc = subprocess.Popen(
            list(command),
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._ids = itertools.count(1)
        self._versions = itertools.count(1)
        self._write_lock = threading.Lock()
        self._responses: dict[int, queue.Queue[Json]] = {}
        self._lock = threading.Condition()
        self._diagnostics: dict[str, list[tuple[float, list[Json]]]] = {}
        self.requests_seen: list[Json] = []  # every request the server made of the client, in order
        self.notifications: list[Json] = []  # every other notification (log messages and the like)
        self.stderr: list[str] = []
        self._reader = threading.Thread(target=self._read_loop, name="lsp-reader", daemon=True)
        self._reader.start()
        self._err_reader = threading.Thread(target=self._read_stderr, name="lsp-stderr", daemon=True)
        self._err_reader.start()

    # -- wire ---------------------------------------------------------------------------------------

    def _send(self, message: Json) -> None:
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        assert self.proc.stdin is not None
        with self._write_lock:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.proc.stdin.flush()

    def _read_message(self) -> Json | None:
        out = self.proc.stdout
        assert out is not None
        length = None
        while True:
            line = out.readline()
            if not line:
                return None  # the server has gone
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        if length is None:
            raise LspError("a message without Content-Length")
        return json.loads(out.read(length).decode("utf-8"))

    def _read_loop(self) -> None:
        while True:
            try:
                message = self._read_message()
            except (OSError, ValueError):
                message = None
            if message is None:
                with self._lock:
                    for q in self._responses.values():
                        q.put({"error": {"message": "the language server stopped"}})
                    self._lock.notify_all()
                return
            if "method" in message and "id" in message:
                self._answer(message)
            elif "method" in message:
                self._notified(message)
            else:
                with self._lock:
                    waiting = self._responses.get(message.get("id"))
                if waiting is not None:
                    waiting.put(message)

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr.append(line.decode("utf-8", "replace"))

    def _answer(self, request: Json) -> None:
        self.requests_seen.append(request)
        handler = self.handlers.get(request["method"])
        try:
            result = handler(request.get("params")) if handler else None
            self._send({"jsonrpc": "2.0", "id": request["id"], "result": result})
        except Exception as exc:  # the server must get an answer, whatever happened here
            self._send(
                {"jsonrpc": "2.0", "id": request["id"], "error": {"code": -32603, "message": str(exc)}}
            )

    def _notified(self, message: Json) -> None:
        if message["method"] == "textDocument/publishDiagnostics":
            params = message["params"]
            with self._lock:
                self._diagnostics.setdefault(params["uri"], []).append(
                    (time.monotonic(), params["diagnostics"])
                )
                self._lock.notify_all()
        else:
            self.notifications.append(message)

    # -- protocol -----------------------------------------------------------------------------------

    def request(self, method: str, params: Json, timeout: float = 20) -> Json:
        id_ = next(self._ids)
        q: queue.Queue[Json] = queue.Queue()
        with self._lock:
            self._responses[id_] = q
        try:
            self._send({"jsonrpc": "2.0", "id": id_, "method": method, "params": params})
            try:
                response = q.get(timeout=timeout)
            except queue.Empty:
                raise LspError(f"no answer to {method} within {timeout} s{self._stderr_tail()}") from None
        finally:
            with self._lock:
                self._responses.pop(id_, None)
        if "error" in response:
            raise LspError(f"{method}: {response['error'].get('message')}{self._stderr_tail()}")
        return response.get("result")

    def notify(self, method: str, params: Json) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def open(self, uri: str, text: str, language_id: str = "yaml") -> float:
        """Opens `uri` with `text` (as an editor does on opening a file); returns the moment it was sent."""
        # Every opening gets a version number of its own, even of a uri opened before: yaml-language-server
        # (1.25) keeps its parse of a document by uri and version after the document is closed, so
        # reopening a uri at version 1 with another text would be validated as the old text.
        version = next(self._versions)
        sent = time.monotonic()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language_id, "version": version, "text": text}},
        )
        return sent

    def close(self, uri: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def diagnostics(
        self,
        uri: str,
        since: float,
        timeout: float = 20,
        settle: float = 1.0,
        until: Callable[[list[Json]], bool] = lambda _: True,
    ) -> list[Json]:
        """The diagnostics the server last published for `uri` after `since`: waits (at most `timeout`
        seconds) for a publication that satisfies `until`, then for `settle` seconds without a newer one
        (a server may validate a document more than once, e.g. when its settings arrive)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                published = [(t, d) for t, d in self._diagnostics.get(uri, []) if t >= since]
                now = time.monotonic()
                if published and until(published[-1][1]) and now - published[-1][0] >= settle:
                    return published[-1][1]
                if now >= deadline:
                    if published:
                        return published[-1][1]
                    raise LspError(f"no diagnostics for {uri} within {timeout} s{self._stderr_tail()}")
                if self.proc.poll() is not None:
                    raise LspError(f"the language server stopped{self._stderr_tail()}")
                wait = deadline - now
                if published and until(published[-1][1]):
                    wait = min(wait, settle - (now - published[-1][0]))
                self._lock.wait(timeout=max(wait, 0.01))

    def _stderr_tail(self) -> str:
        tail = "".join(self.stderr[-20:]).strip()
        return f"; the server's stderr:\n{tail}" if tail else ""

    def shutdown(self) -> None:
        """Asks the server to stop (`shutdown`, `exit`); kills it if it does not within a few seconds."""
        try:
            if self.proc.poll() is None:
                with contextlib.suppress(LspError, OSError, ValueError):
                    self.request("shutdown", None, timeout=5)
                    self.notify("exit", None)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.proc.wait(timeout=5)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(timeout=5)
            self._reader.join(timeout=5)
            self._err_reader.join(timeout=5)
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
