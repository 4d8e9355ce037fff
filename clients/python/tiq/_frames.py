"""Statuses beside a DataFrame: the parallel frame, and an HTML rendering that marks them."""

from __future__ import annotations

from typing import Any

from ._display import _STATUS_MARKS, _STATUS_MEANINGS, _STATUS_ORDER, _STATUS_STYLE


class TiqWarning(UserWarning):
    """A warning the daemon attached to an answer (dropped rows, approximations, empty
    periods…): raised with `warnings.warn`, so notebooks show it under the cell. The
    `diagnostic` attribute is the `tiq.Diagnostic` (code, severity, span, fix-its)."""

    def __init__(self, message: str, diagnostic: Any = None):
        super().__init__(message)
        self.diagnostic = diagnostic


def statuses(df):
    """A frame parallel to `df` (same index and columns) holding each cell's status: `ok`, why it
    is absent (`missing`, `secret`, `na`, `undefined`) or how it is qualified (`estimated`,
    `provisional`, `break`, `imputed`, `partial`, `approx`). Read from `df.attrs["statuses"]`,
    which `Client.query` fills; every cell is `ok` when there is none."""
    import pandas as pd

    out = pd.DataFrame("ok", index=df.index, columns=df.columns, dtype="object")
    for column, cells in (df.attrs.get("statuses") or {}).items():
        if column not in out.columns:
            continue
        j = out.columns.get_loc(column)
        for label, status in cells.items():
            if label in out.index:
                out.iloc[out.index.get_loc(label), j] = status
    return out


def style(df):
    """`df` as a pandas Styler whose HTML marks every cell that is not a plain value: absent
    cells show their reason (`secret`, `missing`…), qualified ones their mark (`e`, `i`, `*`…)
    and a tooltip-like class, with a caption naming the statuses present (needs jinja2, as
    every pandas Styler does)."""
    st = statuses(df)
    used = [s for s in _STATUS_ORDER if (st == s).to_numpy().any()]

    def css(_: Any):
        return st.map(lambda s: _STATUS_STYLE.get(s, "") if s != "ok" else "")

    def fmt_cell(value: Any, status: str) -> str:
        if status in ("missing", "secret", "na", "undefined"):
            return _STATUS_MARKS[status]
        text = f"{value:,.6g}" if isinstance(value, float) else str(value)
        return text if status == "ok" else f"{text} {_STATUS_MARKS.get(status, status)}"

    shown = df.copy().astype("object")
    for i in range(shown.shape[0]):
        for j in range(shown.shape[1]):
            shown.iat[i, j] = fmt_cell(df.iat[i, j], st.iat[i, j])
    styler = shown.style.apply(css, axis=None)
    if used:
        styler = styler.set_caption(" · ".join(f"{_STATUS_MARKS[s]} = {_STATUS_MEANINGS[s]}" for s in used))
    return styler
