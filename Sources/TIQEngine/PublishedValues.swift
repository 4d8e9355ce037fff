import TIQCore
import TIQLanguage
import TIQStore

/// Values published at several levels (protocol.md, "Published values and their parts").
///
/// Statistics are published at every level, with secrets at the finest: a département total
/// is published even when some of its communes are secret. An indicator stored at a level and
/// at a finer one reads, at that level, the published value where one is present and the
/// roll-up elsewhere (`IndicatorRoute.published`). `published(x)` and `parts(x)` read the two
/// sides apart, so that `published(x) - parts(x)` is the mass hidden below the level.
enum LevelSourceFunction: String, Sendable, CaseIterable {
    /// The value stored at the frame's level, absent where none is published.
    case published
    /// The sum of the present values of the parts, from the finest finer level where the
    /// indicator is stored; `partial` when some part is absent.
    case parts

    /// The signature shown by diagnostics, completion and hover.
    var signature: String {
        switch self {
        case .published: "published(indicator) → series: the value published at the frame's level (absent where none is)"
        case .parts: "parts(indicator) → series: the sum of the present values of its parts at the finest stored level (partial when some are absent)"
        }
    }
}

/// Where the value of an answer's cell comes from, for an indicator read by `from` at a level
/// where some of its values are published.
public enum CellSource: UInt8, Sendable, Hashable, CustomStringConvertible {
    /// The value stored at the row's level in `observations.csv`.
    case published
    /// Computed by rolling up the indicator from a finer level (no published value there).
    case rolled

    /// `published` or `rolled`, as on the wire.
    public var description: String {
        switch self {
        case .published: "published"
        case .rolled: "rolled"
        }
    }
}

extension Executor {
    /// Every row of `level` on `axis`: the published value where present, else the roll-up from `from`.
    func publishedSeries(_ id: IndicatorID, rolledFrom from: LevelID, level: LevelID, axis: PeriodAxis) throws(QueryFailure) -> SeriesData {
        let key = EngineCache.SeriesKey(kind: .published, indicator: id, from: from, to: level, axis: axis)
        return try cache.series.value(key) { () throws(QueryFailure) -> SeriesData in
            let rolled = try indicatorSeries(id, route: .rolledUp(from: from), level: level, axis: axis)
            guard let col = snapshot.column(id, at: level) else { return rolled }
            let stored = Self.view(col, on: axis)
            let n = snapshot[level: level].count, t = axis.count
            var values = [Double](repeating: .nan, count: n * t)
            var statuses = [ObservationStatus](repeating: .missing, count: n * t)
            for r in 0..<n {
                for q in 0..<t {
                    let k = r * t + q, v = stored.value(r, q)
                    if v.isNaN {
                        values[k] = rolled.value(r, q)
                        statuses[k] = rolled.status(r, q)
                    } else {
                        values[k] = v
                        statuses[k] = stored.status(r, q)
                    }
                }
            }
            return SeriesData(values: values, periods: t, statuses: statuses)
        }
    }

    /// Every row of `level` on `axis`: the sum of the present values of its parts at `from`,
    /// weighted by membership. `partial` when a part is absent (other than `na`), `approx` for
    /// fractional memberships; absent when no part is present.
    func partsSeries(_ id: IndicatorID, from: LevelID, level: LevelID, axis: PeriodAxis) -> SeriesData {
        let key = EngineCache.SeriesKey(kind: .parts, indicator: id, from: from, to: level, axis: axis)
        return cache.series.value(key) { () -> SeriesData in
            let n = snapshot[level: level].count, t = axis.count
            var values = [Double](repeating: .nan, count: n * t)
            var statuses = [ObservationStatus](repeating: .missing, count: n * t)
            guard let m = snapshot.membership(from: from, to: level), let col = snapshot.column(id, at: from) else {
                return SeriesData(values: values, periods: t, statuses: statuses)
            }
            let child = Self.view(col, on: axis)
            for p in 0..<min(n, m.parentCount) {
                for q in 0..<t {
                    var sum = 0.0, present = 0, skipped = false, fractional = false
                    var absence: ObservationStatus?
                    for k in m.range(of: p) {
                        let c = Int(m.children[k]), w = Double(m.weights[k])
                        let v = child.value(c, q)
                        if v.isNaN {
                            let s = child.status(c, q)
                            if s != .notApplicable {
                                skipped = true
                                absence = ObservationStatus.combineAbsence(absence ?? s, s)
                            }
                            continue
                        }
                        sum += w * v
                        present += 1
                        if w < 1 - 1e-9 { fractional = true }
                    }
                    let cell = p * t + q
                    if present > 0 {
                        values[cell] = sum
                        statuses[cell] = skipped ? .partial : fractional ? .approx : .ok
                    } else if let absence {
                        statuses[cell] = absence
                    } else {
                        statuses[cell] = .notApplicable
                    }
                }
            }
            return SeriesData(values: values, periods: t, statuses: statuses)
        }
    }

    /// The finest level finer than `level` where `id` is stored and that reaches `level`.
    func partsLevel(of id: IndicatorID, below level: LevelID) -> LevelID? {
        Self.partsLevel(of: id, below: level, in: snapshot)
    }

    /// The finest level finer than `level` where `id` is stored in `snapshot` and that reaches `level`.
    static func partsLevel(of id: IndicatorID, below level: LevelID, in snapshot: Snapshot) -> LevelID? {
        snapshot.storedLevels(of: id).first { $0 != level && snapshot.membership(from: $0, to: level) != nil }
    }
}

extension Checker {
    /// Checks `published(x)` and `parts(x)`: `x` is a catalog indicator of the data's frequency,
    /// the rows are territories, and the indicator is stored at (published) or below (parts) their level.
    mutating func checkLevelSource(_ f: LevelSourceFunction, _ fn: Identifier, _ args: [Argument], span: SourceSpan,
                                   insideAggregate: Bool) -> TypedExpr? {
        guard args.count == 1, args[0].label == nil, case .name(let code) = args[0].value.kind else {
            error(.wrongArguments, "`\(f.rawValue)` takes one argument: an indicator of the catalog", at: span, help: f.signature)
            return nil
        }
        let argSpan = args[0].value.span
        guard let id = snapshot.indicatorByCode[code] else {
            let sugg = EditDistance.suggestions(for: code, among: snapshot.indicators.map(\.code))
            error(.unknownIndicator, "unknown indicator `\(code)`", at: argSpan, label: "not in the catalog",
                  help: sugg.first.map { "did you mean `\($0)`?" } ?? "`catalog` lists the indicators")
            return nil
        }
        if case .group = stageContext, !insideAggregate {
            error(.aggregateRequired, "`\(f.rawValue)(\(code))` has one value per territory; here it needs an aggregate", at: span,
                  help: "wrap it in an aggregate such as `sum(…)`")
            return nil
        }
        guard let level = schema.level else {
            error(.territoriesRequired, "`\(f.rawValue)` needs territories, but the rows are groups here", at: span,
                  help: "use it before `agg`, `compare` or `did`")
            return nil
        }
        let info = snapshot[indicator: id]
        guard let frequency = schema.frequency, schema.axis != nil else {
            error(.seriesRequired, "`\(f.rawValue)` reads a series, but the frame has no period axis", at: span,
                  help: "start from the indicator: `from \(code) at \(snapshot[level: level].name) | derive …`")
            return nil
        }
        guard frequency == info.frequency else {
            error(.mixedFrequencies, "`\(code)` is \(name(info.frequency)) but the frame is \(name(frequency))", at: argSpan,
                  help: "query indicators of one frequency at a time")
            return nil
        }
        let stored = snapshot.storedLevels(of: id).map { snapshot[level: $0].name }.joined(separator: ", ")
        switch f {
        case .published:
            guard snapshot.column(id, at: level) != nil else {
                error(.noDataAtLevel, "`\(code)` has no published value at level `\(snapshot[level: level].name)`", at: argSpan,
                      label: "stored at \(stored)", help: "`parts(\(code))` gives the sum of its parts here")
                return nil
            }
        case .parts:
            guard case .sum = info.aggregate else {
                error(.impossibleRollup, "`parts(\(code))` needs an additive indicator, but its catalog rule is `\(info.aggregate)`", at: argSpan,
                      help: "use it on the additive parts (for a ratio, its numerator and denominator)")
                return nil
            }
            guard Executor.partsLevel(of: id, below: level, in: snapshot) != nil else {
                error(.noDataAtLevel, "`\(code)` has no parts below level `\(snapshot[level: level].name)`", at: argSpan,
                      label: "stored at \(stored)", help: "`parts` sums a finer level where the indicator is stored")
                return nil
            }
        }
        return TypedExpr(kind: .levelSource(f, id), type: indicatorType(info), span: span)
    }
}

extension Evaluator {
    /// `published(x)` or `parts(x)` for the rows of `f`.
    func levelSource(_ fn: LevelSourceFunction, _ id: IndicatorID, _ f: Frame) -> Vector {
        let executor = Executor(snapshot: snapshot, cache: cache)
        guard let level = f.level, let axis = f.axis else {
            return .series(SeriesData(values: [], periods: 0, statuses: nil))
        }
        switch fn {
        case .published:
            guard let col = snapshot.column(id, at: level) else {
                return .series(SeriesData(values: [Double](repeating: .nan, count: f.count * axis.count), periods: axis.count, statuses: nil))
            }
            return .series(Executor.view(col, on: axis).gathering(f.rows))
        case .parts:
            guard let from = executor.partsLevel(of: id, below: level) else {
                return .series(SeriesData(values: [Double](repeating: .nan, count: f.count * axis.count), periods: axis.count, statuses: nil))
            }
            return .series(executor.partsSeries(id, from: from, level: level, axis: axis).gathering(f.rows))
        }
    }
}

extension ResultBuilder {
    /// The source of every visible cell of `c`, row-major like its values, when `c` is an
    /// indicator as `from` read it at a level where it is both published and rolled up; nil
    /// for every other column.
    func cellSources(_ c: FrameColumn, frame: Frame, visible: [Int]) -> [CellSource]? {
        guard c.pristine, let id = c.indicator, let level = frame.level, let axis = frame.axis,
              case .published? = Checker(snapshot: snapshot).route(of: id, to: level),
              let col = snapshot.column(id, at: level) else { return nil }
        let stored = Executor.view(col, on: axis)
        var out: [CellSource] = []
        out.reserveCapacity(frame.count * visible.count)
        for r in frame.rows {
            for p in visible { out.append(stored.value(r, p).isNaN ? .rolled : .published) }
        }
        return out
    }
}

extension ResultTable {
    /// A note (W410) for every column that mixes published values and roll-ups, counting each,
    /// so that every rendering of the answer says it; `sources` says which cell is which.
    static func provenanceNotes(_ columns: [ResultColumn]) -> [Diagnostic] {
        columns.compactMap { c in
            guard let sources = c.sources else { return nil }
            let rolled = sources.reduce(0) { $0 + ($1 == .rolled ? 1 : 0) }
            guard rolled > 0, rolled < sources.count else { return nil }
            let published = sources.count - rolled
            return Diagnostic(.mixedSources,
                              message: "`\(c.name)`: \(published) cell\(published == 1 ? " is a published value" : "s are published values"), \(rolled) \(rolled == 1 ? "is" : "are") rolled up from a finer level where none is published",
                              help: "`published(\(c.name))` and `parts(\(c.name))` read the two apart")
        }
    }
}
