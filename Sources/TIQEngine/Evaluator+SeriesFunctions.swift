import Foundation
import TIQCore
import TIQStore

extension Evaluator {
    /// The frame axis positions of the listed periods (all visible ones when none is listed),
    /// and whether some listed period lies off the axis (and so is absent).
    func positions(_ periods: [Period], _ f: Frame) -> (positions: [Int], offAxis: Bool) {
        guard !periods.isEmpty else { return (f.visible, false) }
        guard let axis = f.axis else { return ([], true) }
        let pos = periods.compactMap { axis.index(of: $0) }
        return (pos, pos.count < periods.count)
    }

    /// The status a change between two present values carries: their combined qualifiers
    /// (`ObservationStatus.combineQualifiers`), but not `break`, which is decided by whether the
    /// change spans the break (`spansBreak`) and then combined like any qualifier (an imputed
    /// value across a break stays `imputed`, the stronger).
    static func carried(_ a: ObservationStatus, _ b: ObservationStatus) -> ObservationStatus {
        let x = a == .breakHere ? .ok : a, y = b == .breakHere ? .ok : b
        return ObservationStatus.combineQualifiers(x, y)
    }

    /// Whether a cell after `a` and up to `b` is flagged as a break in the series: a change
    /// across it compares values that are not comparable (W406).
    func spansBreak(_ x: NumberReader, row i: Int, after a: Int, through b: Int) -> Bool {
        guard a < b else { return false }
        for p in (a + 1)...b where x.get(i, p).1 == .breakHere { return true }
        return false
    }

    func seriesFunction(_ fn: SeriesFunction, _ args: [Vector], periods: [Period], _ f: Frame) throws(QueryFailure) -> Vector {
        let n = f.count, t = f.periods
        let x = NumberReader(vector: args[0])
        switch fn {
        case .growth, .cagr, .change:
            let ta = f.axis?.index(of: periods[0]), tb = f.axis?.index(of: periods[1])
            var out = [Double](repeating: .nan, count: n)
            var st = [ObservationStatus](repeating: .missing, count: n)
            guard let ta, let tb else { return .numbers(out, st) }
            let years = periods[0].years(to: periods[1])
            for i in 0..<n {
                if i & 4095 == 0 { try checkCancellation() }
                let (xa, sa) = x.get(i, ta), (xb, sb) = x.get(i, tb)
                if xa.isNaN || xb.isNaN {
                    st[i] = ObservationStatus.combineAbsence(xa.isNaN ? sa : .missing, xb.isNaN ? sb : .missing)
                    continue
                }
                switch fn {
                case .change:
                    out[i] = xb - xa
                case .growth:
                    guard xa != 0 else { st[i] = .undefined; continue }
                    out[i] = xb / xa - 1
                default:
                    guard xa > 0, xb >= 0, years != 0 else { st[i] = .undefined; continue }
                    out[i] = pow(xb / xa, 1 / years) - 1
                }
                st[i] = Self.carried(sa, sb)
                if spansBreak(x, row: i, after: min(ta, tb), through: max(ta, tb)) { st[i] = ObservationStatus.combineQualifiers(st[i], .breakHere) }
            }
            return .numbers(out, st)

        case .yoy, .diff, .index:
            var out = [Double](repeating: .nan, count: n * t)
            var st = [ObservationStatus](repeating: .missing, count: n * t)
            let lag: Int
            var base: Int?
            switch fn {
            case .yoy: lag = Int(f.axis?.frequency.periodsPerYear ?? 1)
            case .diff: lag = 1
            default:
                lag = 0
                base = f.axis?.index(of: periods[0])
                if base == nil { return .series(SeriesData(values: out, periods: t, statuses: st)) }
            }
            for i in 0..<n {
                if i & 4095 == 0 { try checkCancellation() }
                for p in 0..<t {
                    let q = base ?? (p - lag)
                    guard q >= 0 else { continue }
                    let (cur, sc) = x.get(i, p), (prev, sp) = x.get(i, q)
                    let k = i * t + p
                    if cur.isNaN || prev.isNaN {
                        st[k] = ObservationStatus.combineAbsence(cur.isNaN ? sc : .missing, prev.isNaN ? sp : .missing)
                        continue
                    }
                    switch fn {
                    case .diff: out[k] = cur - prev
                    case .yoy:
                        guard prev != 0 else { st[k] = .undefined; continue }
                        out[k] = cur / prev - 1
                    default:
                        guard prev != 0 else { st[k] = .undefined; continue }
                        out[k] = 100 * cur / prev
                    }
                    st[k] = Self.carried(sc, sp)
                    if spansBreak(x, row: i, after: min(p, q), through: max(p, q)) { st[k] = ObservationStatus.combineQualifiers(st[k], .breakHere) }
                }
            }
            return .series(SeriesData(values: out, periods: t, statuses: st))

        case .slope, .mean_over, .sum_over, .first, .last:
            let (pos, offAxis) = positions(periods, f)
            var out = [Double](repeating: .nan, count: n)
            var st = [ObservationStatus](repeating: .missing, count: n)
            for i in 0..<n {
                if i & 4095 == 0 { try checkCancellation() }
                switch fn {
                case .first, .last:
                    let order = fn == .first ? pos : pos.reversed()
                    for p in order {
                        let (v, s) = x.get(i, p)
                        if !v.isNaN { out[i] = v; st[i] = s; break }
                    }
                case .sum_over:
                    guard !offAxis else { continue }
                    var sum = 0.0, absent: ObservationStatus?, qual = ObservationStatus.ok
                    for p in pos {
                        let (v, s) = x.get(i, p)
                        if v.isNaN { absent = ObservationStatus.combineAbsence(absent ?? s, s) } else {
                            sum += v
                            qual = ObservationStatus.combineQualifiers(qual, s)
                        }
                    }
                    if let absent { st[i] = absent } else if !pos.isEmpty { out[i] = sum; st[i] = qual }
                case .mean_over:
                    var sum = 0.0, k = 0, qual = ObservationStatus.ok
                    for p in pos {
                        let (v, s) = x.get(i, p)
                        if !v.isNaN { sum += v; k += 1; qual = ObservationStatus.combineQualifiers(qual, s) }
                    }
                    if k > 0 { out[i] = sum / Double(k); st[i] = k < pos.count || offAxis ? .partial : qual }
                default:
                    guard let axis = f.axis else { continue }
                    var sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0, k = 0.0, qual = ObservationStatus.ok
                    for p in pos {
                        let (v, s) = x.get(i, p)
                        guard !v.isNaN else { continue }
                        let yr = axis[0].years(to: axis[p])
                        sx += yr; sy += v; sxx += yr * yr; sxy += yr * v; k += 1
                        qual = ObservationStatus.combineQualifiers(qual, s == .breakHere ? .ok : s)
                    }
                    let den = k * sxx - sx * sx
                    if k >= 2 && den != 0 {
                        out[i] = (k * sxy - sx * sy) / den
                        st[i] = Int(k) < pos.count || offAxis ? .partial : qual
                    }
                }
            }
            return .numbers(out, st)

        case .complete:
            let (pos, offAxis) = positions(periods, f)
            return .bools((0..<n).map { i in
                if offAxis || pos.isEmpty { return 0 }
                return pos.allSatisfy { !x.get(i, $0).0.isNaN } ? 1 : 0
            })

        case .all, .any:
            let c = BoolReader(vector: args[0])
            let (pos, offAxis) = positions(periods, f)
            return .bools((0..<n).map { i in
                var sawAbsent = offAxis
                for p in pos {
                    let v = c.get(i, p)
                    if fn == .all && v == 0 { return 0 }
                    if fn == .any && v == 1 { return 1 }
                    if v == 2 { sawAbsent = true }
                }
                if sawAbsent { return 2 }
                return fn == .all ? 1 : 0
            })

        case .coalesce:
            let y = NumberReader(vector: args[1])
            let series = x.isSeries || y.isSeries
            let width = series ? t : 1
            var out = [Double](repeating: .nan, count: n * width)
            var st = [ObservationStatus](repeating: .missing, count: n * width)
            for i in 0..<n {
                if i & 4095 == 0 { try checkCancellation() }
                for p in 0..<width {
                    let (a, sa) = x.get(i, p)
                    let k = i * width + p
                    if !a.isNaN { out[k] = a; st[k] = sa; continue }
                    let (b, sb) = y.get(i, p)
                    out[k] = b
                    st[k] = b.isNaN ? sb : .imputed
                }
            }
            return series ? .series(SeriesData(values: out, periods: t, statuses: st)) : .numbers(out, st)
        }
    }
}
