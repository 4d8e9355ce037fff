import TIQCore
import TIQLanguage
import TIQStore

/// A group key value, hashable and ordered for output.
enum KeyValue: Hashable, Comparable {
    case absent
    case bool(Bool)
    case number(Double)
    case text(String)

    static func < (a: KeyValue, b: KeyValue) -> Bool {
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return !x && y
        case (.number(let x), .number(let y)): return x < y
        case (.text(let x), .text(let y)): return x < y
        case (.absent, .absent): return false
        case (.absent, _): return false
        case (_, .absent): return true
        default: return String(describing: a) < String(describing: b)
        }
    }
}

extension Executor {
    func keyValues(_ v: Vector, count n: Int) -> [KeyValue] {
        switch v {
        case .texts(let t): return t.map { $0.map(KeyValue.text) ?? .absent }
        case .bools(let b): return b.map { $0 == 2 ? .absent : .bool($0 == 1) }
        case .numbers(let x, _): return x.map { $0.isNaN ? .absent : .number($0) }
        default: return [KeyValue](repeating: .absent, count: n)
        }
    }

    func keyVector(_ keys: [KeyValue], type: ExprType) -> Vector {
        switch type.kind {
        case .bool: return .bools(keys.map { if case .bool(let b) = $0 { return b ? 1 : 0 } else { return 2 } })
        case .number: return .numbers(keys.map { if case .number(let x) = $0 { return x } else { return .nan } }, nil)
        case .text: return .texts(keys.map { if case .text(let s) = $0 { return s } else { return nil } })
        }
    }

    func aggregate(_ frame: Frame, bindings: [(String, TypedExpr)], keys: [(String, TypedExpr)]) throws(QueryFailure) -> Frame {
        var keyColumns: [[KeyValue]] = []
        for (_, e) in keys { keyColumns.append(keyValues(try evaluator.eval(e, frame), count: frame.count)) }
        var index: [[KeyValue]: Int] = [:]
        var tuples: [[KeyValue]] = []
        var groupOf = [Int](repeating: 0, count: frame.count)
        for i in 0..<frame.count {
            let tuple = keyColumns.map { $0[i] }
            if let g = index[tuple] { groupOf[i] = g } else {
                index[tuple] = tuples.count
                groupOf[i] = tuples.count
                tuples.append(tuple)
            }
        }
        if keys.isEmpty && tuples.isEmpty { tuples = [[]]; }
        // Output groups sorted by key.
        let sortable = categoryRanked(tuples, keys: keys)
        let order = tuples.indices.sorted { a, b in sortable[a].lexicographicallyPrecedes(sortable[b]) }
        var rank = [Int](repeating: 0, count: tuples.count)
        for (r, g) in order.enumerated() { rank[g] = r }
        let ctx = GroupContext(rowFrame: frame, groupOf: groupOf.map { rank[$0] }, groupCount: tuples.count)
        var out = Frame(level: nil, rows: Array(0..<tuples.count), axis: frame.axis, window: frame.window)
        out.warnings = frame.warnings
        for (k, (name, e)) in keys.enumerated() {
            out.set(FrameColumn(name: name, type: e.type, data: keyVector(order.map { tuples[$0][k] }, type: e.type)))
        }
        for (name, e) in bindings {
            let v = try evaluator.eval(e, out, group: ctx)
            out.set(FrameColumn(name: name, type: e.type, data: v))
        }
        return out
    }

    func rollup(_ frame: Frame, to: LevelID, rules: [String: RollupMethod]) throws(QueryFailure) -> Frame {
        guard let from = frame.level, let m = snapshot.membership(from: from, to: to) else { return frame }
        let r = Rollup(snapshot: snapshot, membership: m, childRows: frame.rows)
        var out = Frame(level: to, rows: r.parents, axis: frame.axis, window: frame.window)
        out.warnings = frame.warnings
        let everyRow = frame.count == snapshot[level: from].count
        let checker = Checker(snapshot: snapshot)
        for c in frame.columns {
            guard let id = c.indicator, case .series(let d) = c.data else { continue }
            let method = rules[c.name] ?? .rule(snapshot[indicator: id].aggregate)
            // Every row, the indicator's own data, its catalog rule: the snapshot's memoised
            // roll-up from the level where it is stored, which is exact where that level is finer
            // (not when the rows hold published values: their sum is not the finer level's).
            if everyRow, c.pristine, rules[c.name] == nil, let axis = frame.axis, case .rolledUp? = checker.route(of: id, to: to),
               case .rolledUp(let stored)? = checker.route(of: id, to: to), checker.route(of: id, to: from)?.isPublished != true {
                let full = try indicatorSeries(id, route: .rolledUp(from: stored), level: to, axis: axis)
                out.set(FrameColumn(name: c.name, type: c.type, indicator: id, data: .series(full.gathering(r.parents)), pristine: true))
                continue
            }
            guard case .rule(let rule) = method else {
                if case .order(let fn) = method {
                    let rolled = r.orderStatistic(fn, Evaluator.NumberReader(vector: .series(d)), periods: frame.periods)
                    out.set(FrameColumn(name: c.name, type: c.type, indicator: id, data: .series(rolled)))
                }
                continue
            }
            let rolled = try rollUpIndicator(id, rule: rule, rollup: r, childFrame: frame, existing: d)
            out.set(FrameColumn(name: c.name, type: c.type, indicator: id, data: .series(rolled)))
            if case .mean = rule {
                out.warnings.append(.warning(.approximateRollup, "`\(c.name)` is rolled up as a weighted mean: approximate",
                                             help: "a weighted mean of medians or rates is not the value of the union"))
            }
        }
        if r.approximate {
            out.warnings.append(.warning(.approximateRollup, "some \(snapshot[level: from].name) belong partly to several \(snapshot[level: to].name): their values are split by population share, marked `approx`",
                                         help: "roll up from a finer level for exact sums"))
        }
        let totalParents = m.parentCount
        out.coverage = Coverage(rowsComplete: r.parents.count, rowsTotal: totalParents)
        return out
    }

    func fill(_ c: FrameColumn, _ method: FillMethod, _ f: Frame) -> FrameColumn {
        let r = Evaluator.NumberReader(vector: c.data)
        let n = f.count, t = f.periods
        var values = [Double](repeating: .nan, count: n * t)
        var st = [ObservationStatus](repeating: .missing, count: n * t)
        let vis = f.visible
        for i in 0..<n {
            for p in 0..<t { (values[i * t + p], st[i * t + p]) = r.get(i, p) }
            for (j, p) in vis.enumerated() where values[i * t + p].isNaN {
                let prev = vis[..<j].last { !values[i * t + $0].isNaN }
                let next = vis[(j + 1)...].first { !r.get(i, $0).0.isNaN }
                var v = Double.nan
                switch method {
                case .constant(let x): v = x
                case .previous: if let q = prev { v = values[i * t + q] }
                case .next: if let q = next { v = r.get(i, q).0 }
                case .linear:
                    if let a = prev, let b = next {
                        let va = values[i * t + a], vb = r.get(i, b).0
                        v = va + (vb - va) * Double(p - a) / Double(b - a)
                    }
                }
                if !v.isNaN { values[i * t + p] = v; st[i * t + p] = .imputed }
            }
        }
        var out = c
        out.data = .series(SeriesData(values: values, periods: t, statuses: st))
        return out
    }

    /// Sort keys per row: numbers or texts, absent last.
    /// A series sorts by its value in the single visible period (the checker allows no other case).
    func sortKey(_ v: Vector, _ f: Frame) -> [KeyValue] {
        if case .series(let d) = v, let p = f.visible.first {
            return (0..<f.count).map { i in let x = d.value(i, p); return x.isNaN ? .absent : .number(x) }
        }
        return keyValues(v, count: f.count)
    }

    func top(_ frame: Frame, n: Int, key: TypedExpr, descending: Bool) throws(QueryFailure) -> Frame {
        let keys = sortKey(try evaluator.eval(key, frame), frame)
        var kept = (0..<frame.count).filter { keys[$0] != .absent }
        let dropped = frame.count - kept.count
        let codes = frame.level.map { snapshot[level: $0].codes }
        kept.sort { a, b in
            if keys[a] != keys[b] { return descending ? keys[b] < keys[a] : keys[a] < keys[b] }
            if let codes { return codes[frame.rows[a]] < codes[frame.rows[b]] }
            return a < b
        }
        var out = frame
        if dropped > 0 {
            out.warnings.append(.warning(.missingValuesDropped, "\(dropped) \(rowNoun(frame, dropped)) dropped for a missing value of the ranking key", at: key.span,
                                         help: "state it explicitly with `| where complete(…)` before ranking"))
        }
        out.select(Array(kept.prefix(n)))
        return out
    }

    func sort(_ frame: Frame, keys: [(TypedExpr, Bool)]) throws(QueryFailure) -> Frame {
        var columns: [[KeyValue]] = []
        for (e, _) in keys { columns.append(sortKey(try evaluator.eval(e, frame), frame)) }
        let order = (0..<frame.count).sorted { a, b in
            for (k, (_, desc)) in keys.enumerated() {
                let x = columns[k][a], y = columns[k][b]
                if x == y { continue }
                if x == .absent { return false }
                if y == .absent { return true }
                return desc ? y < x : x < y
            }
            return a < b
        }
        try evaluator.checkCancellation()
        var out = frame
        out.select(order)
        return out
    }
}
