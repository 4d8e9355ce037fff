"""tiq — a notebook client for the tiq daemon.

    import tiq
    with tiq.connect() as t:                 # the embedded demo; data="DIR" for a dataset
        df = t.query("from emploi_ind at region | show name, emploi_ind")

`connect` spawns `tiq serve` (the binary from `binary=`, `$TIQ_BINARY`, or `tiq` on PATH) and
talks JSON-RPC 2.0 to it over pipes. Results are pandas DataFrames when pandas is installed,
`tiq.Result` objects otherwise. Only the standard library is required. Every cell's status
(secret, missing, imputed, partial…) travels with the answer (`tiq.statuses(df)`,
`tiq.style(df)`, `Result.status_of`); the daemon's warnings are raised as `tiq.TiqWarning`.
"""

from ._client import Client, connect
from ._diagnostics import Diagnostic, Span, render_diagnostic, render_diagnostics
from ._errors import QueryError, RequestError, ServerError, TiqError
from ._frames import TiqWarning, statuses, style
from ._result import CompletionItem, Match, Result

__all__ = [
    "Client",
    "CompletionItem",
    "Diagnostic",
    "Match",
    "QueryError",
    "RequestError",
    "Result",
    "ServerError",
    "Span",
    "TiqError",
    "TiqWarning",
    "connect",
    "render_diagnostic",
    "render_diagnostics",
    "statuses",
    "style",
]

__version__ = "0.1.0"
