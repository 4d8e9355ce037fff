"""Query results: a plain object, its HTML table for Jupyter, and the pandas DataFrame."""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from ._diagnostics import Diagnostic

_WIDE_NAME = re.compile(r"^(.+)@(\d{4}(?:[-Q]\S*)?)$")
_HTML_MAX_ROWS = 200


@dataclass(frozen=True)
class CompletionItem:
    """A completion candidate. `start`/`end` are the character range of the query that
    `insert_text` replaces (Python string indices, not bytes)."""

    label: str
    kind: str
    detail: Optional[str]
    insert_text: str
    start: int
    end: int


@dataclass(frozen=True)
class Match:
    """A territory found by `lookup`, with its similarity `score` in 0..1."""

    level: str
    code: str
    name: str
    label: str
    score: float


class Result:
    """A query result without pandas.

    - `columns`: column names; `kinds`: text, number, bool, period or series per column;
    - `units`: {column: unit symbol} (`%` values are percent numbers: 12.5 means 12.5 %);
    - `rows`: one list per row; a series cell is a list parallel to `periods`; None is absent;
    - `periods`: the periods of series columns; `warnings`: `Diagnostic`s about the answer;
    - `coverage`: {rowsComplete, rowsTotal, cellPercent}; `statuses`: cells that are not plain
      values or plain absences (secret, provisional…); `row_count`, `truncated`, `level`.
    """

    def __init__(self, payload: Dict[str, Any], query: str = ""):
        self.query = query
        self.format: str = payload.get("format", "rows")
        cols = payload.get("columns", [])
        self.columns: List[str] = [c["name"] for c in cols]
        self.kinds: List[str] = [c.get("kind", "") for c in cols]
        self.units: Dict[str, str] = {c["name"]: c.get("unit", "") for c in cols}
        if "data" in payload:  # the `columns` layout: transpose to rows
            data = payload["data"]
            self.rows: List[List[Any]] = [list(r) for r in zip(*data)] if data else []
        else:
            self.rows = [list(r) for r in payload.get("rows", [])]
        self.periods: List[str] = list(payload.get("periods", []))
        self.row_count: int = payload.get("rowCount", len(self.rows))
        self.truncated: bool = bool(payload.get("truncated", False))
        self.statuses: List[Dict[str, Any]] = list(payload.get("statuses", []))
        self.coverage: Dict[str, Any] = dict(payload.get("coverage") or {})
        self.level: Optional[str] = payload.get("level")
        self.warnings: List[Diagnostic] = [Diagnostic.from_json(w) for w in payload.get("warnings", [])]
        self.elapsed_ms: Optional[float] = payload.get("elapsedMs")
        self.snapshot: Optional[int] = payload.get("snapshot")

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __repr__(self) -> str:
        return f"<tiq.Result {len(self.rows)} rows × {len(self.columns)} columns: {', '.join(self.columns)}>"

    # -- shapes ---------------------------------------------------------------------------------

    def wide_series(self) -> Optional[Tuple[List[str], List[Tuple[str, List[str], List[Any]]]]]:
        """When the result holds series (series columns, or `name@period` columns of a wide
        layout): `(periods, [(series name, key of the row, values per period)])`; else None."""
        key_cols = [i for i, k in enumerate(self.kinds) if k != "series" and not _WIDE_NAME.match(self.columns[i])]
        series_cols = [i for i, k in enumerate(self.kinds) if k == "series"]
        wide_cols = [i for i, n in enumerate(self.columns) if self.kinds[i] != "series" and _WIDE_NAME.match(n)]
        if not series_cols and not wide_cols:
            return None
        periods: List[str] = list(self.periods)
        by_series: Dict[str, Dict[str, int]] = {}
        for i in wide_cols:
            m = _WIDE_NAME.match(self.columns[i])
            assert m is not None
            by_series.setdefault(m.group(1), {})[m.group(2)] = i
            if m.group(2) not in periods:
                periods.append(m.group(2))
        if wide_cols and not series_cols:
            periods.sort()
        out: List[Tuple[str, List[str], List[Any]]] = []
        for r, row in enumerate(self.rows):
            key = [_cell_text(row[i]) for i in key_cols] or [str(r)]
            for i in series_cols:
                values = list(row[i]) if isinstance(row[i], list) else [None] * len(periods)
                out.append((self.columns[i], key, values))
            for name, per in by_series.items():
                out.append((name, key, [row[per[p]] if p in per else None for p in periods]))
        return periods, out

    def series_unit(self, name: str) -> str:
        """The unit of series `name` (a series column, or the `name@period` columns)."""
        if name in self.units:
            return self.units[name]
        for col, unit in self.units.items():
            m = _WIDE_NAME.match(col)
            if m and m.group(1) == name:
                return unit
        return ""

    # -- pandas ---------------------------------------------------------------------------------

    def to_pandas(self):
        """The result as a pandas DataFrame (pandas must be installed).

        A plain result keeps its columns. A result with series (or a wide layout) has the
        periods as its index and one column per (series, row key) — the row key being the text
        of the row's other columns — or per row key alone when there is one series.
        `df.attrs` holds `units` ({column: unit}), `warnings`, `coverage` and `query`.
        """
        import pandas as pd  # imported here: pandas is optional

        wide = self.wide_series()
        if wide is None:
            df = pd.DataFrame(self.rows, columns=self.columns)
            for name, kind in zip(self.columns, self.kinds):
                if kind == "number":
                    df[name] = pd.to_numeric(df[name], errors="coerce")
            units = dict(self.units)
        else:
            periods, series = wide
            names = {s[0] for s in series}
            data: Dict[Any, List[Any]] = {}
            units = {}
            for name, key, values in series:
                label_key = " · ".join(key)
                label = label_key if len(names) == 1 else (name, label_key)
                data[label] = [math.nan if v is None else v for v in values]
                units[label] = self.series_unit(name)
            df = pd.DataFrame(data, index=pd.Index(periods, name="period"))
            if len(names) > 1:
                df.columns = pd.MultiIndex.from_tuples(list(data.keys()), names=["series", "row"])
            elif names:
                df.columns.name = next(iter(names))
        df.attrs["units"] = units
        df.attrs["warnings"] = [w.message for w in self.warnings]
        df.attrs["coverage"] = dict(self.coverage)
        df.attrs["query"] = self.query
        return df

    # -- display --------------------------------------------------------------------------------

    def _repr_html_(self) -> str:
        """An HTML table for Jupyter: units under the names, series as their values per period,
        absent cells shown as an em dash, then coverage and warnings."""
        e = html.escape
        head = "".join(
            f"<th>{e(n)}" + (f"<br><small>{e(self.units.get(n, ''))}</small>" if self.units.get(n) not in ("", "text", "bool", None) else "") + "</th>"
            for n in self.columns
        )
        body = []
        for row in self.rows[:_HTML_MAX_ROWS]:
            cells = []
            for v, kind in zip(row, self.kinds):
                align = ' style="text-align:right"' if kind in ("number", "series") else ""
                cells.append(f"<td{align}>{e(_cell_text(v))}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        out = [f'<table class="tiq-result"><thead><tr>{head}</tr></thead><tbody>', "".join(body), "</tbody></table>"]
        foot = []
        shown = min(len(self.rows), _HTML_MAX_ROWS)
        if shown < self.row_count:
            foot.append(f"{shown} of {self.row_count} rows shown")
        if self.periods:
            foot.append("periods " + e(", ".join(self.periods)))
        cov = self.coverage
        if cov.get("rowsTotal") is not None:
            pct = cov.get("cellPercent")
            foot.append(f"coverage: {cov.get('rowsComplete')}/{cov.get('rowsTotal')} rows complete"
                        + (f", {pct:.1f} % of cells" if isinstance(pct, (int, float)) else ""))
        if foot:
            out.append("<p><small>" + " · ".join(foot) + "</small></p>")
        for w in self.warnings:
            out.append(f'<p class="tiq-warning"><small>{e(w.severity)}[{e(w.code)}]: {e(w.message)}</small></p>')
        return "".join(out)


def _cell_text(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isnan(v):
            return "—"
        if v == int(v) and abs(v) < 1e15:
            return f"{int(v):,}"
        if abs(v) >= 100:
            return f"{v:,.1f}"
        return f"{v:.3g}" if abs(v) < 1 else f"{v:.2f}"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, list):
        return " ".join(_cell_text(x) for x in v)
    return str(v)
