"""Diagnostics as the daemon sends them, and their compiler-style rendering.

The rendering follows tiq's own renderer (`tiq check`, the REPL):

    error[E201]: unknown indicator `emploi_indus`
     --> query:1:6
      |
    1 | from emploi_indus at epci
      |      ^^^^^^^^^^^^ not in the catalog
    help: did you mean `emploi_ind` (…)?
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional


@dataclass(frozen=True)
class Span:
    """Where a diagnostic points. `start`/`end` are UTF-8 byte offsets; lines and columns are
    1-based and count characters (Unicode scalars), as a person reads them."""

    start: int
    end: int
    line: int
    col: int
    end_line: int
    end_col: int

    @staticmethod
    def from_json(j: Dict[str, Any]) -> "Span":
        return Span(j["start"], j["end"], j["line"], j["col"], j.get("endLine", j["line"]), j.get("endCol", j["col"]))


@dataclass(frozen=True)
class Diagnostic:
    """One problem in a query: `severity` (error, warning, note), a stable `code` (E201), the
    `message`, its `span`, and the `label`, `expected`, `suggestions`, `help` and `notes`."""

    severity: str
    code: str
    message: str
    span: Optional[Span] = None
    file: Optional[str] = None
    label: Optional[str] = None
    expected: List[str] = field(default_factory=list)
    suggestions: List[Dict[str, Any]] = field(default_factory=list)
    help: Optional[str] = None
    notes: List[str] = field(default_factory=list)

    @staticmethod
    def from_json(j: Dict[str, Any]) -> "Diagnostic":
        span = j.get("span")
        return Diagnostic(
            severity=j.get("severity", "error"),
            code=j.get("code", ""),
            message=j.get("message", ""),
            span=Span.from_json(span) if isinstance(span, dict) else None,
            file=j.get("file"),
            label=j.get("label"),
            expected=list(j.get("expected") or []),
            suggestions=list(j.get("suggestions") or []),
            help=j.get("help"),
            notes=list(j.get("notes") or []),
        )

    def render(self, query: Optional[str] = None) -> str:
        """This diagnostic rendered against `query` (one line without it)."""
        return render_diagnostic(self, query)

    def __str__(self) -> str:
        return render_diagnostic(self, None)


def _one_line(d: Diagnostic) -> str:
    place = ""
    if d.file:
        place += d.file + ":"
    if d.span:
        place += f"{d.span.line}:{d.span.col}:"
    text = (place + " " if place else "") + f"{d.severity}[{d.code}]: {d.message}"
    if d.help:
        text += " — " + d.help
    return text


def _help(d: Diagnostic) -> Optional[str]:
    if d.help:
        return d.help
    if d.suggestions:
        return "did you mean " + " or ".join(f"`{s.get('label', '')}`" for s in d.suggestions) + "?"
    return None


def render_diagnostic(d: Diagnostic, query: Optional[str], source_name: str = "query", max_lines: int = 6) -> str:
    """Renders `d` like a compiler: header, `--> query:line:col`, the query lines, carets under
    the span with the label, then notes and help. Without `query` (or a span), one line."""
    if query is None or d.file is not None or d.span is None:
        return _one_line(d)
    span = d.span
    lines = query.replace("\r", "").split("\n")
    last_shown = min(span.end_line, span.line + max_lines - 1)
    width = len(str(max(span.line, last_shown)))
    gutter = " " * width
    out = [f"{d.severity}[{d.code}]: {d.message}", f"{gutter}--> {source_name}:{span.line}:{span.col}", f"{gutter} |"]
    for number in range(span.line, max(span.line, last_shown) + 1):
        source = lines[number - 1] if number - 1 < len(lines) else ""
        out.append(f"{str(number).rjust(width)} |" + (" " + source if source else ""))
        if number == span.line:
            start = span.col
        else:
            stripped = len(source) - len(source.lstrip(" \t"))
            start = stripped + 1 if source.strip() else 1
        end = span.end_col if number == span.end_line else len(source) + 1
        carets = max(1, end - start)
        indent = "".join("\t" if ch == "\t" else " " for ch in source[: max(0, start - 1)])
        indent += " " * max(0, start - 1 - len(source))
        underline = f"{gutter} | {indent}" + "^" * carets
        label = d.label or ("expected " + ", ".join(d.expected) if d.expected else None)
        if number == last_shown and label:
            underline += " " + label
        out.append(underline)
    if last_shown < span.end_line:
        out.append(f"{gutter} | …")
    for note in d.notes:
        out.append("note: " + note)
    helptext = _help(d)
    if helptext:
        out.append("help: " + helptext)
    return "\n".join(out)


def render_diagnostics(diagnostics: List[Diagnostic], query: Optional[str]) -> str:
    """Several diagnostics, rendered and separated by blank lines."""
    return "\n\n".join(render_diagnostic(d, query) for d in diagnostics)
