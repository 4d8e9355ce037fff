import TIQCore

/// Lays observations out as columns: one row-major block per (indicator, level), spanning the
/// indicator's first to last period at that level, NaN where absent, with sparse statuses.
enum ColumnBuilder {
    static func build(_ dataset: Dataset, _ resolved: ResolvedDataset, _ layout: LevelLayout) -> [ColumnKey: Column] {
        let nLevels = max(1, layout.names.count)
        let keys = resolved.columnSpans.keys.sorted()
        var slot: [Int: Int] = [:]
        for (i, k) in keys.enumerated() { slot[k] = i }
        var values: [[Double]] = keys.map { k in
            let span = resolved.columnSpans[k]!
            return [Double](repeating: .nan, count: layout.count(k % nLevels) * Int(span.last - span.first + 1))
        }
        var flagged = [[(cell: UInt32, status: ObservationStatus)]](repeating: [], count: keys.count)
        let o = dataset.observations
        for i in 0..<o.count {
            let t = resolved.observationTerritory[Int(o.territories[i])]
            let ind = resolved.observationIndicator[Int(o.indicators[i])]
            guard t >= 0, ind >= 0 else { continue }
            let key = ind * nLevels + layout.level[t]
            guard let s = slot[key], let span = resolved.columnSpans[key] else { continue }
            let width = Int(span.last - span.first + 1)
            let cell = layout.row[t] * width + Int(o.periods[i].ordinal - span.first)
            values[s][cell] = o.values[i]
            let status = o.statuses[i]
            if status != .ok && status != .missing { flagged[s].append((UInt32(cell), status)) }
        }
        var columns: [ColumnKey: Column] = [:]
        for (s, k) in keys.enumerated() {
            let span = resolved.columnSpans[k]!
            let axis = PeriodAxis(frequency: resolved.indicators[k / nLevels].frequency, start: span.first,
                                  count: Int(span.last - span.first + 1))
            let sorted = flagged[s].sorted { $0.cell < $1.cell }
            let key = ColumnKey(indicator: IndicatorID(k / nLevels), level: LevelID(k % nLevels))
            columns[key] = Column(indicator: key.indicator, level: key.level, axis: axis, values: values[s],
                                  status: sorted.isEmpty ? .empty : StatusStore(cells: sorted.map(\.cell), statuses: sorted.map(\.status)))
            values[s] = []
        }
        return columns
    }
}
