import TIQCore
import TIQEngine
import TIQWire

/// The layouts a query result can be sent in (protocol.md, "query").
enum ResultFormat: String, Sendable, CaseIterable {
    /// One array per row; a series cell is an array over `periods`.
    case rows
    /// One array per column (`data`), parallel to `columns`.
    case columns
    /// One row per (row, period): series become plain numbers beside a `period` column.
    case long
    /// One column per (series, period), named `x@2018`.
    case wide
}

/// Writes a `ResultTable` as the `query` result, with the hand-written writer.
///
/// `%` and `pp` values are multiplied by 100 (percent numbers on the wire); absent values are
/// `null`; statuses other than `ok` and plain `missing` are listed in `statuses` beside the data.
struct ResultTableJSON {
    let table: ResultTable
    let format: ResultFormat
    /// The most rows sent; the rest are counted in `rowCount` and flagged by `truncated`.
    let limit: Int?

    /// A column in the layout being written: where its values come from.
    private struct OutColumn {
        var name: String
        var unit: Unit
        var kind: String
        var source: Int
        /// For a series column: the period index it shows (`wide`, `long`), nil for the whole series.
        var period: Int?
    }

    private var rowsSent: Int { min(table.rowCount, limit ?? Int.max) }

    /// Writes the members of the result object (the caller opens and closes the object).
    func write(into w: inout JSONWriter, elapsedMs: Double, snapshot: Int) {
        let hasSeries = table.columns.contains { $0.kind == .series }
        let periods = table.periods
        var out: [OutColumn] = []
        switch format {
        case .rows, .columns:
            out = table.columns.enumerated().map { OutColumn(name: $1.name, unit: $1.unit, kind: Self.kindName($1.kind), source: $0) }
        case .wide:
            for (i, c) in table.columns.enumerated() {
                if c.kind == .series {
                    for (t, p) in periods.enumerated() {
                        out.append(OutColumn(name: "\(c.name)@\(p)", unit: c.unit, kind: "number", source: i, period: t))
                    }
                } else {
                    out.append(OutColumn(name: c.name, unit: c.unit, kind: Self.kindName(c.kind), source: i))
                }
            }
        case .long:
            for (i, c) in table.columns.enumerated() where c.kind != .series {
                out.append(OutColumn(name: c.name, unit: c.unit, kind: Self.kindName(c.kind), source: i))
            }
            if hasSeries {
                out.append(OutColumn(name: "period", unit: .none, kind: "period", source: -1))
                for (i, c) in table.columns.enumerated() where c.kind == .series {
                    out.append(OutColumn(name: c.name, unit: c.unit, kind: "number", source: i, period: 0))
                }
            }
        }

        w.key("format")
        w.string(format.rawValue)
        w.key("columns")
        w.beginArray()
        for c in out {
            w.beginObject()
            w.member("name", c.name)
            w.member("unit", c.unit.symbol)
            w.member("kind", c.kind)
            w.endObject()
        }
        w.endArray()

        let longRows = format == .long && hasSeries
        if format == .columns {
            w.key("data")
            w.beginArray()
            for c in out {
                w.beginArray()
                for r in 0..<rowsSent { writeCell(c, row: r, period: c.period, into: &w) }
                w.endArray()
            }
            w.endArray()
        } else {
            w.key("rows")
            w.beginArray()
            for r in 0..<rowsSent {
                for t in 0..<(longRows ? periods.count : 1) {
                    w.beginArray()
                    for c in out {
                        if c.source < 0 {
                            w.string(periods[t].description)
                        } else {
                            writeCell(c, row: r, period: longRows && c.period != nil ? t : c.period, into: &w)
                        }
                    }
                    w.endArray()
                }
            }
            w.endArray()
        }
        w.member("rowCount", table.rowCount)
        w.member("truncated", rowsSent < table.rowCount)
        w.key("periods")
        w.beginArray()
        for p in periods { w.string(p.description) }
        w.endArray()
        writeStatuses(into: &w)
        w.key("coverage")
        w.beginObject()
        w.member("rowsComplete", table.coverage.rowsComplete)
        w.member("rowsTotal", table.coverage.rowsTotal)
        w.key("cellPercent")
        if let share = table.coverage.cellShare { w.double(share * 100) } else { w.null() }
        w.endObject()
        w.key("level")
        w.string(table.level)
        w.key("warnings")
        w.value(DiagnosticJSON.array(table.warnings))
        w.member("elapsedMs", (elapsedMs * 1000).rounded() / 1000)
        w.member("snapshot", snapshot)
    }

    private func writeCell(_ c: OutColumn, row: Int, period: Int?, into w: inout JSONWriter) {
        let column = table.columns[c.source]
        let scale = column.unit.isPercentLike ? 100.0 : 1.0
        switch column.values {
        case .text(let v): w.string(row < v.count ? v[row] : nil)
        case .bool(let v):
            if row < v.count, let b = v[row] { w.bool(b) } else { w.null() }
        case .period(let v):
            if row < v.count { w.string(v[row].description) } else { w.null() }
        case .number(let v, _):
            w.double(row < v.count ? v[row] * scale : .nan)
        case .series(let v, _):
            let n = table.periods.count
            if let t = period {
                let i = row * n + t
                w.double(i < v.count ? v[i] * scale : .nan)
            } else {
                w.beginArray()
                for t in 0..<n {
                    let i = row * n + t
                    w.double(i < v.count ? v[i] * scale : .nan)
                }
                w.endArray()
            }
        }
    }

    /// `statuses`: `[{column, row, period?, status}]` for every cell whose status is not `ok`
    /// and not a plain `missing` (a `null` with no entry is missing).
    private func writeStatuses(into w: inout JSONWriter) {
        w.key("statuses")
        w.beginArray()
        for column in table.columns {
            switch column.values {
            case .number(_, let statuses?):
                for r in 0..<min(rowsSent, statuses.count) where statuses[r] != .ok && statuses[r] != .missing {
                    w.beginObject()
                    w.member("column", column.name)
                    w.member("row", r)
                    w.member("status", statuses[r].description)
                    w.endObject()
                }
            case .series(_, let statuses?):
                let n = table.periods.count
                for r in 0..<rowsSent {
                    for t in 0..<n {
                        let i = r * n + t
                        guard i < statuses.count, statuses[i] != .ok, statuses[i] != .missing else { continue }
                        w.beginObject()
                        w.member("column", column.name)
                        w.member("row", r)
                        w.member("period", table.periods[t].description)
                        w.member("status", statuses[i].description)
                        w.endObject()
                    }
                }
            default:
                continue
            }
        }
        w.endArray()
    }

    /// The wire name of a kind: `text`, `number`, `bool`, `period`, `series`.
    static func kindName(_ kind: ResultKind) -> String {
        switch kind {
        case .text: "text"
        case .number: "number"
        case .bool: "bool"
        case .period: "period"
        case .series: "series"
        }
    }
}
