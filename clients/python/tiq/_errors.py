"""The exceptions the client raises."""

from __future__ import annotations

from typing import Any, List, Optional

from ._diagnostics import Diagnostic, render_diagnostics


class TiqError(Exception):
    """Base class of every error raised by the tiq client."""


class ServerError(TiqError):
    """The daemon could not be started, or stopped answering (its stderr tail is in the message)."""


class RequestError(TiqError):
    """The daemon refused a request (a JSON-RPC error that is not about the query itself).

    `code` is the JSON-RPC error code, `data` the error's `data` member (or None).
    """

    def __init__(self, code: int, message: str, data: Any = None):
        super().__init__(f"{message} (JSON-RPC error {code})")
        self.code = code
        self.message = message
        self.data = data


class QueryError(RequestError):
    """A query that does not parse, resolve, type-check or run.

    `diagnostics` lists every problem found; `str(error)` is the rendered diagnostic, like the
    compiler-style output of `tiq check`: code, message, the query line, a caret under the span.
    """

    def __init__(self, code: int, message: str, data: Any, query: Optional[str]):
        raw = (data or {}).get("diagnostics", []) if isinstance(data, dict) else []
        self.diagnostics: List[Diagnostic] = [Diagnostic.from_json(d) for d in raw]
        self.query = query
        self.rendered = render_diagnostics(self.diagnostics, query) if self.diagnostics else message
        RequestError.__init__(self, code, message, data)
        self.args = (self.rendered,)

    def __str__(self) -> str:
        return self.rendered
