import TIQCore
import TIQLanguage
import TIQStore

/// Runs a checked plan over a snapshot, stage by stage, producing the final frame.
struct Executor {
    let snapshot: Snapshot
    /// What the engine keeps between queries over this snapshot (roll-ups, whole-level rows):
    /// the cache of the `Engine` that runs it.
    let cache: EngineCache
    /// The answer's cell limit; intermediate frames may hold `workingCellFactor` times it.
    var maxCells: Int = .max
    var evaluator: Evaluator { Evaluator(snapshot: snapshot, cache: cache) }

    /// An executor with a cache of its own, which keeps nothing past it: for code that runs a
    /// stage outside an `Engine` (tests). An engine passes its cache instead.
    init(snapshot: Snapshot, maxCells: Int = .max) {
        self.init(snapshot: snapshot, cache: EngineCache(), maxCells: maxCells)
    }

    /// An executor reading and filling `cache`, the cache of the engine that runs it.
    init(snapshot: Snapshot, cache: EngineCache, maxCells: Int = .max) {
        self.snapshot = snapshot
        self.cache = cache
        self.maxCells = maxCells
    }

    func run(_ plan: Plan) throws(QueryFailure) -> (Frame, Layout?) {
        var frame = Frame(level: nil, rows: [], axis: nil)
        var layout: Layout?
        for stage in plan.stages {
            try evaluator.checkCancellation()
            switch stage {
            case .from(let indicators, let level, let axis):
                frame = Frame(level: level, rows: wholeLevelRows(level), axis: axis)
                frame.isWholeLevel = true
                for (id, route) in indicators {
                    let info = snapshot[indicator: id]
                    let data = try indicatorSeries(id, route: route, level: level, axis: axis)
                    let checker = Checker(snapshot: snapshot)
                    frame.set(FrameColumn(name: info.code, type: checker.indicatorType(info), indicator: id, data: .series(data), pristine: true))
                    if let from = route.rolledFrom, let m = snapshot.membership(from: from, to: level),
                       m.exact.cardinality < m.parentCount {
                        frame.warnings.append(.warning(.approximateRollup, "`\(info.code)` is rolled up from `\(snapshot[level: from].name)` to `\(snapshot[level: level].name)` with fractional memberships for some territories",
                                                       help: "cells computed with partial memberships carry the status `approx`"))
                    }
                }
            case .territories(let level):
                frame = Frame(level: level, rows: wholeLevelRows(level), axis: nil)
                frame.isWholeLevel = true
            case .lookup(let text, let level, let limit):
                frame = lookup(text, level: level, limit: limit)
            case .filter(let e):
                if let level = frame.level, let bits = BitsetPredicate(snapshot: snapshot, level: level).evaluate(e) {
                    let (t, u) = (bits.isTrue, bits.unknown)
                    // Attribute-only predicate: bitset algebra, then keep the frame rows in it.
                    // Whole level in code order: the kept positions are the set bits themselves.
                    let keep = frame.isWholeLevel
                        ? t.rows : (0..<frame.count).filter { t.contains(frame.rows[$0]) }
                    let unknown = frame.isWholeLevel ? u.cardinality : frame.rows.reduce(0) { $0 + (u.contains($1) ? 1 : 0) }
                    if unknown > 0 {
                        frame.warnings.append(.warning(.absentValuesDropped, "\(unknown) \(rowNoun(frame, unknown)) dropped by `where` because a value it tests is absent",
                                                       at: e.span, help: "absent values are never compared as 0; test them explicitly"))
                    }
                    frame.select(keep)
                    break
                }
                let v = try evaluator.eval(e, frame)
                guard case .bools(let b) = v else { break }
                var keep: [Int] = []
                keep.reserveCapacity(frame.count)
                var unknown = 0
                for i in 0..<b.count {
                    if b[i] == 1 { keep.append(i) } else if b[i] == 2 { unknown += 1 }
                }
                if unknown > 0 {
                    frame.warnings.append(.warning(.absentValuesDropped, "\(unknown) \(rowNoun(frame, unknown)) dropped by `where` because a value it tests is absent",
                                                   at: e.span, help: "absent values are never compared as 0; test them explicitly with `complete(…)`"))
                }
                let incomplete = try incompleteRows(e, frame, kept: keep)
                frame.coverage = Coverage(rowsComplete: keep.count,
                                          rowsTotal: keep.count + unknown + incomplete + ((frame.coverage.map { $0.rowsTotal - $0.rowsComplete }) ?? 0))
                frame.select(keep)
            case .sectors(let selection):
                try selectSectors(&frame, selection)
            case .window(let positions):
                frame.window = positions
            case .derive(let bindings):
                for (name, e) in bindings {
                    try checkWorkingCells(frame)
                    let v = try evaluator.eval(e, frame)
                    frame.warnings += try shareSignWarnings(e, name: name, frame)
                    frame.set(FrameColumn(name: name, type: e.type, indicator: nil, data: v))
                }
            case .aggregate(let bindings, let keys):
                frame = try aggregate(frame, bindings: bindings, keys: keys)
            case .rollup(let to, let rules):
                frame = try rollup(frame, to: to, rules: rules)
            case .compare(let flag, let value):
                frame = try Comparison(executor: self).compare(frame, flag: flag, value: value)
            case .did(let flag, let pre, let post, let preValue, let postValue):
                frame = try Comparison(executor: self).did(frame, flag: flag, pre: pre, post: post, preValue: preValue, postValue: postValue)
            case .inference(let plan):
                frame = try Comparison(executor: self).inference(frame, plan)
            case .fill(let names, let method):
                for name in names { if let c = frame.column(name) { var filled = fill(c, method, frame); filled.pristine = false; frame.set(filled) } }
            case .top(let n, let key, let descending):
                frame = try top(frame, n: n, key: key, descending: descending)
            case .sort(let keys):
                frame = try sort(frame, keys: keys)
            case .limit(let n):
                if frame.count > n { frame.select(Array(0..<n)) }
            case .show(let bindings, let l):
                var cols: [FrameColumn] = []
                for (name, e) in bindings {
                    let v = try evaluator.eval(e, frame)
                    var col = FrameColumn(name: name, type: e.type, indicator: nil, data: v)
                    // A column shown as it is keeps what it is (the source of its cells).
                    if case .column(let n) = e.kind, let source = frame.column(n) { (col.indicator, col.pristine) = (source.indicator, source.pristine) }
                    cols.append(col)
                }
                frame.columns = cols
                layout = l
                frame.shown = true
            case .pivot(let plan):
                frame = try pivot(frame, plan)
            }
            try checkWorkingCells(frame)
        }
        return (frame, layout)
    }

    /// Every row of `level`, 0..<count: one shared array per snapshot and level, so that a
    /// query on 35,000 communes does not fill a fresh one each time.
    func wholeLevelRows(_ level: LevelID) -> [Int] {
        cache.wholeLevels.value(level) { Array(0..<snapshot[level: level].count) }
    }

    func rowNoun(_ f: Frame, _ n: Int) -> String {
        guard let l = f.level else { return n == 1 ? "row" : "rows" }
        let name = snapshot[level: l].name
        return n == 1 ? name : (name.hasSuffix("s") ? name : name + (name == "epci" || name == "france" ? "" : "s"))
    }

    /// The series of indicator `id` at `level`, stored or rolled up, on `axis`.
    func indicatorSeries(_ id: IndicatorID, route: IndicatorRoute, level: LevelID, axis: PeriodAxis?) throws(QueryFailure) -> SeriesData {
        guard let axis else { return SeriesData(values: [], periods: 0, statuses: nil) }
        switch route {
        case .stored:
            guard let col = snapshot.column(id, at: level) else { return SeriesData(values: [], periods: 0, statuses: nil) }
            return Self.view(col, on: axis)
        case .published(let from):
            return try publishedSeries(id, rolledFrom: from, level: level, axis: axis)
        case .rolledUp(let from):
            // Rolled-up columns depend only on the snapshot: computed once, kept in the engine's cache.
            let key = EngineCache.SeriesKey(kind: .rollUp, indicator: id, from: from, to: level, axis: axis)
            return try cache.series.value(key) { () throws(QueryFailure) -> SeriesData in
                try rollUpStored(id, from: from, level: level, axis: axis)
            }
        }
    }

    /// Rolls a stored column up to `level` for every territory of it (parents with no child stay absent).
    func rollUpStored(_ id: IndicatorID, from: LevelID, level: LevelID, axis: PeriodAxis) throws(QueryFailure) -> SeriesData {
        // Not cancellable: a memoised value must be whole, whoever asked first.
        guard let m = snapshot.membership(from: from, to: level) else {
            throw QueryFailure(kind: .execution, diagnostics: [.error(.internalError, "internal: no membership for a planned roll-up")])
        }
        let childFrame = Frame(level: from, rows: Array(0..<snapshot[level: from].count), axis: axis)
        let r = Rollup(snapshot: snapshot, membership: m, childRows: childFrame.rows)
        let rolled = try rollUpIndicator(id, rule: snapshot[indicator: id].aggregate, rollup: r, childFrame: childFrame)
        // Spread onto every row of the level (parents with no child stay absent).
        let n = snapshot[level: level].count, t = axis.count
        var values = [Double](repeating: .nan, count: n * t)
        var st = [ObservationStatus](repeating: .missing, count: n * t)
        for (pi, p) in r.parents.enumerated() {
            for q in 0..<t { values[p * t + q] = rolled.value(pi, q); st[p * t + q] = rolled.status(pi, q) }
        }
        return SeriesData(values: values, periods: t, statuses: st)
    }

    /// A view of a stored column on the frame axis, without copying its values.
    static func view(_ col: Column, on axis: PeriodAxis) -> SeriesData {
        SeriesData(values: col.values, stride: col.axis.count, offset: Int(col.axis.start - axis.start), rowMap: nil,
                   statuses: col.status.cells.isEmpty ? .none : .sparse(col.status))
    }

    /// Rolls indicator `id` up from the rows of `childFrame` by `rule`.
    func rollUpIndicator(_ id: IndicatorID, rule: AggregateRule, rollup r: Rollup, childFrame: Frame,
                         existing: SeriesData? = nil) throws(QueryFailure) -> SeriesData {
        let t = childFrame.periods
        func childSeries(_ code: String) throws(QueryFailure) -> SeriesData {
            if let c = childFrame.column(code), case .series(let d) = c.data { return d }
            guard let pid = snapshot.indicatorByCode[code], let lvl = childFrame.level,
                  let route = Checker(snapshot: snapshot).route(of: pid, to: lvl) else {
                throw QueryFailure(kind: .execution, diagnostics: [.error(.impossibleRollup, "cannot roll up `\(snapshot[indicator: id].code)`: its part `\(code)` has no data at this level")])
            }
            let full = try indicatorSeries(pid, route: route, level: lvl, axis: childFrame.axis)
            return full.gathering(childFrame.rows)
        }
        switch rule {
        case .sum:
            let x: SeriesData
            if let existing { x = existing } else { x = try childSeries(snapshot[indicator: id].code) }
            return r.sum(Evaluator.NumberReader(vector: .series(x)), periods: t)
        case .ratio(let num, let den):
            let a = r.sum(Evaluator.NumberReader(vector: .series(try childSeries(num))), periods: t)
            let b = r.sum(Evaluator.NumberReader(vector: .series(try childSeries(den))), periods: t)
            return Rollup.divide(a, b, rows: r.parents.count, periods: t)
        case .mean(let weight):
            let x: SeriesData
            if let existing { x = existing } else { x = try childSeries(snapshot[indicator: id].code) }
            var w: [Double]?
            if let weight, let lvl = childFrame.level, case .number(let v)? = snapshot[level: lvl].attribute(weight)?.column {
                w = childFrame.rows.map { v[$0] }
            }
            return r.mean(Evaluator.NumberReader(vector: .series(x)), periods: t, weights: w)
        case .none:
            throw QueryFailure(kind: .type, diagnostics: [.error(.impossibleRollup, "`\(snapshot[indicator: id].code)` cannot be rolled up: its catalog rule is `none`")])
        }
    }

    func lookup(_ text: String, level: LevelID?, limit: Int) -> Frame {
        let matches = Engine(snapshot: snapshot).lookup(text, level: level, limit: limit)
        var f = Frame(level: nil, rows: Array(0..<matches.count), axis: nil)
        f.columns = [
            FrameColumn(name: "level", type: .text, data: .texts(matches.map { snapshot[level: $0.level].name })),
            FrameColumn(name: "code", type: .text, data: .texts(matches.map { snapshot[level: $0.level].codes[$0.row] })),
            FrameColumn(name: "name", type: .text, data: .texts(matches.map { snapshot[level: $0.level].names[$0.row] })),
            FrameColumn(name: "label", type: .text, data: .texts(matches.map { $0.label })),
            FrameColumn(name: "score", type: .number(.none), data: .numbers(matches.map { $0.score }, nil)),
        ]
        return f
    }
}
