"""The connection to a `tiq serve` daemon: spawning it, matching replies to requests, cancelling."""

from __future__ import annotations

import collections
import itertools
import json
import os
import shutil
import subprocess
import threading
import warnings
from typing import Any, Deque, Dict, List, Optional, Sequence

from ._diagnostics import Diagnostic
from ._errors import QueryError, RequestError, ServerError, TiqError
from ._frames import TiqWarning
from ._result import CompletionItem, Match, Result

# JSON-RPC application codes of query failures (syntax, names, types, execution, cancelled).
_QUERY_ERROR_CODES = {1, 2, 3, 4, 5}
_REQUEST_CANCELLED = -32800


def _have_pandas() -> bool:
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


def _find_binary(binary: Optional[str]) -> str:
    candidate = binary or os.environ.get("TIQ_BINARY") or shutil.which("tiq")
    if not candidate:
        raise ServerError("cannot find the tiq binary: pass binary=PATH, set $TIQ_BINARY, or put `tiq` on PATH "
                          "(build it with `swift build`; it is .build/debug/tiq)")
    if not os.path.isfile(candidate) or not os.access(candidate, os.X_OK):
        raise ServerError(f"the tiq binary `{candidate}` does not exist or is not executable")
    return candidate


class _Pending:
    """A request waiting for its reply."""

    __slots__ = ("event", "reply")

    def __init__(self) -> None:
        self.event = threading.Event()
        self.reply: Optional[Dict[str, Any]] = None


class Client:
    """A running `tiq serve` and the requests sent to it. Thread-safe; use `tiq.connect`."""

    def __init__(self, data: Optional[str] = None, binary: Optional[str] = None, args: Sequence[str] = (),
                 frame: Optional[bool] = None):
        command = [_find_binary(binary), "serve"]
        if data is not None:
            command += ["--data", os.fspath(data)]
        command += list(args)
        self.frame = _have_pandas() if frame is None else frame
        self._ids = itertools.count(1)
        self._pending: Dict[int, _Pending] = {}
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._stderr: Deque[str] = collections.deque(maxlen=40)
        self._closed = False
        self._dead: Optional[str] = None
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, bufsize=0)
        self._stderr_reader = threading.Thread(target=self._read_stderr, name="tiq-stderr", daemon=True)
        self._stderr_reader.start()
        self._reader = threading.Thread(target=self._read_replies, name="tiq-reader", daemon=True)
        self._reader.start()
        self.server_info: Dict[str, Any] = self.request("initialize", {})

    # -- lifecycle ------------------------------------------------------------------------------

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self, timeout: float = 5.0) -> None:
        """Sends `shutdown` and `exit` and waits for the daemon to end (kills it after `timeout`)."""
        if self._closed:
            return
        try:
            if self._dead is None:
                self.request("shutdown", {}, timeout=timeout)
                self._send({"jsonrpc": "2.0", "method": "exit"})
        except (TiqError, OSError):
            pass
        finally:
            self._closed = True
            try:
                if self._process.stdin:
                    self._process.stdin.close()
            except OSError:
                pass
            try:
                self._process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            # The readers end with the daemon's output; then every pipe is closed here, so that
            # nothing is left for the garbage collector to close (no ResourceWarning).
            self._reader.join(timeout=timeout)
            self._stderr_reader.join(timeout=timeout)
            for pipe in (self._process.stdout, self._process.stderr):
                try:
                    if pipe:
                        pipe.close()
                except OSError:
                    pass

    @property
    def returncode(self) -> Optional[int]:
        """The daemon's exit code once it has ended, else None."""
        return self._process.poll()

    # -- the wire -------------------------------------------------------------------------------

    def _send(self, message: Dict[str, Any]) -> None:
        line = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        with self._write_lock:
            stdin = self._process.stdin
            if stdin is None or self._dead is not None:
                raise ServerError(self._dead or "the tiq daemon is not running")
            try:
                stdin.write(line)
                stdin.flush()
            except (BrokenPipeError, OSError) as error:
                # The daemon closed its input: it has stopped, or is stopping (a daemon that
                # cannot load its data exits at once, maybe before the first request is written).
                # Say how it ended, as a reader that saw the end of its output would.
                try:
                    code: Optional[int] = self._process.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    code = None
                self._stderr_reader.join(timeout=2)
                if code is not None:
                    raise ServerError(f"tiq serve exited with code {code}{self._stderr_tail()}") from None
                raise ServerError(f"cannot write to tiq serve ({error}){self._stderr_tail()}") from None

    def _read_replies(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        for raw in stdout:
            try:
                message = json.loads(raw)
            except ValueError:
                self._stderr.append("unparsable line on stdout: " + raw[:200].decode("utf-8", "replace"))
                continue
            for reply in message if isinstance(message, list) else [message]:
                if not isinstance(reply, dict) or not isinstance(reply.get("id"), int):
                    continue  # a notification, or a reply to an unparsable request
                with self._lock:
                    pending = self._pending.pop(reply["id"], None)
                if pending is not None:
                    pending.reply = reply
                    pending.event.set()
        code = self._process.wait()
        self._stderr_reader.join(timeout=2)  # so the message below carries the daemon's last words
        self._dead = f"tiq serve exited with code {code}{self._stderr_tail()}"
        with self._lock:
            waiting, self._pending = list(self._pending.values()), {}
        for pending in waiting:
            pending.event.set()

    def _read_stderr(self) -> None:
        stderr = self._process.stderr
        assert stderr is not None
        for raw in stderr:
            self._stderr.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def _stderr_tail(self) -> str:
        lines = list(self._stderr)[-10:]
        return (":\n" + "\n".join(lines)) if lines else ""

    def request(self, method: str, params: Optional[Dict[str, Any]] = None, timeout: Optional[float] = None,
                query: Optional[str] = None) -> Any:
        """Sends `method` with `params` and returns its `result`.

        Raises `QueryError` for a query failure (with the rendered diagnostic when `query` is
        given), `RequestError` for any other JSON-RPC error, `ServerError` when the daemon dies,
        `TimeoutError` after `timeout` seconds. On KeyboardInterrupt, sends `$/cancelRequest`
        for this request and re-raises.
        """
        request_id = next(self._ids)
        pending = _Pending()
        with self._lock:
            if self._dead is not None:
                raise ServerError(self._dead)
            if self._closed:
                raise ServerError("this tiq connection is closed; open another with tiq.connect()")
            self._pending[request_id] = pending
        message: Dict[str, Any] = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params is not None:
            message["params"] = params
        try:
            self._send(message)
            waited = 0.0
            # Short waits keep the main thread responsive to Ctrl-C on every platform.
            while not pending.event.wait(0.1):
                waited += 0.1
                if timeout is not None and waited >= timeout:
                    self.cancel(request_id)
                    raise TimeoutError(f"`{method}` got no reply within {timeout} s; it was cancelled")
        except KeyboardInterrupt:
            self.cancel(request_id)
            raise
        finally:
            with self._lock:
                self._pending.pop(request_id, None)
        reply = pending.reply
        if reply is None:
            raise ServerError(self._dead or "tiq serve stopped before answering")
        if "error" in reply:
            error = reply["error"] or {}
            code, text, data = error.get("code", 0), error.get("message", ""), error.get("data")
            if code in _QUERY_ERROR_CODES or (code == _REQUEST_CANCELLED and isinstance(data, dict) and data.get("diagnostics")):
                raise QueryError(code, text, data, query)
            raise RequestError(code, text, data)
        return reply.get("result")

    def cancel(self, request_id: int) -> None:
        """Sends `$/cancelRequest` for `request_id` (ignored if the daemon is gone)."""
        try:
            self._send({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": request_id}})
        except TiqError:
            pass

    # -- methods --------------------------------------------------------------------------------

    def query(self, q: str, format: Optional[str] = None, limit: Optional[int] = None,
              timeout_ms: Optional[int] = None, frame: Optional[bool] = None) -> Any:
        """Runs the TQL query `q`: a pandas DataFrame when pandas is installed (or `frame=True`),
        a `tiq.Result` otherwise (or `frame=False`). Each warning of the answer is also raised
        as a `tiq.TiqWarning` (notes, which only describe, are not). `format` is the wire layout (rows, columns,
        long, wide); `limit` caps the rows sent; `timeout_ms` lets the daemon cancel it.
        Raises `tiq.QueryError` on a bad query."""
        params: Dict[str, Any] = {"q": q}
        if format is not None:
            params["format"] = format
        if limit is not None:
            params["limit"] = limit
        if timeout_ms is not None:
            params["timeoutMs"] = timeout_ms
        result = Result(self.request("query", params, query=q), q)
        for w in result.warnings:
            if w.severity == "warning":
                warnings.warn(TiqWarning(f"{w.code}: {w.message}", w), stacklevel=2)
        return result.to_pandas() if (self.frame if frame is None else frame) else result

    def check(self, q: str) -> List[Diagnostic]:
        """The diagnostics of `q` (errors then warnings) without running it; empty when it is fine."""
        return [Diagnostic.from_json(d) for d in self.request("check", {"q": q})["diagnostics"]]

    def complete(self, q: str, cursor: Optional[int] = None) -> List[CompletionItem]:
        """Completion candidates at character index `cursor` of `q` (default: the end)."""
        cursor = len(q) if cursor is None else max(0, min(cursor, len(q)))
        byte_cursor = len(q[:cursor].encode("utf-8"))
        items = self.request("complete", {"q": q, "cursor": byte_cursor})["items"]
        encoded = q.encode("utf-8")

        def chars(offset: int) -> int:
            return len(encoded[:offset].decode("utf-8", "ignore"))

        return [CompletionItem(i["label"], i["kind"], i.get("detail"), i.get("insertText", i["label"]),
                               chars(i["replace"]["start"]), chars(i["replace"]["end"])) for i in items]

    def hover(self, q: str, cursor: int) -> Optional[str]:
        """Markdown about the identifier at character index `cursor` of `q`, or None."""
        byte_cursor = len(q[: max(0, min(cursor, len(q)))].encode("utf-8"))
        result = self.request("hover", {"q": q, "cursor": byte_cursor})
        return None if result is None else result.get("markdown")

    def catalog(self, level: Optional[str] = None) -> Dict[str, Any]:
        """The levels (with attributes) and indicators of the dataset, optionally for one level."""
        return self.request("catalog", {} if level is None else {"level": level})

    def lookup(self, name: str, level: Optional[str] = None, limit: Optional[int] = None) -> List[Match]:
        """Territories whose name matches `name` (accents, case, hyphens and typos forgiven), best first."""
        params: Dict[str, Any] = {"name": name}
        if level is not None:
            params["level"] = level
        if limit is not None:
            params["limit"] = limit
        return [Match(m["level"], m["code"], m["name"], m["label"], m["score"])
                for m in self.request("lookup", params)["matches"]]

    def explain(self, q: str) -> List[Dict[str, Any]]:
        """The resolved plan of `q`: steps `{name, detail, rows?}`. Raises `QueryError` on a bad query."""
        return self.request("explain", {"q": q}, query=q)["plan"]

    def status(self) -> Dict[str, Any]:
        """The daemon's state: snapshot, origin, uptime, requests served, memory."""
        return self.request("status", {})


def connect(data: Optional[str] = None, binary: Optional[str] = None, args: Sequence[str] = (),
            frame: Optional[bool] = None) -> Client:
    """Starts `tiq serve` on the dataset directory `data` (the embedded demo when None).

    `binary` is the tiq executable (default `$TIQ_BINARY`, then `tiq` on PATH); `args` are extra
    `tiq serve` options; `frame` forces DataFrames on or off (default: on when pandas is
    installed). Use as a context manager so the daemon is stopped:

        with tiq.connect() as t:
            t.query("from emploi_ind at region | show name, emploi_ind")
    """
    return Client(data=data, binary=binary, args=args, frame=frame)
