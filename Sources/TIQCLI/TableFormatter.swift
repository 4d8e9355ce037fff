import TIQCore
import TIQEngine

/// An answer as an aligned text table, for people at a terminal.
///
/// Headers carry the unit (`emploi_ind (jobs)`); numbers are right-aligned and formatted for
/// reading; an absent value shows why it is absent (`·`, `secret`, `n/a`, `undef`) with a legend;
/// a series column shows its first value, a sparkline and its last value. Warnings and a
/// coverage line follow the table.
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
        let (columns, absences) = displayColumns(table, rows: shown)
        var out = render(columns)
        if shown < table.rowCount {
            out += style.dim("… \(NumberText.grouped(String(table.rowCount - shown))) more rows (use --format csv for all)") + "\n"
        }
        if let legend = AbsenceMarker.legend(absences) { out += style.dim(legend) + "\n" }
        for w in table.warnings { out += style.yellow(w.description) + "\n" }
        out += style.dim(Self.coverageLine(table)) + "\n"
        return out
    }

    /// `12 rows at epci · kept 1230 of 1240 rows · 10 dropped · 99.5% of cells present` (`Coverage.summary`).
    public static func coverageLine(_ table: ResultTable) -> String {
        let rows = table.rowCount == 1 ? "1 row" : "\(NumberText.grouped(String(table.rowCount))) rows"
        var parts = [rows]
        if let level = table.level { parts[0] += " at \(level)" }
        let summary = table.coverage.summary()
        if !summary.isEmpty { parts.append(summary) }
        return parts.joined(separator: " · ")
    }

    /// The header of a column: its name, and its unit in parentheses when it has one worth saying.
    public static func header(_ column: ResultColumn) -> String {
        let u = column.unit.symbol
        return u.isEmpty || u == "text" || u == "bool" ? column.name : "\(column.name) (\(u))"
    }

    /// The display columns of the first `rows` rows, and the kinds of absence seen in them.
    func displayColumns(_ table: ResultTable, rows: Int) -> ([DisplayColumn], Set<ObservationStatus>) {
        var absences = Set<ObservationStatus>()
        let columns = table.columns.map { displayColumn($0, table: table, rows: rows, absences: &absences) }
        return (columns, absences)
    }

    private func displayColumn(_ column: ResultColumn, table: ResultTable, rows: Int,
                               absences: inout Set<ObservationStatus>) -> DisplayColumn {
        let cells = ResultCells(table: table)
        var header = Self.header(column)
        var texts: [String] = []
        texts.reserveCapacity(rows)
        switch column.kind {
        case .number:
            for r in 0..<rows {
                let (v, s) = cells.number(column, row: r)
                if v.isNaN { absences.insert(s); texts.append(AbsenceMarker.marker(s)) } else {
                    texts.append(NumberText.format(v, unit: cells.unit(column, row: r)))
                }
            }
            return DisplayColumn(header: header, cells: texts, rightAligned: true)
        case .series:
            if let first = table.periods.first, let last = table.periods.last { header += " \(first)..\(last)" }
            var parts: [(first: String, spark: String, last: String)] = []
            for r in 0..<rows {
                let series = cells.series(column, row: r)
                for s in series where s.value.isNaN { absences.insert(s.status) }
                parts.append(seriesParts(series, unit: column.unit))
            }
            let firstWidth = parts.map { Self.visibleWidth($0.first) }.max() ?? 0
            let lastWidth = parts.map { Self.visibleWidth($0.last) }.max() ?? 0
            for p in parts {
                texts.append(pad(p.first, firstWidth, right: true, last: false) + " " + style.cyan(p.spark) + " "
                             + pad(p.last, lastWidth, right: true, last: false))
            }
            return DisplayColumn(header: header, cells: texts, rightAligned: false)
        case .text, .bool, .period:
            for r in 0..<rows {
                if let t = cells.text(column, row: r) { texts.append(t) } else {
                    absences.insert(.missing); texts.append(AbsenceMarker.marker(.missing))
                }
            }
            return DisplayColumn(header: header, cells: texts, rightAligned: false)
        }
    }

    /// `103,210 ▁▂▃▅▆▇█ 118,400`: the first value, the shape, the last value.
    private func seriesParts(_ series: [(value: Double, status: ObservationStatus)], unit: Unit) -> (first: String, spark: String, last: String) {
        func text(_ cell: (value: Double, status: ObservationStatus)?) -> String {
            guard let cell else { return "" }
            return cell.value.isNaN ? AbsenceMarker.marker(cell.status) : NumberText.format(cell.value, unit: unit)
        }
        return (text(series.first), Sparkline.draw(series.map(\.value)), text(series.last))
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
