import TIQCore
import TIQStore

/// Turns the final frame into the answer: visible periods only, code and name first for
/// territories, statuses kept beside values.
struct ResultBuilder {
    let snapshot: Snapshot

    func table(_ frame: Frame) throws(QueryFailure) -> ResultTable {
        let vis = frame.visible
        let periods = frame.axis.map { axis in vis.map { axis[$0] } } ?? []
        var columns: [ResultColumn] = []
        if let level = frame.level, !frame.shown {
            let t = snapshot[level: level]
            columns.append(ResultColumn(name: "code", unit: .text, kind: .text, values: .text(frame.rows.map { t.codes[$0] })))
            columns.append(ResultColumn(name: "name", unit: .text, kind: .text, values: .text(frame.rows.map { t.names[$0] })))
        }
        for c in frame.columns {
            if Task.isCancelled { throw QueryFailure.cancelled }
            var col = column(c, frame: frame, visible: vis)
            col.sources = cellSources(c, frame: frame, visible: vis)
            columns.append(col)
        }
        let complete = frame.coverage ?? Coverage(rowsComplete: frame.count, rowsTotal: frame.count)
        var table = ResultTable(columns: columns, rowCount: frame.count, periods: periods, coverage: complete,
                                warnings: [], level: frame.level.map { snapshot[level: $0].name })
        table.diffUnit = frame.diffUnit
        var present = 0, total = 0
        for c in columns {
            switch c.values {
            case .number(let x, let st), .series(let x, let st):
                // Cells that do not apply (the diff row's count) are neither present nor missing.
                let notApplicable = st?.reduce(0) { $0 + ($1 == .notApplicable ? 1 : 0) } ?? 0
                total += x.count - notApplicable
                present += x.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }
            default: break
            }
        }
        if total > 0 { table.coverage.cellShare = Double(present) / Double(total) }
        return table
    }

    func column(_ c: FrameColumn, frame: Frame, visible: [Int]) -> ResultColumn {
        let n = frame.count
        switch c.data {
        case .texts(let t):
            return ResultColumn(name: c.name, unit: .text, kind: .text, values: .text(t))
        case .bools(let b):
            return ResultColumn(name: c.name, unit: .boolean, kind: .bool, values: .bool(b.map { $0 == 2 ? nil : $0 == 1 }))
        case .numbers(let x, let s):
            let flagged = s.map { st in zip(x, st).contains { !($0.0.isNaN ? $0.1 == .missing : $0.1 == .ok) } } ?? false
            return ResultColumn(name: c.name, unit: c.type.unit, kind: .number, values: .number(x, statuses: flagged ? s : nil))
        case .series:
            let r = Evaluator.NumberReader(vector: c.data)
            var values = [Double](repeating: .nan, count: n * visible.count)
            var st = [ObservationStatus](repeating: .ok, count: n * visible.count)
            var flagged = false
            for i in 0..<n {
                for (j, p) in visible.enumerated() {
                    let (x, s) = r.get(i, p)
                    values[i * visible.count + j] = x
                    st[i * visible.count + j] = s
                    if x.isNaN ? s != .missing : s != .ok { flagged = true }
                }
            }
            return ResultColumn(name: c.name, unit: c.type.unit, kind: .series, values: .series(values, statuses: flagged ? st : nil))
        case .boolSeries(let b, let t):
            // Shown as 1/0 numbers per period.
            var values = [Double](repeating: .nan, count: n * visible.count)
            for i in 0..<n { for (j, p) in visible.enumerated() where b[i * t + p] != 2 { values[i * visible.count + j] = Double(b[i * t + p]) } }
            return ResultColumn(name: c.name, unit: .boolean, kind: .series, values: .series(values, statuses: nil))
        }
    }
}
