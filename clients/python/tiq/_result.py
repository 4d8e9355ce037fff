"""Query results: a plain object, its HTML table for Jupyter, and the pandas DataFrame."""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from ._diagnostics import Diagnostic
from ._display import _STATUS_MARKS, _STATUS_MEANINGS, _STATUS_ORDER, _cell_text, _marked_html, _period_index

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

    # -- statuses -------------------------------------------------------------------------------

    def status_of(self, row: int, column: str, period: Optional[str] = None) -> str:
        """The status of one cell: `ok`, or why it is absent (`missing`, `secret`, `na`,
        `undefined`), or how it is qualified (`estimated`, `provisional`, `break`, `imputed`,
        `partial`, `approx`). An absent cell the daemon gives no reason for is `missing`."""
        return self._status_map().get((row, column, period)) or (
            "missing" if self._value(row, column, period) is None else "ok")

    def _status_map(self) -> Dict[Tuple[int, str, Optional[str]], str]:
        if not hasattr(self, "_statuses_by_cell"):
            self._statuses_by_cell = {(s["row"], s["column"], s.get("period")): s["status"] for s in self.statuses}
        return self._statuses_by_cell

    def _value(self, row: int, column: str, period: Optional[str]) -> Any:
        v = self.rows[row][self.columns.index(column)]
        if period is not None and isinstance(v, list):
            return v[self.periods.index(period)]
        return v

    # -- shapes ---------------------------------------------------------------------------------

    def _key_columns(self) -> List[int]:
        """The columns that name a row: text, bool and period columns (not numbers)."""
        return [i for i, k in enumerate(self.kinds) if k in ("text", "bool", "period")]

    def _is_wide_layout(self) -> bool:
        """Whether `name@period` number columns are a series spread by the `wide` layout (or
        `show … as wide`), rather than values picked with `x@2018` beside other columns."""
        wide_cols = [n for i, n in enumerate(self.columns) if self.kinds[i] == "number" and _WIDE_NAME.match(n)]
        scalars = [n for i, n in enumerate(self.columns) if self.kinds[i] == "number" and not _WIDE_NAME.match(n)]
        if not wide_cols or scalars or "series" in self.kinds:
            return False
        if self.format == "wide":
            return True
        # `show …, x as wide`: every column of the series is there, in period order, ≥ 2 periods.
        groups: Dict[str, List[str]] = {}
        for n in wide_cols:
            m = _WIDE_NAME.match(n)
            assert m is not None
            groups.setdefault(m.group(1), []).append(m.group(2))
        return all(len(ps) > 2 and ps == sorted(ps) for ps in groups.values())

    def row_keys(self) -> List[Tuple[str, str]]:
        """One `(key, label)` per row: the key is the `code` column when there is one (unique for
        territories), else the text of the row's naming columns; the label is the `name` column
        when there is one, else the key. Rows whose keys would repeat (homonyms, no `code`
        column) get `#2`, `#3`… so that no two rows ever merge."""
        key_cols = self._key_columns()
        code = self.columns.index("code") if "code" in self.columns else None
        name = self.columns.index("name") if "name" in self.columns else None
        out: List[Tuple[str, str]] = []
        seen: Dict[str, int] = {}
        for r, row in enumerate(self.rows):
            if code is not None:
                key = _cell_text(row[code])
            else:
                key = " · ".join(_cell_text(row[i]) for i in key_cols) or str(r)
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key} #{seen[key]}"
            label = _cell_text(row[name]) if name is not None and code is not None else key
            out.append((key, label))
        return out

    def wide_series(self) -> Optional[Tuple[List[str], List[Tuple[str, List[str], List[Any]]]]]:
        """When the result is series alone (series columns beside naming columns, or the
        `name@period` columns of a wide layout): `(periods, [(series name, [row key, label],
        values per period)])`; else None (a plain table)."""
        entries = self._series_entries()
        return None if entries is None else (entries[0], [(n, k, v) for n, k, v, _ in entries[1]])

    def _series_entries(self) -> Optional[Tuple[List[str], List[Tuple[str, List[str], List[Any], int]]]]:
        """`wide_series` with the row each series comes from."""
        wide = self._is_wide_layout()
        series_cols = [i for i, k in enumerate(self.kinds) if k == "series"]
        scalars = [i for i, k in enumerate(self.kinds) if k == "number" and not (wide and _WIDE_NAME.match(self.columns[i]))]
        if scalars or (not series_cols and not wide):
            return None
        periods: List[str] = list(self.periods)
        by_series: Dict[str, Dict[str, int]] = {}
        if wide:
            for i, n in enumerate(self.columns):
                m = _WIDE_NAME.match(n) if self.kinds[i] == "number" else None
                if m:
                    by_series.setdefault(m.group(1), {})[m.group(2)] = i
                    if m.group(2) not in periods:
                        periods.append(m.group(2))
            periods.sort()
        out: List[Tuple[str, List[str], List[Any], int]] = []
        for r, ((key, label), row) in enumerate(zip(self.row_keys(), self.rows)):
            for i in series_cols:
                values = list(row[i]) if isinstance(row[i], list) else [None] * len(periods)
                out.append((self.columns[i], [key, label], values, r))
            for name, per in by_series.items():
                out.append((name, [key, label], [row[per[p]] if p in per else None for p in periods], r))
        return periods, out

    def _series_statuses(self, name: str, row: int, periods: List[str]) -> List[str]:
        if name in self.columns and self.kinds[self.columns.index(name)] == "series":
            return [self.status_of(row, name, p) for p in periods]
        return [self.status_of(row, f"{name}@{p}") if f"{name}@{p}" in self.columns else "missing" for p in periods]

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

        A plain table keeps its rows and columns: a scalar stays a column, `x@2018` beside other
        columns stays a column, bool columns are booleans (pandas' nullable `boolean`), and a
        series column beside scalars is spread to `x@2018`… columns. A result of series alone
        (with naming columns, or a wide layout) has the periods as its index — a
        `pandas.PeriodIndex` — and one column per row, keyed by `code` when the result has one
        (the `name` is in `df.attrs["labels"]`), so that homonyms never merge; with several
        series the columns are a MultiIndex (series, row).

        `df.attrs` holds `units`, `statuses` ({column: {index: status}} for every cell that is not
        a plain value: absent ones say why, qualified ones how), `labels`, `warnings`, `coverage`
        and `query`. `tiq.statuses(df)` turns `statuses` into a frame parallel to `df`;
        `tiq.style(df)` renders it with those cells marked.
        """
        import pandas as pd  # imported here: pandas is optional

        wide = self._series_entries()
        statuses: Dict[Any, Dict[Any, str]] = {}
        labels: Dict[str, str] = {}
        if wide is None:
            names, cols, units = self._plain_columns()
            series_list = []
            for values, (_, kind) in zip(cols, self._plain_kinds()):
                if kind == "number":
                    series_list.append(pd.to_numeric(pd.Series(values, dtype="object"), errors="coerce").astype("float64"))
                elif kind == "bool":
                    series_list.append(pd.Series(values, dtype="boolean"))
                elif kind == "period":
                    series_list.append(pd.Series(_period_index(pd, [str(v) for v in values])))
                else:
                    series_list.append(pd.Series(values, dtype="object"))
            df = pd.concat(series_list, axis=1, ignore_index=True) if series_list else pd.DataFrame(index=range(len(self.rows)))
            df.columns = names
            for name, (column, period) in zip(names, self._plain_sources()):
                if column is None:
                    continue
                for r in range(len(self.rows)):
                    st = self.status_of(r, column, period)
                    if st != "ok":
                        statuses.setdefault(name, {})[r] = st
        else:
            periods, series = wide
            series_names = {s[0] for s in series}
            data: List[List[float]] = []
            keys: List[Any] = []
            units = {}
            index = _period_index(pd, periods)
            unnamed = not self._key_columns() and len(self.rows) == 1  # `agg` without `by`: one row
            for name, (key, label), values, row in series:
                column = name if unnamed else key if len(series_names) == 1 else (name, key)
                keys.append(column)
                labels[key] = label
                data.append([math.nan if v is None else float(v) for v in values])
                units[column] = self.series_unit(name)
                for p, ix, st in zip(periods, index, self._series_statuses(name, row, periods)):
                    if st != "ok":
                        statuses.setdefault(column, {})[ix] = st
            df = pd.DataFrame(dict(enumerate(data)), index=index)
            if len(series_names) > 1 and not unnamed:
                df.columns = pd.MultiIndex.from_tuples(keys, names=["series", "row"])
            else:
                df.columns = pd.Index(keys, name=None if unnamed or not series_names else next(iter(series_names)))
        df.attrs["units"] = units
        df.attrs["statuses"] = statuses
        df.attrs["labels"] = labels
        df.attrs["warnings"] = [w.message for w in self.warnings]
        df.attrs["coverage"] = dict(self.coverage)
        df.attrs["query"] = self.query
        return df

    def _plain_layout(self) -> List[Tuple[str, str, Optional[str], Optional[str], str]]:
        """The columns of the plain table: (name, kind, source column, period, unit); a series
        column spread to one column per period."""
        out = []
        for name, kind in zip(self.columns, self.kinds):
            if kind == "series":
                out += [(f"{name}@{p}", "number", name, p, self.units.get(name, "")) for p in self.periods]
            else:
                out.append((name, kind, name if kind == "number" else None, None, self.units.get(name, "")))
        return out

    def _plain_columns(self) -> Tuple[List[str], List[List[Any]], Dict[str, str]]:
        layout = self._plain_layout()
        cols: List[List[Any]] = []
        for name, kind, source, period, _ in layout:
            i = self.columns.index(source if source is not None else name)
            if period is not None:
                t = self.periods.index(period)
                cols.append([row[i][t] if isinstance(row[i], list) else None for row in self.rows])
            else:
                cols.append([row[i] for row in self.rows])
        return [l[0] for l in layout], cols, {l[0]: l[4] for l in layout}

    def _plain_kinds(self) -> List[Tuple[str, str]]:
        return [(l[0], l[1]) for l in self._plain_layout()]

    def _plain_sources(self) -> List[Tuple[Optional[str], Optional[str]]]:
        return [(l[2], l[3]) for l in self._plain_layout()]

    # -- display --------------------------------------------------------------------------------

    def _repr_html_(self) -> str:
        """An HTML table for Jupyter: units under the names, series as their values per period,
        absent cells as the reason (`secret`, `missing`, `na`…), qualified values with a mark
        (`120 ᵖ`…) and a tooltip, a legend of the statuses shown, then coverage and warnings."""
        e = html.escape
        head = "".join(
            f"<th>{e(n)}" + (f"<br><small>{e(self.units.get(n, ''))}</small>" if self.units.get(n) not in ("", "text", "bool", None) else "") + "</th>"
            for n in self.columns
        )
        body = []
        seen: List[str] = []
        for r, row in enumerate(self.rows[:_HTML_MAX_ROWS]):
            cells = []
            for v, kind, name in zip(row, self.kinds, self.columns):
                align = ' style="text-align:right"' if kind in ("number", "series") else ""
                if kind == "series" and isinstance(v, list):
                    parts = [_marked_html(x, self.status_of(r, name, p), seen) for x, p in zip(v, self.periods)]
                    cells.append(f"<td{align}>{' '.join(parts)}</td>")
                elif kind == "number":
                    cells.append(f"<td{align}>{_marked_html(v, self.status_of(r, name), seen)}</td>")
                else:
                    cells.append(f"<td{align}>{e(_cell_text(v))}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        out = [f'<table class="tiq-result"><thead><tr>{head}</tr></thead><tbody>', "".join(body), "</tbody></table>"]
        if seen:
            out.append('<p class="tiq-legend"><small>' + " · ".join(
                f'<span class="tiq-{s}">{e(_STATUS_MARKS.get(s, s))}</span> = {e(_STATUS_MEANINGS[s])}' for s in _STATUS_ORDER if s in seen)
                + "</small></p>")
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
