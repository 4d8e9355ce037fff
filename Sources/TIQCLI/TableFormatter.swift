import TIQCore
import TIQEngine

/// An answer as an aligned text table, for people at a terminal.
///
/// Headers carry the unit (`emploi_ind (jobs)`); numbers are right-aligned and formatted for
/// reading; an absent value shows why it is absent (`·`, `secret`, `n/a`, `undef`), a qualified
/// value carries its mark (`12,500 e`, `3,100 *`), and a legend names the marks used (`StatusMarker`);
/// a series column shows its first value, a sparkline, its last value and the qualified periods
/// in between (`[i 2019]`). Warnings and a
/// coverage line follow the table. Names and values from data files are escaped
/// (`TerminalEscaping`): no control sequence reaches the terminal.
public struct TableFormatter: Sendable {
    /// Colour or not.
    public var style: TerminalStyle
    /// The most rows printed; the rest are counted on one line.
    public var maxRows: Int?

    /// Creates a formatter.
    public init(style: TerminalStyle = .plain, maxRows: Int? = nil) {
        self.style = style
        self.maxRows = maxRows
    }

    /// One display column: header, cells, alignment.
    struct DisplayColumn {
        var header: String
        var cells: [String]
        var rightAligned: Bool
    }

    /// The whole text: table, legend, warnings and coverage, ending with a newline.
    public func format(_ table: ResultTable) -> String {
        let shown = min(table.rowCount, maxRows ?? Int.max)
        let (columns, seen) = displayColumns(table, rows: shown)
        var out = render(columns)
        if shown < table.rowCount {
            out += style.dim("… \(NumberText.grouped(String(table.rowCount - shown))) more rows (use --format csv for all)") + "\n"
        }
        if let legend = StatusMarker.legend(seen) { out += style.dim(legend) + "\n" }
        for w in table.warnings { out += style.yellow(w.description) + "\n" }
        out += style.dim(Self.coverageLine(table)) + "\n"
        return out
    }

    /// `12 rows at epci · kept 1230 of 1240 rows · 10 dropped · 99.5% of cells present` (`Coverage.summary`).
    public static func coverageLine(_ table: ResultTable) -> String {
        let rows = table.rowCount == 1 ? "1 row" : "\(NumberText.grouped(String(table.rowCount))) rows"
        var parts = [rows]
        if let level = table.level { parts[0] += " at " + TerminalEscaping.escape("\(level)") }
        let summary = table.coverage.summary()
        if !summary.isEmpty { parts.append(summary) }
        return parts.joined(separator: " · ")
    }

    /// The header of a column: its name, and its unit in parentheses when it has one worth saying.
    public static func header(_ column: ResultColumn) -> String {
        let u = column.unit.symbol
        return u.isEmpty || u == "text" || u == "bool" ? column.name : "\(column.name) (\(u))"
    }

    /// The display columns of the first `rows` rows, and the statuses seen in them (for the legend).
    func displayColumns(_ table: ResultTable, rows: Int) -> ([DisplayColumn], Set<ObservationStatus>) {
        var seen = Set<ObservationStatus>()
        let columns = table.columns.map { displayColumn($0, table: table, rows: rows, seen: &seen) }
        return (columns, seen)
    }

    private func displayColumn(_ column: ResultColumn, table: ResultTable, rows: Int,
                               seen: inout Set<ObservationStatus>) -> DisplayColumn {
        let cells = ResultCells(table: table)
        var header = TerminalEscaping.escape(Self.header(column))
        var texts: [String] = []
        texts.reserveCapacity(rows)
        switch column.kind {
        case .number:
            let raw = (0..<rows).map { cells.number(column, row: $0) }
            let pad = String(repeating: " ", count: StatusMarker.suffixWidth(raw.filter { !$0.value.isNaN }.map(\.status)))
            for (r, (v, s)) in raw.enumerated() {
                seen.insert(s)
                let text = StatusMarker.cell(NumberText.format(v, unit: cells.unit(column, row: r)), status: s, absent: v.isNaN)
                texts.append(s == .ok || s.isAbsence || v.isNaN ? text + pad : text)
            }
            return DisplayColumn(header: header, cells: texts, rightAligned: true)
        case .series:
            if let first = table.periods.first, let last = table.periods.last { header += " \(first)..\(last)" }
            let all = (0..<rows).map { cells.series(column, row: $0) }
            let ends = all.flatMap { [$0.first, $0.last].compactMap { $0 } }.filter { !$0.value.isNaN }
            let endPad = String(repeating: " ", count: StatusMarker.suffixWidth(ends.map(\.status)))
            var parts: [(first: String, spark: String, last: String, inner: String)] = []
            for series in all {
                for s in series { seen.insert(s.status) }
                parts.append(seriesParts(series, unit: column.unit, periods: table.periods, pad: endPad))
            }
            let firstWidth = parts.map { Self.visibleWidth($0.first) }.max() ?? 0
            let lastWidth = parts.map { Self.visibleWidth($0.last) }.max() ?? 0
            for p in parts {
                texts.append(pad(p.first, firstWidth, right: true, last: false) + " " + style.cyan(p.spark) + " "
                             + pad(p.last, lastWidth, right: true, last: false) + (p.inner.isEmpty ? "" : " " + p.inner))
            }
            return DisplayColumn(header: header, cells: texts, rightAligned: false)
        case .text, .bool, .period:
            for r in 0..<rows {
                if let t = cells.text(column, row: r) { texts.append(TerminalEscaping.escape(t)) } else {
                    seen.insert(.missing); texts.append(StatusMarker.marker(.missing))
                }
            }
            return DisplayColumn(header: header, cells: texts, rightAligned: false)
        }
    }

    /// `103,210 ▁▂▃▅▆▇█ 118,400 e [i 2019]`: the first value, the shape, the last value, each
    /// with its mark (`pad` after an unmarked one), then the qualified periods in between (the
    /// first three, then a count; absent periods are the sparkline's gaps).
    private func seriesParts(_ series: [(value: Double, status: ObservationStatus)], unit: Unit,
                             periods: [Period], pad: String) -> (first: String, spark: String, last: String, inner: String) {
        func text(_ cell: (value: Double, status: ObservationStatus)?) -> String {
            guard let cell else { return "" }
            let marked = !cell.value.isNaN && cell.status != .ok && !cell.status.isAbsence
            return StatusMarker.cell(NumberText.format(cell.value, unit: unit), status: cell.status, absent: cell.value.isNaN)
                + (marked ? "" : pad)
        }
        var notes: [String] = []
        if series.count > 2 {
            for t in 1..<(series.count - 1) where series[t].status != .ok && !series[t].value.isNaN && t < periods.count {
                notes.append("\(StatusMarker.marker(series[t].status)) \(periods[t])")
            }
        }
        let inner = notes.isEmpty ? "" : "[" + (notes.prefix(3) + (notes.count > 3 ? ["+\(notes.count - 3)"] : [])).joined(separator: ", ") + "]"
        return (text(series.first), Sparkline.draw(series.map(\.value)), text(series.last), inner)
    }

    private func render(_ columns: [DisplayColumn]) -> String {
        guard !columns.isEmpty else { return "(no columns)\n" }
        let widths = columns.map { c in max(c.header.count, c.cells.map(Self.visibleWidth).max() ?? 0) }
        var out = ""
        out += columns.indices.map { i in pad(columns[i].header, widths[i], right: columns[i].rightAligned, last: i == columns.count - 1) }
            .map(style.bold).joined(separator: "  ") + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        let rows = columns[0].cells.count
        for r in 0..<rows {
            out += columns.indices.map { i in
                pad(columns[i].cells[r], widths[i], right: columns[i].rightAligned, last: i == columns.count - 1)
            }.joined(separator: "  ") + "\n"
        }
        if rows == 0 { out += style.dim("(no rows)") + "\n" }
        return out
    }

    private func pad(_ text: String, _ width: Int, right: Bool, last: Bool) -> String {
        let gap = String(repeating: " ", count: max(0, width - Self.visibleWidth(text)))
        return right ? gap + text : (last ? text : text + gap)
    }

    /// Characters on screen, not counting ANSI escapes.
    static func visibleWidth(_ text: String) -> Int {
        var n = 0
        var inEscape = false
        for u in text.unicodeScalars {
            if inEscape { if u == "m" { inEscape = false }; continue }
            if u == "\u{1B}" { inEscape = true; continue }
            n += 1
        }
        return n
    }
}
