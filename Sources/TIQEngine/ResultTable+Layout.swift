import TIQCore
import TIQLanguage

extension ResultTable {
    /// The same answer laid out `wide` (one column per series and period, named `x@2018`) or
    /// `long` (one row per row and period, with a `period` column); `table` returns it unchanged.
    public func reshaped(_ layout: Layout) -> ResultTable {
        switch layout {
        case .table: return self
        case .wide: return wide()
        case .long: return long()
        }
    }

    private func wide() -> ResultTable {
        var out = self
        out.columns = []
        let t = periods.count
        for c in columns {
            guard case .series(let v, let s) = c.values else { out.columns.append(c); continue }
            for (j, p) in periods.enumerated() {
                let values = (0..<rowCount).map { v[$0 * t + j] }
                let st = s.map { st in (0..<rowCount).map { st[$0 * t + j] } }
                var column = ResultColumn(name: "\(c.name)@\(p)", unit: c.unit, kind: .number, values: .number(values, statuses: st))
                column.sources = c.sources.map { s in (0..<rowCount).map { s[$0 * t + j] } }
                out.columns.append(column)
            }
        }
        out.periods = []
        return out
    }

    private func long() -> ResultTable {
        let t = periods.count
        // An empty window still answers in the long layout: zero rows, with the `period` column.
        guard columns.contains(where: { $0.kind == .series }) else { return self }
        let n = rowCount * t
        var out = self
        out.rowCount = n
        out.columns = []
        var periodInserted = false
        for c in columns {
            if c.kind == .series && !periodInserted {
                out.columns.append(ResultColumn(name: "period", unit: .none, kind: .period,
                                                values: .period((0..<n).map { periods[$0 % t] })))
                periodInserted = true
            }
            switch c.values {
            case .series(let v, let s):
                var column = ResultColumn(name: c.name, unit: c.unit, kind: .number, values: .number(v, statuses: s))
                column.sources = c.sources
                out.columns.append(column)
            case .text(let x):
                out.columns.append(ResultColumn(name: c.name, unit: c.unit, kind: c.kind, values: .text((0..<n).map { x[$0 / t] })))
            case .number(let x, let s):
                var column = ResultColumn(name: c.name, unit: c.unit, kind: c.kind,
                                          values: .number((0..<n).map { x[$0 / t] }, statuses: s.map { st in (0..<n).map { st[$0 / t] } }))
                column.sources = c.sources.map { src in (0..<n).map { src[$0 / t] } }
                out.columns.append(column)
            case .bool(let x):
                out.columns.append(ResultColumn(name: c.name, unit: c.unit, kind: c.kind, values: .bool((0..<n).map { x[$0 / t] })))
            case .period(let x):
                out.columns.append(ResultColumn(name: c.name, unit: c.unit, kind: c.kind, values: .period((0..<n).map { x[$0 / t] })))
            }
        }
        out.periods = []
        return out
    }
}
