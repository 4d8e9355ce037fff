import TIQCore

/// Lays observations out as columns: one row-major block per (indicator, level), spanning the
/// indicator's first to last period at that level, NaN where absent, with sparse statuses.
enum ColumnBuilder {
    static func build(_ dataset: Dataset, _ resolved: ResolvedDataset, _ layout: LevelLayout) -> [ColumnKey: Column] {
        let spans = resolved.columnSpans
        let keys = spans.keys
        var slot = [Int](repeating: -1, count: resolved.indicators.count * spans.levels)
        for (i, k) in keys.enumerated() { slot[k] = i }
        var values: [[Double]] = keys.map { k in
            [Double](repeating: .nan, count: layout.count(k % spans.levels) * spans.width(k))
        }
        let starts = keys.map { spans.span($0)?.first ?? 0 }
        let widths = keys.map { spans.width($0) }
        var flagged = [[(cell: UInt32, status: ObservationStatus)]](repeating: [], count: keys.count)
        let o = dataset.observations
        for i in 0..<o.count {
            let t = resolved.observationTerritory[Int(o.territories[i])]
            let ind = resolved.observationIndicator[Int(o.indicators[i])]
            guard t >= 0, ind >= 0, o.breakdown(i) == nil else { continue }   // codes: `BreakdownBuilder`
            let s = slot[spans.key(ind, layout.level[t])]
            guard s >= 0 else { continue }
            let cell = layout.row[t] * widths[s] + Int(o.periods[i].ordinal - starts[s])
            values[s][cell] = o.values[i]
            let status = o.statuses[i]
            if status != .ok && status != .missing { flagged[s].append((UInt32(cell), status)) }
        }
        var columns: [ColumnKey: Column] = [:]
        for (s, k) in keys.enumerated() {
            let axis = PeriodAxis(frequency: resolved.indicators[k / spans.levels].frequency, start: starts[s], count: widths[s])
            let sorted = flagged[s].sorted { $0.cell < $1.cell }
            let key = ColumnKey(indicator: IndicatorID(k / spans.levels), level: LevelID(k % spans.levels))
            columns[key] = Column(indicator: key.indicator, level: key.level, axis: axis, values: values[s],
                                  status: sorted.isEmpty ? .empty : StatusStore(cells: sorted.map(\.cell), statuses: sorted.map(\.status)))
            values[s] = []
        }
        return columns
    }
}
