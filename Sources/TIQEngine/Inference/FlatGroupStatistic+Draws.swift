import TIQCore

extension FlatGroupStatistic {
    mutating func recordResample(rng: inout Xoshiro256StarStar, treated: [Int], control: [Int]) throws(QueryFailure) {
        try evaluator.checkCancellation()
        let nT = treated.count, n = nT + control.count
        if packed.flags.isEmpty && ordered.isEmpty {
            // The common case: sums only, every cell present: no rows built.
            packed.resample(rng: &rng, treated: treated, control: control, into: &totals)
            store(rows: [], labels: [])
            return
        }
        BootstrapPicks.rows(rng: &rng, treated: treated, control: control, into: &scratchRows)
        packed.accumulate(rows: scratchRows, treatedCount: nT, into: &totals)
        if splitLabels.count != n || splitTreated != nT {
            splitLabels = [Int](repeating: 0, count: nT) + [Int](repeating: 1, count: n - nT)
            splitTreated = nT
        }
        store(rows: scratchRows, labels: splitLabels)
    }

    mutating func recordRelabelled(labels: [UInt8]) throws(QueryFailure) {
        try evaluator.checkCancellation()
        packed.relabelled(labels: labels, into: &totals)
        guard !ordered.isEmpty else { store(rows: [], labels: []); return }
        if identity.count != labels.count { identity = Array(labels.indices) }
        scratchLabels.removeAll(keepingCapacity: true)
        for l in labels { scratchLabels.append(Int(l)) }
        store(rows: identity, labels: scratchLabels)
    }

    /// Records the draw whose sums are in `totals` and whose rows (with their labels) are given
    /// for the nodes that need them (`ordered`).
    private mutating func store(rows: [Int], labels: [Int]) {
        let t = kept.periods
        var base: [Int] = []
        base.reserveCapacity(nodes.count)
        for k in nodes.indices {
            let width = nodes[k].series ? t : 1
            base.append(recorded[k].count)
            recorded[k].append(contentsOf: repeatElement(Double.nan, count: 2 * width))
        }
        let s = packed.slots.count
        for (j, slot) in packed.slots.enumerated() {
            let node = nodes[slot.node]
            let width = node.series ? t : 1, p = node.positions[slot.position]
            for g in 0..<2 {
                let num = totals.sums[g * packed.stride + slot.column]
                let present = totals.present[g * s + j], blocked = totals.blocked[g * s + j] > 0
                var v = Double.nan
                switch node.reduction {
                case .count:
                    v = Double(present)
                case .sum(let skip), .ratio(let skip):
                    guard !(blocked && !skip) && present > 0 else { break }
                    if !slot.ratio {
                        v = num
                    } else {
                        let den = totals.sums[g * packed.stride + slot.column + 1]
                        if den != 0 { v = num / den }
                    }
                default:
                    break
                }
                recorded[slot.node][base[slot.node] + g * width + p] = v
            }
        }
        for k in nodes.indices {
            let width = nodes[k].series ? t : 1
            if case .rows = nodes[k].reduction {
                recorded[k][base[k]] = Double(totals.size[0])
                recorded[k][base[k] + width] = Double(totals.size[1])
            }
        }
        for k in ordered {
            let width = nodes[k].series ? t : 1
            for (j, p) in nodes[k].positions.enumerated() {
                let v = reduce(k, j, rows, labels)
                recorded[k][base[k] + p] = v[0]
                recorded[k][base[k] + width + p] = v[1]
            }
        }
        draws += 1
    }

    mutating func flush() throws(QueryFailure) -> [Double] {
        guard draws > 0 else { return [] }
        let t = kept.periods
        var f = Frame(level: nil, rows: Array(0..<(2 * draws)), axis: kept.axis, window: kept.window)
        for (k, node) in nodes.enumerated() {
            let data: Vector = node.series ? .series(SeriesData(values: recorded[k], periods: t, statuses: nil)) : .numbers(recorded[k], nil)
            f.columns.append(FrameColumn(name: node.name, type: node.type, data: data))
        }
        var values: [[Double]] = []
        for e in expressions {
            let r = Evaluator.NumberReader(vector: try evaluator.eval(e, f))
            values.append((0..<(2 * draws)).map { r.get($0, 0).0 })
        }
        let out = (0..<draws).map { d in combine(values.map { $0[2 * d] }, values.map { $0[2 * d + 1] }) }
        for k in recorded.indices { recorded[k].removeAll(keepingCapacity: true) }
        draws = 0
        return out
    }

    /// The value of node `k` (a mean, an order statistic or a descriptive statistic) at its
    /// `j`th position for groups 0 and 1, as the evaluator's aggregate kernels compute it:
    /// accumulated in row order.
    private mutating func reduce(_ k: Int, _ j: Int, _ rows: [Int], _ labels: [Int]) -> SIMD2<Double> {
        let node = nodes[k]
        let x = node.x.isEmpty ? [] : node.x[j], y = node.y.isEmpty ? [] : node.y[j]
        switch node.reduction {
        case .mean:
            // The group selected by a factor 0 or 1, exact for finite values.
            var s0 = 0.0, s1 = 0.0, w0 = 0.0, w1 = 0.0
            for (r, i) in rows.enumerated() {
                let a = x[i]
                guard a == a else { continue }
                let g1 = Double(labels[r]), g0 = 1 - g1
                let wt = y.isEmpty ? 1 : y[i]
                s0 += g0 * (wt * a); s1 += g1 * (wt * a)
                w0 += g0 * wt; w1 += g1 * wt
            }
            return SIMD2(w0 != 0 ? s0 / w0 : .nan, w1 != 0 ? s1 / w1 : .nan)
        case .order(let fn):
            gather(x, [], rows, labels)
            return SIMD2(gathered[0].isEmpty ? .nan : Evaluator.orderStatistic(fn, gathered[0].map { ($0, .ok) }).0,
                         gathered[1].isEmpty ? .nan : Evaluator.orderStatistic(fn, gathered[1].map { ($0, .ok) }).0)
        case .statistic(let fn, let p):
            gather(x, y, rows, labels)
            var out = SIMD2<Double>(.nan, .nan)
            for g in 0..<2 {
                if let v = Statistics.compute(fn, x: gathered[g], y: gatheredY[g], parameter: p), v.isFinite { out[g] = v }
            }
            return out
        case .rows, .sum, .count, .ratio:
            preconditionFailure("sum-like nodes are drawn by PackedSums")
        }
    }

    /// Fills `gathered` (and `gatheredY` when `y` is given) with the present values of each
    /// group, in row order.
    private mutating func gather(_ x: [Double], _ y: [Double], _ rows: [Int], _ labels: [Int]) {
        for g in 0..<2 { gathered[g].removeAll(keepingCapacity: true); gatheredY[g].removeAll(keepingCapacity: true) }
        for (r, i) in rows.enumerated() {
            let a = x[i]
            guard a == a else { continue }
            gathered[labels[r]].append(a)
            if !y.isEmpty { gatheredY[labels[r]].append(y[i]) }
        }
    }
}
