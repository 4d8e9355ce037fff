import TIQCore
import TIQEngine

/// The values a map draws: one per territory code, read from one column of an answer.
///
/// The column is `--column` (a number column, or `x@2020`: one period of a series column);
/// without it, the only number column, or else the last period of the only series column.
/// A `%` column is in percent numbers, as in the charts.
struct MapData {
    /// One territory of the answer.
    struct Entry {
        /// Its code.
        var code: String
        /// Its name (the code when the answer has no `name`).
        var name: String
        /// The value, NaN when absent.
        var value: Double
        /// Its status: why it is absent, or how it is qualified.
        var status: ObservationStatus
    }

    /// The entries, in row order.
    var entries: [Entry]
    /// The column drawn (`emploi_ind@2024` for a period of a series).
    var measure: String
    /// Its unit.
    var unit: Unit

    /// Why an answer cannot be a map.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads the map's values from `table`, or fails saying what to change.
    init(_ table: ResultTable, column requested: String?) throws {
        guard let level = table.level else {
            throw Failure(description: "--format map needs one row per territory; this answer's rows are groups (agg … by …): map the territories themselves")
        }
        guard let codeColumn = table.columns.first(where: { $0.name == "code" && $0.kind == .text }) else {
            throw Failure(description: "--format map needs the territory codes: keep `code` in `show` (show code, name, …)")
        }
        let cells = ResultCells(table: table)
        let nameColumn = table.columns.first { $0.name == "name" && $0.kind == .text }
        let numbers = table.columns.filter { $0.kind == .number }
        let series = table.columns.filter { $0.kind == .series }
        let choices = numbers.map(\.name) + series.map { "\($0.name)@\(table.periods.last?.description ?? "…")" }
        var pick: (column: ResultColumn, period: Int?)
        if let requested {
            if let c = numbers.first(where: { $0.name == requested }) {
                pick = (c, nil)
            } else if let at = requested.lastIndex(of: "@"), let c = series.first(where: { $0.name == requested[..<at] }),
                      let p = Period(requested[requested.index(after: at)...]), let t = table.periods.firstIndex(of: p) {
                pick = (c, t)
            } else {
                throw Failure(description: "--column \(requested) is not a number column of the answer at \(level); choose one of: \(choices.joined(separator: ", "))")
            }
        } else if numbers.count == 1 {
            pick = (numbers[0], nil)
        } else if numbers.isEmpty, series.count == 1, !table.periods.isEmpty {
            pick = (series[0], table.periods.count - 1)
        } else if numbers.isEmpty && series.isEmpty {
            throw Failure(description: "--format map needs a number per territory; this answer has none")
        } else {
            throw Failure(description: "--format map draws one column, and this answer has several: choose with --column (\(choices.joined(separator: ", ")))")
        }
        let scale = pick.column.unit.isPercentLike ? 100.0 : 1.0
        measure = pick.period.map { "\(pick.column.name)@\(table.periods[$0])" } ?? pick.column.name
        unit = pick.column.unit
        entries = []
        for r in 0..<table.rowCount {
            guard let code = cells.text(codeColumn, row: r) else { continue }
            let cell = cells.number(pick.column, row: r, period: pick.period)
            entries.append(Entry(code: code, name: nameColumn.flatMap { cells.text($0, row: r) } ?? code,
                                 value: cell.value * scale, status: cell.status))
        }
        guard !entries.isEmpty else {
            throw Failure(description: "--format map: the answer has no rows, nothing to draw")
        }
        guard entries.contains(where: { !$0.value.isNaN }) else {
            let reasons = Dictionary(grouping: entries, by: { $0.status.description }).map { "\($0.value.count) \($0.key)" }.sorted()
            throw Failure(description: "--format map: every value of \(measure) is absent (\(reasons.joined(separator: ", "))), nothing to draw")
        }
    }
}
