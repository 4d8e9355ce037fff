import TIQCore
import TIQLanguage
import TIQStore

extension Evaluator {
    func unary(_ op: UnaryOperator, _ v: Vector, _ f: Frame) throws(QueryFailure) -> Vector {
        switch (op, v) {
        case (.not, .bools(let b)): return .bools(b.map { $0 == 2 ? 2 : 1 - $0 })
        case (.not, .boolSeries(let b, let t)): return .boolSeries(b.map { $0 == 2 ? 2 : 1 - $0 }, periods: t)
        case (.negate, .numbers(let x, let s)): return .numbers(x.map { -$0 }, s)
        case (.negate, .series):
            return try mapSeries(v, f) { -$0 }
        default: return v
        }
    }

    /// Applies `transform` to every present cell of a number series, keeping statuses.
    func mapSeries(_ v: Vector, _ f: Frame, _ transform: (Double) -> Double) throws(QueryFailure) -> Vector {
        let r = NumberReader(vector: v)
        let n = f.count, t = f.periods
        var out = [Double](repeating: .nan, count: n * t)
        var st = [ObservationStatus](repeating: .missing, count: n * t)
        for i in 0..<n {
            if i & 4095 == 0 { try checkCancellation() }
            for p in 0..<t {
                let (x, s) = r.get(i, p)
                out[i * t + p] = x.isNaN ? .nan : transform(x)
                st[i * t + p] = s
            }
        }
        return .series(SeriesData(values: out, periods: t, statuses: st))
    }

    func binary(_ op: BinaryOperator, _ a: Vector, _ b: Vector, _ f: Frame) throws(QueryFailure) -> Vector {
        let n = f.count, t = f.periods
        if op.isLogical {
            let ra = BoolReader(vector: a), rb = BoolReader(vector: b)
            let series = ra.isSeries || rb.isSeries
            let width = series ? t : 1
            var out = [UInt8](repeating: 0, count: n * width)
            for i in 0..<n {
                if i & 4095 == 0 { try checkCancellation() }
                for p in 0..<width {
                    let x = ra.get(i, p), y = rb.get(i, p)
                    let r: UInt8
                    if op == .and {
                        r = (x == 0 || y == 0) ? 0 : (x == 2 || y == 2 ? 2 : 1)
                    } else {
                        r = (x == 1 || y == 1) ? 1 : (x == 2 || y == 2 ? 2 : 0)
                    }
                    out[i * width + p] = r
                }
            }
            return series ? .boolSeries(out, periods: t) : .bools(out)
        }
        if case .texts(let x) = a, case .texts(let y) = b {
            return .bools((0..<n).map { i in
                guard let l = x[i], let r = y[i] else { return 2 }
                switch op {
                case .equal: return l == r || TextFolding.fold(l) == TextFolding.fold(r) ? 1 : 0
                case .notEqual: return l == r || TextFolding.fold(l) == TextFolding.fold(r) ? 0 : 1
                case .less: return l < r ? 1 : 0
                case .lessOrEqual: return l <= r ? 1 : 0
                case .greater: return l > r ? 1 : 0
                case .greaterOrEqual: return l >= r ? 1 : 0
                default: return 2
                }
            })
        }
        if op.isComparison, case .bools = a, case .bools = b {
            let ra = BoolReader(vector: a), rb = BoolReader(vector: b)
            return .bools((0..<n).map { i in
                let x = ra.get(i, 0), y = rb.get(i, 0)
                if x == 2 || y == 2 { return 2 }
                return (x == y) == (op == .equal) ? 1 : 0
            })
        }
        let ra = NumberReader(vector: a), rb = NumberReader(vector: b)
        let series = ra.isSeries || rb.isSeries
        let width = series ? t : 1
        if op.isComparison {
            var out = [UInt8](repeating: 2, count: n * width)
            for i in 0..<n {
                if i & 4095 == 0 { try checkCancellation() }
                for p in 0..<width {
                    let (x, _) = ra.get(i, p), (y, _) = rb.get(i, p)
                    guard !x.isNaN && !y.isNaN else { continue }
                    let r: Bool
                    switch op {
                    case .equal: r = x == y
                    case .notEqual: r = x != y
                    case .less: r = x < y
                    case .lessOrEqual: r = x <= y
                    case .greater: r = x > y
                    default: r = x >= y
                    }
                    out[i * width + p] = r ? 1 : 0
                }
            }
            return series ? .boolSeries(out, periods: t) : .bools(out)
        }
        var out = [Double](repeating: .nan, count: n * width)
        var st = [ObservationStatus](repeating: .ok, count: n * width)
        for i in 0..<n {
            if i & 4095 == 0 { try checkCancellation() }
            if i & 0xFFFF == 0 { try checkCancellation() }
            for p in 0..<width {
                let (x, sx) = ra.get(i, p), (y, sy) = rb.get(i, p)
                let k = i * width + p
                if x.isNaN || y.isNaN {
                    st[k] = ObservationStatus.combineAbsence(x.isNaN ? sx : .missing, y.isNaN ? sy : .missing)
                    continue
                }
                let r: Double
                switch op {
                case .add: r = x + y
                case .subtract: r = x - y
                case .multiply: r = x * y
                default:
                    if y == 0 { st[k] = .undefined; continue }
                    r = x / y
                }
                out[k] = r
                st[k] = ObservationStatus.combineQualifiers(sx, sy)
            }
        }
        return series ? .series(SeriesData(values: out, periods: t, statuses: st)) : .numbers(out, st)
    }

    func at(_ v: Vector, _ p: Period, _ f: Frame) throws(QueryFailure) -> Vector {
        let n = f.count
        guard case .series(let d) = v, let t = f.axis?.index(of: p) else {
            return .numbers([Double](repeating: .nan, count: n), nil)
        }
        var out = [Double](repeating: .nan, count: n)
        var st: [ObservationStatus]? = d.statuses.isNone ? nil : [ObservationStatus](repeating: .ok, count: n)
        for i in 0..<n {
            if i & 4095 == 0 { try checkCancellation() }
            guard let c = d.cell(i, t) else { st?[i] = .missing; continue }
            out[i] = d.values[c]
            if st != nil { st![i] = d.statuses.status(cell: c, value: out[i]) }
        }
        return .numbers(out, st)
    }

    func slice(_ v: Vector, _ a: Period, _ b: Period, _ f: Frame) throws(QueryFailure) -> Vector {
        guard let axis = f.axis else { return v }
        let r = NumberReader(vector: v)
        let n = f.count, t = f.periods
        var out = [Double](repeating: .nan, count: n * t)
        var st = [ObservationStatus](repeating: .missing, count: n * t)
        for i in 0..<n {
            if i & 4095 == 0 { try checkCancellation() }
            for p in 0..<t where axis[p] >= a && axis[p] <= b {
                let (x, s) = r.get(i, p)
                out[i * t + p] = x
                st[i * t + p] = s
            }
        }
        return .series(SeriesData(values: out, periods: t, statuses: st))
    }
}
