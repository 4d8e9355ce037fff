import TIQCore
import TIQEngine

/// The lines a chart draws from an answer: one per row and series, over the answer's periods.
///
/// Series come from `series` columns, from `wide` columns (`idx@2018`, `idx@2019`, …) and from
/// `long` answers (a `period` column beside numbers). Percent-like values are percent numbers here.
public struct ChartData: Sendable {
    /// One line.
    public struct Line: Sendable {
        /// The legend label: the row's text cells, and the column when there are several.
        public var label: String
        /// One value per period; NaN where absent (the line breaks there).
        public var values: [Double]
        /// The status of each value (parallel to `values`): why it is absent, or how it is qualified.
        public var statuses: [ObservationStatus] = []
    }

    /// The x axis.
    public var periods: [Period]
    /// The lines, in row order.
    public var lines: [Line]
    /// The unit of the y axis (the first series column's).
    public var unit: Unit
    /// The names of the series columns drawn.
    public var measures: [String]

    /// Extracts the lines of `table`, or nil when it holds no series.
    public init?(_ table: ResultTable) {
        let cells = ResultCells(table: table)
        let labels = (0..<table.rowCount).map { Self.rowLabel(table, cells, row: $0) }
        let scale = { (u: Unit) in u.isPercentLike ? 100.0 : 1.0 }
        if let first = table.columns.first(where: { $0.kind == .series }) {
            let seriesColumns = table.columns.filter { $0.kind == .series }
            periods = table.periods
            unit = first.unit
            measures = seriesColumns.map(\.name)
            lines = []
            for r in 0..<table.rowCount {
                for c in seriesColumns {
                    let s = scale(c.unit)
                    let cellsOfRow = cells.series(c, row: r)
                    lines.append(Line(label: Self.join(labels[r], c.name, several: seriesColumns.count > 1),
                                      values: cellsOfRow.map { $0.value * s }, statuses: cellsOfRow.map(\.status)))
                }
            }
            return
        }
        // wide: columns named measure@period
        var groups: [(name: String, columns: [(Period, ResultColumn)])] = []
        for c in table.columns where c.kind == .number {
            guard let at = c.name.lastIndex(of: "@"), let p = Period(c.name[c.name.index(after: at)...]) else { continue }
            let base = String(c.name[..<at])
            if let i = groups.firstIndex(where: { $0.name == base }) { groups[i].columns.append((p, c)) } else {
                groups.append((base, [(p, c)]))
            }
        }
        if let firstGroup = groups.first, firstGroup.columns.count > 1 {
            let axis = firstGroup.columns.map(\.0)
            let kept = groups.filter { $0.columns.map(\.0) == axis }
            periods = axis
            unit = firstGroup.columns[0].1.unit
            measures = kept.map(\.name)
            lines = []
            for r in 0..<table.rowCount {
                for g in kept {
                    let cellsOfRow = g.columns.map { cells.number($0.1, row: r) }
                    lines.append(Line(label: Self.join(labels[r], g.name, several: kept.count > 1),
                                      values: zip(cellsOfRow, g.columns).map { $0.0.value * scale($0.1.1.unit) },
                                      statuses: cellsOfRow.map(\.status)))
                }
            }
            return
        }
        // long: a period column beside numbers
        guard let periodColumn = table.columns.first(where: { $0.kind == .period }),
              case .period(let rowPeriods) = periodColumn.values else { return nil }
        let measureColumns = table.columns.filter { $0.kind == .number }
        guard !measureColumns.isEmpty else { return nil }
        let axis = Array(Set(rowPeriods)).sorted()
        periods = axis
        unit = measureColumns[0].unit
        measures = measureColumns.map(\.name)
        var order: [String] = []
        var byLabel: [String: Line] = [:]
        for r in 0..<table.rowCount {
            for c in measureColumns {
                let key = Self.join(labels[r], c.name, several: measureColumns.count > 1)
                if byLabel[key] == nil {
                    order.append(key)
                    byLabel[key] = Line(label: key, values: Array(repeating: .nan, count: axis.count),
                                        statuses: Array(repeating: .missing, count: axis.count))
                }
                if let t = axis.firstIndex(of: rowPeriods[r]) {
                    let cell = cells.number(c, row: r)
                    byLabel[key]?.values[t] = cell.value * scale(c.unit)
                    byLabel[key]?.statuses[t] = cell.status
                }
            }
        }
        lines = order.compactMap { byLabel[$0] }
    }

    /// The text cells of a row: `Grand Est`, `ti1=true`.
    private static func rowLabel(_ table: ResultTable, _ cells: ResultCells, row: Int) -> String {
        var parts: [String] = []
        for c in table.columns where c.kind == .text || c.kind == .bool {
            guard let t = cells.text(c, row: row) else { continue }
            parts.append(c.kind == .bool ? "\(c.name)=\(t)" : t)
        }
        return parts.isEmpty ? "row \(row + 1)" : parts.joined(separator: " · ")
    }

    private static func join(_ label: String, _ measure: String, several: Bool) -> String {
        several ? "\(label) — \(measure)" : label
    }
}
