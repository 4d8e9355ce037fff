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
            for i in 0..<rows {
                if i & 4095 == 0 { try checkCancellation() }
                let gi = group.groupOf[i]
                for p in 0..<width {
                    let k = gi * width + p
                    // Values first; a status is looked up only for an absent cell.
                    let a = x.value(i, p)
                    var ok = a == a
                    var why: ObservationStatus = ok ? .ok : x.get(i, p).1
                    var b = 0.0
                    if let y {
                        b = y.value(i, p)
                        if b != b {
                            let sb = y.get(i, p).1
                            why = ok ? sb : ObservationStatus.combineAbsence(why, sb)
                            ok = false
                        }
                    }
                    if ok {
                        num[k] += a; den[k] += b; present[k] += 1
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
                if fn == .ratio {
                    guard den[k] != 0 else { st[k] = .undefined; continue }
                    out[k] = num[k] / den[k]
                } else {
                    out[k] = num[k]
                }
                st[k] = absent[k] == nil ? .ok : .partial
            }
        case .mean:
            let w = weight.map { NumberReader(vector: $0) }
            var sum = [Double](repeating: 0, count: cells), wsum = [Double](repeating: 0, count: cells)
            for i in 0..<rows {
                if i & 4095 == 0 { try checkCancellation() }
                let gi = group.groupOf[i]
                for p in 0..<width {
                    let (a, _) = x.get(i, p)
                    guard !a.isNaN else { continue }
                    let wt = w.map { $0.get(i, p).0 } ?? 1
                    guard !wt.isNaN else { continue }
                    sum[gi * width + p] += wt * a
                    wsum[gi * width + p] += wt
                }
            }
            for k in 0..<cells where wsum[k] != 0 { out[k] = sum[k] / wsum[k]; st[k] = .ok }
        case .median, .min, .max:
            var buckets = [[Double]](repeating: [], count: cells)
            for i in 0..<rows {
                if i & 4095 == 0 { try checkCancellation() }
                let gi = group.groupOf[i]
                for p in 0..<width {
                    let (a, _) = x.get(i, p)
                    if !a.isNaN { buckets[gi * width + p].append(a) }
                }
            }
            for k in 0..<cells where !buckets[k].isEmpty {
                let b = buckets[k]
                switch fn {
                case .min: out[k] = b.min()!
                case .max: out[k] = b.max()!
                default:
                    let s = b.sorted()
                    out[k] = s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
                }
                st[k] = .ok
            }
        }
        return series ? .series(SeriesData(values: out, periods: t, statuses: st)) : .numbers(out, st)
    }

    /// Window functions: `total`, `share`, `rank` over every row of the frame.
    func window(_ fn: WindowFunction, _ v: Vector, _ f: Frame) throws(QueryFailure) -> Vector {
        let n = f.count
        let r = NumberReader(vector: v)
        let width = r.isSeries ? f.periods : 1
        var totals = [Double](repeating: 0, count: width)
        var absent = [Bool](repeating: false, count: width)
        for i in 0..<n {
            if i & 4095 == 0 { try checkCancellation() }
            for p in 0..<width {
                let (x, _) = r.get(i, p)
                if x.isNaN { absent[p] = true } else { totals[p] += x }
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
                    if !absent[p] { out[k] = totals[p]; st[k] = .ok }
                case .share:
                    if x.isNaN { st[k] = s } else if absent[p] { st[k] = .missing } else if totals[p] == 0 { st[k] = .undefined } else {
                        out[k] = x / totals[p]; st[k] = .ok
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
