import TIQCore
import TIQStore

/// A named column of a frame.
struct FrameColumn: Sendable {
    var name: String
    var type: ExprType
    var indicator: IndicatorID?
    var data: Vector
    /// Whether `data` is still the indicator's own series as the source read it (no `fill`),
    /// so that a roll-up of every row may reuse the snapshot's memoised roll-up.
    var pristine = false
}

/// The value flowing through the pipe: rows (territories or groups) and named columns.
struct Frame: Sendable {
    /// The level of the rows when they are territories; nil for groups.
    var level: LevelID?
    /// Territory rows of `level`, in frame order; for groups, 0..<count.
    var rows: [Int]
    /// The period axis of every series column.
    var axis: PeriodAxis?
    /// Axis positions kept by `period`; nil keeps them all.
    var window: [Int]?
    /// Columns in display order.
    var columns: [FrameColumn] = []
    /// Rows that had every value a stage needed / rows considered.
    var coverage: Coverage?
    /// The unit of the `diff` row of `compare`/`did`, when it differs from its column's.
    var diffUnit: Unit?
    /// Whether `rows` is every territory of `level` in row order (0, 1, 2, …).
    var isWholeLevel = false
    /// Whether `show` chose the columns (no implicit code and name).
    var shown = false
    /// Warnings gathered by stages.
    var warnings: [Diagnostic] = []

    var count: Int { rows.count }
    var periods: Int { axis?.count ?? 0 }
    /// The visible axis positions.
    var visible: [Int] { window ?? Array(0..<periods) }

    func column(_ name: String) -> FrameColumn? { columns.first { $0.name == name } }

    mutating func set(_ column: FrameColumn) {
        if let i = columns.firstIndex(where: { $0.name == column.name }) { columns[i] = column } else { columns.append(column) }
    }

    /// Keeps the rows at positions `keep`, in that order.
    mutating func select(_ keep: [Int]) {
        isWholeLevel = false
        rows = level == nil ? Array(0..<keep.count) : keep.map { rows[$0] }
        for i in columns.indices { columns[i].data = columns[i].data.gathering(keep) }
    }
}
