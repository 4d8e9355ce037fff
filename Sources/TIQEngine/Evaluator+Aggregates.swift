import TIQCore
import TIQStore

extension Evaluator {
    /// Evaluates an aggregate over the rows of each group, period by period for series.
    func aggregate(_ fn: AggregateFunction, _ args: [Vector], weight: Vector?, skipMissing: Bool,
                   group: GroupContext, periods t: Int) throws(QueryFailure) -> Vector {
        let g = group.groupCount
        let rows = group.rowFrame.count
        let series = args.contains { if case .series = $0 { return true } else { return false } }
        let width = series ? t : 1
        let cells = g * width
        if fn == .count && args.isEmpty {
            var counts = [Double](repeating: 0, count: g)
            for i in 0..<rows { counts[group.groupOf[i]] += 1 }
            return .numbers(counts, nil)
        }
        let x = NumberReader(vector: args[0])
        var out = [Double](repeating: .nan, count: cells)
        var st = [ObservationStatus](repeating: .missing, count: cells)
        switch fn {
        case .sum, .ratio, .count:
            let y = fn == .ratio ? NumberReader(vector: args[1]) : nil
            var num = [Double](repeating: 0, count: cells), den = [Double](repeating: 0, count: cells)
            var present = [Int](repeating: 0, count: cells)
            var absent = [ObservationStatus?](repeating: nil, count: cells)
            var qual = [ObservationStatus](repeating: .ok, count: cells)
            let qualified = x.hasStatuses || (y?.hasStatuses ?? false)
            for i in 0..<rows {
                if i & 4095 == 0 { try checkCancellation() }
                let gi = group.groupOf[i]
                for p in 0..<width {
                    let k = gi * width + p
                    let s = x.summand(i, p, with: y)
                    let why = s.absence
                    if s.present {
                        num[k] += s.a; den[k] += s.b; present[k] += 1
                        if qualified {
                            let q = ObservationStatus.combineQualifiers(x.qualifier(i, p), y?.qualifier(i, p) ?? .ok)
                            qual[k] = ObservationStatus.combineQualifiers(qual[k], q)
                        }
                    } else if why == .notApplicable {
                        continue  // not applicable: contributes nothing, and is not missing
                    } else if fn != .count {
                        absent[k] = ObservationStatus.combineAbsence(absent[k] ?? why, why)
                    }
                }
            }
            for k in 0..<cells {
                if fn == .count { out[k] = Double(present[k]); st[k] = .ok; continue }
                if let why = absent[k], !skipMissing {
                    st[k] = why
                    continue
                }
                guard present[k] > 0 else { st[k] = absent[k] ?? .missing; continue }
                // Finite values whose sum overflows (to ±inf, or inf − inf = NaN) have no
                // answer: `undefined`, never an infinite value.
                guard num[k].isFinite && den[k].isFinite else { st[k] = .undefined; continue }
                if fn == .ratio {
                    guard den[k] != 0 else { st[k] = .undefined; continue }
                    out[k] = num[k] / den[k]
                } else {
                    out[k] = num[k]
                }
                st[k] = absent[k] == nil ? qual[k] : .partial
            }
        case .mean:
            let w = weight.map { NumberReader(vector: $0) }
            var sum = [Double](repeating: 0, count: cells), wsum = [Double](repeating: 0, count: cells)
            var qual = [ObservationStatus](repeating: .ok, count: cells)
            for i in 0..<rows {
                if i & 4095 == 0 { try checkCancellation() }
                let gi = group.groupOf[i]
                for p in 0..<width {
                    let k = gi * width + p
                    let (a, sa) = x.get(i, p)
                    let (wt, sw) = w.map { $0.get(i, p) } ?? (1, .ok)
                    guard !a.isNaN, !wt.isNaN else {
                        // A skipped member makes the mean partial, unless it does not apply.
                        let why = a.isNaN ? sa : sw
                        if why != .notApplicable { qual[k] = .partial }
                        continue
                    }
                    sum[k] += wt * a
                    wsum[k] += wt
                    qual[k] = ObservationStatus.combineQualifiers(qual[k], ObservationStatus.combineQualifiers(sa, sw))
                }
            }
            for k in 0..<cells where wsum[k] != 0 { out[k] = sum[k] / wsum[k]; st[k] = qual[k] }
        case .median, .min, .max:
            var buckets = [[(Double, ObservationStatus)]](repeating: [], count: cells)
            var skipped = [Bool](repeating: false, count: cells)
            for i in 0..<rows {
                if i & 4095 == 0 { try checkCancellation() }
                let gi = group.groupOf[i]
                for p in 0..<width {
                    let (a, s) = x.get(i, p)
                    if !a.isNaN { buckets[gi * width + p].append((a, s)) } else if s != .notApplicable { skipped[gi * width + p] = true }
                }
            }
            for k in 0..<cells where !buckets[k].isEmpty {
                (out[k], st[k]) = Self.orderStatistic(fn, buckets[k])
                if skipped[k] { st[k] = .partial }
            }
        }
        return series ? .series(SeriesData(values: out, periods: t, statuses: st)) : .numbers(out, st)
    }

    /// `min`, `max` or `median` of present values with their statuses: the value and the
    /// combined qualifiers of the values it is made of (the tied extremes, the middle one or two).
    static func orderStatistic(_ fn: AggregateFunction, _ cells: [(Double, ObservationStatus)]) -> (Double, ObservationStatus) {
        let s = cells.sorted { $0.0 < $1.0 }
        let picked: [(Double, ObservationStatus)]
        switch fn {
        case .min: picked = s.filter { $0.0 == s.first!.0 }
        case .max: picked = s.filter { $0.0 == s.last!.0 }
        default: picked = s.count % 2 == 1 ? [s[s.count / 2]] : [s[s.count / 2 - 1], s[s.count / 2]]
        }
        let value = fn == .median ? picked.reduce(0) { $0 + $1.0 } / Double(picked.count) : picked[0].0
        return (value, picked.reduce(ObservationStatus.ok) { ObservationStatus.combineQualifiers($0, $1.1) })
    }

    /// Window functions: `total`, `share`, `rank` over every row of the frame.
    func window(_ fn: WindowFunction, _ v: Vector, _ f: Frame) throws(QueryFailure) -> Vector {
        let n = f.count
        let r = NumberReader(vector: v)
        let width = r.isSeries ? f.periods : 1
        var totals = [Double](repeating: 0, count: width)
        var absent = [Bool](repeating: false, count: width)
        var qual = [ObservationStatus](repeating: .ok, count: width)
        for i in 0..<n {
            if i & 4095 == 0 { try checkCancellation() }
            for p in 0..<width {
                let (x, s) = r.get(i, p)
                // As in sums, a cell that does not apply adds nothing and is not missing.
                if x.isNaN { if s != .notApplicable { absent[p] = true } } else {
                    totals[p] += x
                    qual[p] = ObservationStatus.combineQualifiers(qual[p], s)
                }
            }
        }
        var out = [Double](repeating: .nan, count: n * width)
        var st = [ObservationStatus](repeating: .missing, count: n * width)
        for p in 0..<width {
            var order: [(Double, Int)] = []
            for i in 0..<n {
                if i & 4095 == 0 { try checkCancellation() }
                let (x, s) = r.get(i, p)
                let k = i * width + p
                switch fn {
                case .total:
                    if !absent[p] { out[k] = totals[p]; st[k] = qual[p] }
                case .share:
                    if x.isNaN { st[k] = s } else if absent[p] { st[k] = .missing } else if totals[p] == 0 { st[k] = .undefined } else {
                        out[k] = x / totals[p]; st[k] = ObservationStatus.combineQualifiers(s, qual[p])
                    }
                case .rank:
                    if !x.isNaN { order.append((x, i)) }
                }
            }
            if fn == .rank {
                order.sort { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
                for (rank, (_, i)) in order.enumerated() { out[i * width + p] = Double(rank + 1); st[i * width + p] = .ok }
            }
        }
        return r.isSeries ? .series(SeriesData(values: out, periods: width, statuses: st)) : .numbers(out, st)
    }
}
