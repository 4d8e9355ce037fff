import TIQCore

/// Statistics of many draws, computed in batches.
protocol DrawBatch {
    /// Adds a draw: rows of the kept frame (they may repeat) with their group labels
    /// (0 treated, 1 control), in the order the evaluator would see them.
    mutating func record(rows: [Int], labels: [Int]) throws(QueryFailure)
    /// The statistic of every draw recorded since the last call, in draw order.
    mutating func flush() throws(QueryFailure) -> [Double]
}

/// The slow, general path: each draw is evaluated at once by a closure (the evaluator on the
/// resampled frame). Used when `FlatGroupStatistic` cannot take the statistic apart, and by
/// the tests as the reference the fast path must match bit for bit.
struct EvaluatedDraws: DrawBatch {
    let statistic: ([Int], [Int]) throws(QueryFailure) -> Double
    private var pending: [Double] = []

    init(_ statistic: @escaping ([Int], [Int]) throws(QueryFailure) -> Double) { self.statistic = statistic }

    mutating func record(rows: [Int], labels: [Int]) throws(QueryFailure) { pending.append(try statistic(rows, labels)) }

    mutating func flush() throws(QueryFailure) -> [Double] {
        defer { pending = [] }
        return pending
    }
}

extension FlatGroupStatistic {
    mutating func record(rows: [Int], labels: [Int]) throws(QueryFailure) {
        try evaluator.checkCancellation()
        let t = kept.periods
        for k in nodes.indices {
            let width = nodes[k].series ? t : 1
            let base = recorded[k].count
            recorded[k].append(contentsOf: repeatElement(Double.nan, count: 2 * width))
            for (j, p) in nodes[k].positions.enumerated() {
                let v = reduce(k, j, rows, labels)
                recorded[k][base + p] = v[0]
                recorded[k][base + width + p] = v[1]
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

    /// The value of node `k` at its `j`th position for groups 0 and 1, as the evaluator's
    /// aggregate kernels compute it: accumulated in row order.
    private mutating func reduce(_ k: Int, _ j: Int, _ rows: [Int], _ labels: [Int]) -> SIMD2<Double> {
        let node = nodes[k]
        let x = node.x.isEmpty ? [] : node.x[j], y = node.y.isEmpty ? [] : node.y[j]
        switch node.reduction {
        case .rows:
            var c = SIMD2<Double>(0, 0)
            for g in labels { c[g] += 1 }
            return c
        case .sum(let skip), .ratio(let skip):
            let s = Self.sums(x, y, node.blocks[j], rows, labels)
            var out = SIMD2<Double>(.nan, .nan)
            for g in 0..<2 where !(s.blocked[g] == 1 && !skip) && s.present[g] > 0 {
                if y.isEmpty { out[g] = s.num[g] } else if s.den[g] != 0 { out[g] = s.num[g] / s.den[g] }
            }
            return out
        case .count:
            let s = Self.sums(x, y, node.blocks[j], rows, labels)
            return SIMD2(Double(s.present[0]), Double(s.present[1]))
        case .mean:
            // As in `sums`: the group selected by a factor 0 or 1, exact for finite values.
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
        }
    }

    /// Σx, Σy, the present rows and whether an absence blocks the sum, per group.
    ///
    /// The group is selected by multiplying by 0 or 1 rather than by a branch or an indexed
    /// accumulator, so that random labels cost neither mispredictions nor store-to-load chains;
    /// the sums are unchanged bit for bit (s + 1·a = s + a, s + 0·a = s for finite a).
    private static func sums(_ x: [Double], _ y: [Double], _ blocks: [Bool], _ rows: [Int], _ labels: [Int])
        -> (num: SIMD2<Double>, den: SIMD2<Double>, present: SIMD2<Int>, blocked: SIMD2<Int>) {
        var s0 = 0.0, s1 = 0.0, d0 = 0.0, d1 = 0.0, c1 = 0, n = 0, b0 = 0, b1 = 0
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                blocks.withUnsafeBufferPointer { bs in
                    rows.withUnsafeBufferPointer { rs in
                        labels.withUnsafeBufferPointer { ls in
                            let ratio = !ys.isEmpty
                            for r in 0..<rs.count {
                                let i = rs[r], g = ls[r], a = xs[i]
                                if a == a {
                                    let w1 = Double(g), w0 = 1 - w1
                                    s0 += w0 * a
                                    s1 += w1 * a
                                    n += 1
                                    c1 += g
                                    if ratio { let b = ys[i]; d0 += w0 * b; d1 += w1 * b }
                                } else if bs[i] {
                                    if g == 0 { b0 = 1 } else { b1 = 1 }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (SIMD2(s0, s1), SIMD2(d0, d1), SIMD2(n - c1, c1), SIMD2(b0, b1))
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
