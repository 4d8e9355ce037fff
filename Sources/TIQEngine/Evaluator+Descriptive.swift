import Foundation
import TIQCore
import TIQLanguage
import TIQStore

extension Evaluator {
    /// Evaluates the descriptive kinds: math functions, statistics, `cut`, `case`, `x of level`.
    func evalDescriptive(_ e: TypedExpr, _ f: Frame, group: GroupContext?) throws(QueryFailure) -> Vector {
        switch e.kind {
        case .math(let fn, let args, let digits):
            var vs: [Vector] = []
            for a in args { vs.append(try eval(a, f, group: group)) }
            return try math(fn, vs, digits: digits, f)
        case .statistic(let fn, let args, let p):
            guard let group else {
                throw QueryFailure(kind: .execution, diagnostics: [.error(.misplacedAggregate, "an aggregate outside a grouping stage", at: e.span)])
            }
            try checkCancellation()
            var vs: [Vector] = []
            for a in args { vs.append(try eval(a, group.rowFrame)) }
            return try statistic(fn, vs, parameter: p, group: group, periods: f.periods)
        case .cut(let x, let breaks, let labels):
            let r = NumberReader(vector: try eval(x, f, group: group))
            return .texts((0..<f.count).map { i in
                let v = r.value(i, 0)
                guard !v.isNaN else { return nil }
                return labels[breaks.firstIndex { v < $0 } ?? breaks.count]
            })
        case .caseWhen(let clauses, let otherwise):
            return try caseWhen(clauses, otherwise: otherwise, type: e.type, f, group: group)
        case .parent(let inner, let read):
            return try parent(inner, read, f)
        default:
            throw QueryFailure(kind: .execution, diagnostics: [.error(.internalError, "internal: not a descriptive expression", at: e.span)])
        }
    }

    /// Applies a math function cell by cell. Absent in, absent out (with its status); a result
    /// that is not a finite number is `undefined`; a present value keeps its status.
    func math(_ fn: MathFunction, _ args: [Vector], digits: Int, _ f: Frame) throws(QueryFailure) -> Vector {
        let readers = args.map { NumberReader(vector: $0) }
        let series = readers.contains { $0.isSeries }
        let width = series ? f.periods : 1
        let n = f.count
        var out = [Double](repeating: .nan, count: n * width)
        var st = [ObservationStatus](repeating: .missing, count: n * width)
        let scale = pow10(digits)
        for i in 0..<n {
            if i & 4095 == 0 { try checkCancellation() }
            for p in 0..<width {
                var x: [Double] = []
                var absent: ObservationStatus?
                var flag = ObservationStatus.ok
                for r in readers {
                    let (v, s) = r.get(i, p)
                    if v.isNaN { absent = absent.map { ObservationStatus.combineAbsence($0, s) } ?? s } else if s != .ok { flag = s }
                    x.append(v)
                }
                let k = i * width + p
                if let absent { st[k] = absent; continue }
                let y: Double
                switch fn {
                case .log: y = x[0] > 0 ? Foundation.log(x[0]) : .nan
                case .exp: y = Foundation.exp(x[0])
                case .sqrt: y = x[0] >= 0 ? x[0].squareRoot() : .nan
                case .abs: y = Swift.abs(x[0])
                case .round: y = digits == 0 ? x[0].rounded() : (x[0] * scale).rounded() / scale
                case .floor: y = x[0].rounded(.down)
                case .least: y = x.min()!
                case .greatest: y = x.max()!
                }
                if y.isFinite { out[k] = y; st[k] = flag } else { st[k] = .undefined }
            }
        }
        return series ? .series(SeriesData(values: out, periods: width, statuses: st)) : .numbers(out, st)
    }

    private func pow10(_ d: Int) -> Double { (0..<d).reduce(1.0) { v, _ in v * 10 } }

    /// A statistic over the rows of each group, period by period for series.
    func statistic(_ fn: StatisticFunction, _ args: [Vector], parameter: Double, group: GroupContext, periods t: Int) throws(QueryFailure) -> Vector {
        let g = group.groupCount
        let boolArgs = args.allSatisfy { if case .bools = $0 { return true } else if case .boolSeries = $0 { return true } else { return false } }
        let series = args.contains { v in
            switch v { case .series, .boolSeries: return true; default: return false }
        }
        let width = series ? t : 1
        var xs = [[Double]](repeating: [], count: g * width), ys = xs
        let numbers = args.map { NumberReader(vector: $0) }, bools = args.map { BoolReader(vector: $0) }
        for i in 0..<group.rowFrame.count {
            if i & 4095 == 0 { try checkCancellation() }
            let k0 = group.groupOf[i] * width
            for p in 0..<width {
                if boolArgs {
                    let b = bools[0].get(i, p)
                    if b != 2 { xs[k0 + p].append(Double(b)) }
                    continue
                }
                let x = numbers[0].value(i, p)
                guard !x.isNaN else { continue }
                if numbers.count > 1 {
                    let y = numbers[1].value(i, p)
                    guard !y.isNaN else { continue }
                    ys[k0 + p].append(y)
                }
                xs[k0 + p].append(x)
            }
        }
        var out = [Double](repeating: .nan, count: g * width)
        var st = [ObservationStatus](repeating: .undefined, count: g * width)
        for k in 0..<(g * width) {
            if let v = Statistics.compute(fn, x: xs[k], y: ys[k], parameter: parameter), v.isFinite { out[k] = v; st[k] = .ok }
        }
        return series ? .series(SeriesData(values: out, periods: width, statuses: st)) : .numbers(out, st)
    }

    /// `case`: the value of the first true condition, else the `else` value, else absent. A
    /// condition that is absent makes the row's value absent (it cannot be classified).
    func caseWhen(_ clauses: [(TypedExpr, TypedExpr)], otherwise: TypedExpr?, type: ExprType, _ f: Frame,
                  group: GroupContext?) throws(QueryFailure) -> Vector {
        let n = f.count
        var conditions: [BoolReader] = []
        var values: [Vector] = []
        for (c, v) in clauses {
            conditions.append(BoolReader(vector: try eval(c, f, group: group)))
            values.append(try eval(v, f, group: group))
        }
        if let otherwise { values.append(try eval(otherwise, f, group: group)) }
        // Which value each row takes: an index into `values`, or nil for absent.
        let pick: [Int?] = (0..<n).map { i in
            for (j, c) in conditions.enumerated() {
                switch c.get(i, 0) {
                case 1: return j
                case 0: continue
                default: return nil
                }
            }
            return otherwise == nil ? nil : clauses.count
        }
        switch type.kind {
        case .text:
            let texts = values.map { v -> [String?] in if case .texts(let t) = v { return t } else { return [] } }
            return .texts((0..<n).map { i in pick[i].flatMap { texts[$0].indices.contains(i) ? texts[$0][i] : nil } })
        case .bool:
            let bools = values.map { BoolReader(vector: $0) }
            return .bools((0..<n).map { i in pick[i].map { bools[$0].get(i, 0) } ?? 2 })
        case .number:
            let readers = values.map { NumberReader(vector: $0) }
            var out = [Double](repeating: .nan, count: n)
            var st = [ObservationStatus](repeating: .missing, count: n)
            for i in 0..<n { if let j = pick[i] { (out[i], st[i]) = readers[j].get(i, 0) } }
            return .numbers(out, st)
        }
    }

    /// `x of level`: evaluates `x` on every territory of the coarser level, then reads, for
    /// each row, the value of the territory it belongs to (absent when it belongs to none).
    func parent(_ inner: TypedExpr, _ read: ParentRead, _ f: Frame) throws(QueryFailure) -> Vector {
        guard case .territory(_, let parents)? = snapshot[level: read.via.level].attribute(read.via.name)?.column else {
            return .numbers([Double](repeating: .nan, count: f.count), nil)
        }
        let executor = Executor(snapshot: snapshot, cache: cache)
        var coarse = Frame(level: read.level, rows: executor.wholeLevelRows(read.level), axis: f.axis, window: f.window)
        coarse.isWholeLevel = true
        let checker = Checker(snapshot: snapshot)
        for (name, id, route) in read.indicators {
            let data = try executor.indicatorSeries(id, route: route, level: read.level, axis: f.axis)
            coarse.set(FrameColumn(name: name, type: checker.indicatorType(snapshot[indicator: id]), indicator: id, data: .series(data), pristine: true))
        }
        let v = try eval(inner, coarse)
        let source: [Int?] = f.rows.map { parents[$0] == .max ? nil : Int(parents[$0]) }
        if source.allSatisfy({ $0 != nil }) { return v.gathering(source.map { $0! }) }
        if case .series = v {
            // Rows outside every territory of the level: a series of absent cells.
            let r = NumberReader(vector: v)
            let t = f.periods
            var out = [Double](repeating: .nan, count: f.count * t)
            var st = [ObservationStatus](repeating: .missing, count: f.count * t)
            for (i, s) in source.enumerated() { if let s { for p in 0..<t { (out[i * t + p], st[i * t + p]) = r.get(s, p) } } }
            return .series(SeriesData(values: out, periods: t, statuses: st))
        }
        return executor.spread(v, source)
    }
}
