import TIQCore

/// Lays the broken-down observations out as sparse `BreakdownColumn`s (issue 16), and gives
/// each (indicator, level) with codes but no total row a total column: the sum of its codes.
enum BreakdownBuilder {
    /// The breakdown columns of a validated dataset; `columns` (built by `ColumnBuilder`, which
    /// skips broken-down rows) gets the totals it lacks.
    static func build(_ dataset: Dataset, _ resolved: ResolvedDataset, _ layout: LevelLayout,
                      columns: inout [ColumnKey: Column]) -> [ColumnKey: BreakdownColumn] {
        let o = dataset.observations
        guard !o.breakdowns.isEmpty else { return [:] }
        let levels = max(1, resolved.levelNames.count)
        // Per (indicator, level): the observation rows, and whether a total row exists.
        var rows: [Int: [Int]] = [:]
        var hasTotal = Set<Int>()
        for i in 0..<o.count {
            let t = resolved.observationTerritory[Int(o.territories[i])]
            let ind = resolved.observationIndicator[Int(o.indicators[i])]
            guard t >= 0, ind >= 0 else { continue }
            let key = ind * levels + layout.level[t]
            if let b = o.breakdown(i), resolved.breakdownCodes[b] != nil { rows[key, default: []].append(i) } else { hasTotal.insert(key) }
        }
        var out: [ColumnKey: BreakdownColumn] = [:]
        for (key, list) in rows {
            let ck = ColumnKey(indicator: IndicatorID(key / levels), level: LevelID(key % levels))
            guard let total = columns[ck] else { continue }
            let column = breakdownColumn(ck, list, dataset, resolved, layout, axis: total.axis)
            out[ck] = column
            if !hasTotal.contains(key) { columns[ck] = totalColumn(column, rows: layout.count(key % levels)) }
        }
        return out
    }

    /// The sparse column of one (indicator, level) from its observation rows.
    private static func breakdownColumn(_ key: ColumnKey, _ list: [Int], _ d: Dataset, _ r: ResolvedDataset, _ layout: LevelLayout,
                                        axis: PeriodAxis) -> BreakdownColumn {
        let o = d.observations
        let codes = Array(Set(list.compactMap { r.breakdownCodes[Int(o.breakdowns[$0])] })).sorted()
        var position: [String: Int] = [:]
        for (k, c) in codes.enumerated() { position[c] = k }
        var entries = list.map { i -> (code: Int, cell: UInt32, row: Int) in
            let t = r.observationTerritory[Int(o.territories[i])]
            let code = position[r.breakdownCodes[Int(o.breakdowns[i])] ?? ""] ?? 0
            return (code, UInt32(layout.row[t] * axis.count + Int(o.periods[i].ordinal - axis.start)), i)
        }
        entries.sort { ($0.code, $0.cell) < ($1.code, $1.cell) }
        var offsets = [UInt32](repeating: 0, count: codes.count + 1)
        for e in entries { offsets[e.code + 1] += 1 }
        for c in 0..<codes.count { offsets[c + 1] += offsets[c] }
        var flagged: [UInt32] = [], statuses: [ObservationStatus] = []
        for (k, e) in entries.enumerated() where o.statuses[e.row] != .ok && o.statuses[e.row] != .missing {
            flagged.append(UInt32(k))
            statuses.append(o.statuses[e.row])
        }
        return BreakdownColumn(indicator: key.indicator, level: key.level, axis: axis, codes: codes, offsets: offsets,
                               cells: entries.map(\.cell), values: .compact(entries.map { o.values[$0.row] }),
                               status: StatusStore(cells: flagged, statuses: statuses), rows: layout.count(key.level.raw))
    }

    /// The total column of a breakdown: the sum of every code.
    static func totalColumn(_ b: BreakdownColumn, rows: Int) -> Column {
        let (values, statuses) = b.sum(rows: rows) { _ in true }
        var cells: [UInt32] = [], flags: [ObservationStatus] = []
        for (k, s) in statuses.enumerated() where s != .ok && s != .missing {
            cells.append(UInt32(k))
            flags.append(s)
        }
        return Column(indicator: b.indicator, level: b.level, axis: b.axis, values: values,
                      status: StatusStore(cells: cells, statuses: flags))
    }
}
