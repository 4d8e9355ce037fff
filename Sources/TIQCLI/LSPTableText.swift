import Foundation
import TIQCore
import TIQEngine

/// A result table as plain aligned text, for the `tiq.runQuery` command of `tiq lsp`:
/// series spread one column per period, units in the headers, absent cells as the word that
/// explains them (`·` missing, `secret`, `n/a`, `undef`), qualified values with their mark
/// (`12,500 e`, see `StatusMarker`), then the row count and coverage, a legend naming the
/// marks used, and the warnings.
enum LSPTableText {
    /// The most rows rendered; the rest are counted.
    static let maxRows = 200

    /// Renders `table`; `query` is the text the warnings' spans refer to.
    static func render(_ table: ResultTable, query: String) -> String {
        let wide = table.reshaped(.wide)
        let shown = min(wide.rowCount, maxRows)
        var header: [String] = []
        var numeric: [Bool] = []
        var cells: [[String]] = Array(repeating: [], count: shown)
        var previousSeries: (name: Substring, unit: TIQCore.Unit)?
        var seen = Set<ObservationStatus>()
        for column in wide.columns {
            let unit = column.unit
            // A series spread over periods (`x@2018`, `x@2019`…) shows its unit once, on its first period.
            let series = column.name.split(separator: "@").first.map { ($0, unit) }
            let repeated = column.name.contains("@") && previousSeries.map { $0.name == series?.0 && $0.unit == unit } == true
            previousSeries = column.name.contains("@") ? series : nil
            let showUnit = !unit.isNone && unit != .text && unit != .boolean && !repeated
            header.append(showUnit ? "\(column.name) (\(unit.symbol))" : column.name)
            numeric.append(column.kind == .number || column.kind == .series)
            let columnCells = (0..<shown).map { cell(column, row: $0) }
            let pad = String(repeating: " ", count: StatusMarker.suffixWidth(columnCells.compactMap { $0.absent ? nil : $0.status }))
            for (r, c) in columnCells.enumerated() {
                seen.insert(c.status)
                cells[r].append(c.status == .ok || c.absent ? c.text + pad : c.text)
            }
        }
        var widths = header.map(\.count)
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ values: [String]) -> String {
            values.enumerated().map { i, v in
                let pad = String(repeating: " ", count: widths[i] - v.count)
                return numeric[i] ? pad + v : v + pad
            }.joined(separator: "  ").trailingSpacesRemoved
        }
        var out = [line(header), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        out += cells.map(line)
        let legend = StatusMarker.legend(seen)
        var footer = "\(wide.rowCount) row\(wide.rowCount == 1 ? "" : "s")"
        if shown < wide.rowCount { footer += " (first \(shown) shown)" }
        let coverage = table.coverage
        let summary = coverage.summary()
        if !summary.isEmpty { footer += " · " + summary }
        out.append("")
        out.append(footer)
        if let legend { out.append(legend) }
        if !table.warnings.isEmpty {
            out.append("")
            out.append(DiagnosticRenderer().render(table.warnings, in: query))
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The text of a cell, its status, and whether it is absent.
    private static func cell(_ column: ResultColumn, row r: Int) -> (text: String, status: ObservationStatus, absent: Bool) {
        let scale = column.unit.isPercentLike ? 100.0 : 1.0
        let absent = (StatusMarker.marker(.missing), ObservationStatus.missing, true)
        switch column.values {
        case .text(let v): return r < v.count ? v[r].map { ($0, .ok, false) } ?? absent : absent
        case .bool(let v): return r < v.count ? v[r].map { ($0 ? "true" : "false", .ok, false) } ?? absent : absent
        case .period(let v): return r < v.count ? (v[r].description, .ok, false) : absent
        case .number(let v, let statuses), .series(let v, let statuses):
            guard r < v.count else { return absent }
            let status = statuses.flatMap { r < $0.count ? $0[r] : nil } ?? .ok
            if v[r].isNaN {
                let reason = status.isAbsence ? status : .missing
                return (StatusMarker.marker(reason), reason, true)
            }
            let text = format(v[r] * scale, decimals: column.unit.isPercentLike || v[r] != v[r].rounded() ? (abs(v[r] * scale) >= 1000 ? 0 : 2) : 0)
            return (StatusMarker.cell(text, status: status, absent: false), status.isAbsence ? .ok : status, false)
        }
    }

    /// `1234567.891` → `1,234,568` (0 decimals) or `1,234,567.89`.
    static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "—" : (value > 0 ? "∞" : "-∞") }
        let text = String(format: "%.\(max(0, min(decimals, 10)))f", abs(value))
        let parts = text.split(separator: ".", maxSplits: 1)
        let digits = Array(parts[0])
        var grouped = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { grouped += "," }
            grouped.append(ch)
        }
        let sign = value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }
}

extension String {
    fileprivate var trailingSpacesRemoved: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
