import Foundation
import TIQCore
import TIQEngine

/// A result table as plain aligned text, for the `tiq.runQuery` command of `tiq lsp`:
/// series spread one column per period, units in the headers, absent cells as `—` (or the
/// status that explains them, `secret`, `na`…), then the row count, coverage and warnings.
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
        for column in wide.columns {
            let unit = column.unit
            // A series spread over periods (`x@2018`, `x@2019`…) shows its unit once, on its first period.
            let series = column.name.split(separator: "@").first.map { ($0, unit) }
            let repeated = column.name.contains("@") && previousSeries.map { $0.name == series?.0 && $0.unit == unit } == true
            previousSeries = column.name.contains("@") ? series : nil
            let showUnit = !unit.isNone && unit != .text && unit != .boolean && !repeated
            header.append(showUnit ? "\(column.name) (\(unit.symbol))" : column.name)
            numeric.append(column.kind == .number || column.kind == .series)
            for r in 0..<shown { cells[r].append(cell(column, row: r)) }
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
        var footer = "\(wide.rowCount) row\(wide.rowCount == 1 ? "" : "s")"
        if shown < wide.rowCount { footer += " (first \(shown) shown)" }
        let coverage = table.coverage
        let summary = coverage.summary()
        if !summary.isEmpty { footer += " · " + summary }
        out.append("")
        out.append(footer)
        if !table.warnings.isEmpty {
            out.append("")
            out.append(DiagnosticRenderer().render(table.warnings, in: query))
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func cell(_ column: ResultColumn, row r: Int) -> String {
        let scale = column.unit.isPercentLike ? 100.0 : 1.0
        switch column.values {
        case .text(let v): return r < v.count ? v[r] ?? "—" : "—"
        case .bool(let v): return r < v.count ? v[r].map { $0 ? "true" : "false" } ?? "—" : "—"
        case .period(let v): return r < v.count ? v[r].description : "—"
        case .number(let v, let statuses), .series(let v, let statuses):
            guard r < v.count else { return "—" }
            if v[r].isNaN {
                if let s = statuses, r < s.count, s[r] != .ok, s[r] != .missing { return s[r].description }
                return "—"
            }
            return format(v[r] * scale, decimals: column.unit.isPercentLike || v[r] != v[r].rounded() ? (abs(v[r] * scale) >= 1000 ? 0 : 2) : 0)
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
