import TIQCore
import TIQEngine

/// Reads one cell of a result for display: its value and, when absent, why.
struct ResultCells {
    let table: ResultTable

    /// The number and status at `row` of a `number` column, or at (`row`, `period`) of a series.
    func number(_ column: ResultColumn, row: Int, period: Int? = nil) -> (value: Double, status: ObservationStatus) {
        let n = table.periods.count
        switch column.values {
        case .number(let v, let s):
            return Self.cell(v, s, row)
        case .series(let v, let s):
            return Self.cell(v, s, row * n + (period ?? 0))
        default:
            return (.nan, .missing)
        }
    }

    /// The unit of a number cell: the table's `diffUnit` on the `diff` row of `compare`/`did`
    /// (a difference of `%` is in `pp`), the column's unit elsewhere.
    func unit(_ column: ResultColumn, row: Int) -> Unit {
        guard let diff = table.diffUnit, column.unit.isPercentLike, column.unit != diff else { return column.unit }
        let isDiffRow = table.columns.contains { c in c.kind == .text && text(c, row: row) == "diff" }
        return isDiffRow ? diff : column.unit
    }

    /// The whole series of `row` in a series column.
    func series(_ column: ResultColumn, row: Int) -> [(value: Double, status: ObservationStatus)] {
        (0..<table.periods.count).map { number(column, row: row, period: $0) }
    }

    /// The text of a text, bool or period cell; nil when absent.
    func text(_ column: ResultColumn, row: Int) -> String? {
        switch column.values {
        case .text(let v): return row < v.count ? v[row] : nil
        case .bool(let v): return row < v.count ? v[row].map { $0 ? "true" : "false" } : nil
        case .period(let v): return row < v.count ? v[row].description : nil
        default: return nil
        }
    }

    private static func cell(_ v: [Double], _ s: [ObservationStatus]?, _ i: Int) -> (value: Double, status: ObservationStatus) {
        guard i >= 0, i < v.count else { return (.nan, .missing) }
        let status = s.flatMap { i < $0.count ? $0[i] : nil } ?? .ok
        if v[i].isNaN { return (.nan, status.isAbsence ? status : .missing) }
        return (v[i], status)
    }
}
