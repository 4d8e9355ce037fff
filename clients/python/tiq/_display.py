"""How values and statuses are shown: the status marks and their meanings, a cell's text and
HTML, and the periods as a pandas index."""

from __future__ import annotations

import html
import math
import re
from typing import Any, List


# The statuses, in legend order, with the marks of `tiq`'s text outputs (absences are words).
_STATUS_ORDER = ["missing", "secret", "na", "undefined", "estimated", "provisional", "break", "imputed", "partial", "approx"]
_STATUS_MARKS = {"missing": "·", "secret": "secret", "na": "n/a", "undefined": "undef", "estimated": "e",
                 "provisional": "p", "break": "b", "imputed": "i", "partial": "*", "approx": "~"}
_STATUS_MEANINGS = {
    "missing": "missing (not collected or not published)",
    "secret": "withheld for statistical confidentiality",
    "na": "not applicable (the territory did not exist)",
    "undefined": "undefined (a division by zero, a growth from 0)",
    "estimated": "estimated by the producer",
    "provisional": "provisional",
    "break": "break in series (not comparable with earlier values)",
    "imputed": "imputed (filled in by fill or coalesce)",
    "partial": "partial (an aggregate with members skipped)",
    "approx": "approximate (fractional memberships or a mean of medians)",
}
_STATUS_STYLE = {"missing": "color:#888", "secret": "color:#b00;font-style:italic", "na": "color:#888",
                 "undefined": "color:#888", "partial": "background:#fff3cd", "imputed": "background:#e8f0fe",
                 "estimated": "background:#f3f3f3", "provisional": "background:#f3f3f3", "break": "border-left:2px solid #555",
                 "approx": "background:#f3f3f3"}


def _marked_html(v: Any, status: str, seen: List[str]) -> str:
    """One value as HTML: the reason when absent, the value and its mark when qualified."""
    e = html.escape
    if status != "ok" and status not in seen:
        seen.append(status)
    if status == "ok":
        return e(_cell_text(v))
    style = _STATUS_STYLE.get(status, "")
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return f'<span class="tiq-{status}" title="{e(status)}" style="{style}">{e(_STATUS_MARKS.get(status, status))}</span>'
    return (f'<span class="tiq-{status}" title="{e(status)}" style="{style}">{e(_cell_text(v))}'
            f"<sup>{e(_STATUS_MARKS.get(status, status))}</sup></span>")


def _period_index(pd, periods: List[str]):
    """The periods as a `pandas.PeriodIndex` (years, quarters, months; a semester is the
    6-month period starting in January or July); a plain index if one cannot be read."""
    freqs = {"A": "Y", "Q": "Q", "M": "M"}
    values = []
    kind = None
    for p in periods:
        m = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|S[12]|\d{2}))?", p)
        if not m:
            return pd.Index(periods, name="period")
        sub = m.group(2)
        k = "A" if sub is None else "Q" if sub.startswith("Q") else "S" if sub.startswith("S") else "M"
        if kind not in (None, k):
            return pd.Index(periods, name="period")
        kind = k
        if k == "A":
            values.append(m.group(1))
        elif k == "Q":
            values.append(f"{m.group(1)}{sub}")
        elif k == "M":
            values.append(f"{m.group(1)}-{sub}")
        else:
            values.append(f"{m.group(1)}-{'01' if sub == 'S1' else '07'}")
    if kind is None:
        return pd.PeriodIndex([], freq="Y", name="period")
    freq = "6M" if kind == "S" else freqs[kind]
    try:
        return pd.PeriodIndex(values, freq=freq, name="period")
    except (ValueError, TypeError):
        return pd.Index(periods, name="period")


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
