import TIQCore

extension Executor {
    /// How many times the answer's cell limit an intermediate frame may hold: a query that
    /// aggregates communes to départements legitimately works on more cells than it answers.
    static let workingCellFactor = 16

    /// The cells `frame` holds now: one per row for a per-row column, one per row and period for
    /// a series column.
    static func workingCells(_ frame: Frame) -> Int {
        let periods = max(1, frame.periods)
        return frame.columns.reduce(0) { total, column in
            switch column.data {
            case .series, .boolSeries: return total &+ frame.count &* periods
            default: return total &+ frame.count
            }
        }
    }

    /// Throws `E403` when the process is above its memory budget (`MemoryBudget.current`), and
    /// `E401` as soon as a stage leaves a frame above `workingCellFactor` × `maxCells`
    /// cells, so memory is bounded while the work grows (800 `derive` stages, 1,500 aggregates)
    /// rather than checked once on the final answer.
    func checkWorkingCells(_ frame: Frame) throws(QueryFailure) {
        if let (resident, budget) = MemoryBudget.currentOverrun() { throw QueryFailure.memoryBudget(resident: resident, budget: budget) }
        let limit = maxCells.multipliedReportingOverflow(by: Self.workingCellFactor)
        guard !limit.overflow else { return }
        let cells = Self.workingCells(frame)
        guard cells > limit.partialValue else { return }
        throw QueryFailure(kind: .execution, diagnostics: [
            .error(.resultTooLarge, "the query works on \(cells) cells, above \(Self.workingCellFactor) × the limit of \(maxCells)",
                   help: "narrow it: add `where` (fewer territories), `period` (fewer periods), fewer `derive`d columns, or aggregate earlier with `agg`"),
        ])
    }
}
