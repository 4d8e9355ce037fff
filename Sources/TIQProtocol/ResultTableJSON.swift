import TIQCore
import TIQEngine
import TIQWire

/// The layouts a query result can be sent in (protocol.md, "query").
public enum ResultFormat: String, Sendable, CaseIterable {
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
/// `long` and `wide` use the engine's own reshaping (`ResultTable.reshaped`, the same as
/// `show … as long`), so both ways of asking give one layout. `%` and `pp` values are multiplied
/// by 100 (percent numbers on the wire); absent values are `null`; statuses other than `ok` and
/// plain `missing` are listed in `statuses` beside the data.
public struct ResultTableJSON: Sendable {
    /// The table, already in the requested layout.
    public let table: ResultTable
    /// The layout.
    public let format: ResultFormat
    /// The most rows sent; the rest are counted in `rowCount` and flagged by `truncated`.
    public let limit: Int?

    /// Lays `table` out in `format`.
    public init(table: ResultTable, format: ResultFormat, limit: Int?) {
        switch format {
        case .rows, .columns: self.table = table
        case .long: self.table = table.reshaped(.long)
        case .wide: self.table = table.reshaped(.wide)
        }
        self.format = format
        self.limit = limit
    }

    private var rowsSent: Int { min(table.rowCount, limit ?? Int.max) }

    /// Writes the members of the result object (the caller opens and closes the object).
    public func write(into w: inout JSONWriter, elapsedMs: Double, snapshot: Int) {
        w.key("format")
        w.string(format.rawValue)
        w.key("columns")
        w.beginArray()
        for c in table.columns {
            w.beginObject()
            w.member("name", c.name)
            w.member("unit", c.unit.symbol)
            w.member("kind", Self.kindName(c.kind))
            if let source = Self.sourceName(c.sources) { w.member("source", source) }
            w.endObject()
        }
        w.endArray()
        if format == .columns {
            w.key("data")
            w.beginArray()
            for c in table.columns {
                w.beginArray()
                for r in 0..<rowsSent { writeCell(c, row: r, into: &w) }
                w.endArray()
            }
            w.endArray()
        } else {
            w.key("rows")
            w.beginArray()
            for r in 0..<rowsSent {
                w.beginArray()
                for c in table.columns { writeCell(c, row: r, into: &w) }
                w.endArray()
            }
            w.endArray()
        }
        w.member("rowCount", table.rowCount)
        w.member("truncated", rowsSent < table.rowCount)
        w.key("periods")
        w.beginArray()
        for p in table.periods { w.string(p.description) }
        w.endArray()
        writeStatuses(into: &w)
        writeProvenance(into: &w)
        if let diff = table.diffUnit {
            w.key("units")
            w.beginObject()
            w.member("diff", diff.symbol)
            w.endObject()
        }
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

    private func writeCell(_ column: ResultColumn, row: Int, into w: inout JSONWriter) {
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
            w.beginArray()
            for t in 0..<n {
                let i = row * n + t
                w.double(i < v.count ? v[i] * scale : .nan)
            }
            w.endArray()
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

    /// `source` of a column: `published` or `rolled` when every cell is, `mixed` otherwise; nil
    /// for a column without per-cell sources.
    static func sourceName(_ sources: [CellSource]?) -> String? {
        guard let sources else { return nil }
        if sources.allSatisfy({ $0 == .published }) { return "published" }
        if sources.allSatisfy({ $0 == .rolled }) { return "rolled" }
        return "mixed"
    }

    /// `provenance`, only when some column is `mixed`: `[{column, row, period?}]` for every cell
    /// of such a column that is rolled up; its other cells are published.
    private func writeProvenance(into w: inout JSONWriter) {
        let mixed = table.columns.filter { Self.sourceName($0.sources) == "mixed" }
        guard !mixed.isEmpty else { return }
        w.key("provenance")
        w.beginArray()
        for column in mixed {
            guard let sources = column.sources else { continue }
            let n = column.kind == .series ? table.periods.count : 1
            for r in 0..<rowsSent {
                for t in 0..<n where r * n + t < sources.count && sources[r * n + t] == .rolled {
                    w.beginObject()
                    w.member("column", column.name)
                    w.member("row", r)
                    if column.kind == .series { w.member("period", table.periods[t].description) }
                    w.member("source", "rolled")
                    w.endObject()
                }
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
