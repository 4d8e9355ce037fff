import TIQCore
import TIQLanguage
import TIQStore

/// Resolves names and checks types and units of a parsed query against a snapshot, stage by
/// stage, producing a `Plan` (or every diagnostic found: names E2xx, types and units E3xx).
///
/// The checker never reads a value of a series: `check`, `complete` and `explain` use it
/// without evaluating anything.
struct Checker {
    let snapshot: Snapshot
    var diagnostics: [Diagnostic] = []
    var schema = Schema()
    /// Where the current `period` window was set, for messages.
    var stageContext: StageContext = .row
    /// Whether every stage so far is the source or a `where naf` (issue 16: sectors are chosen first).
    var onlySectorStagesSoFar = true
    /// Whether a `where naf` stage was already planned: a second one would replace the first
    /// selection rather than narrow it, so it is refused (E317).
    var sectorsSelected = false

    /// Which expressions a stage allows.
    enum StageContext {
        /// Row-level: no aggregate (where, top, sort, show on territories).
        case row
        /// `derive`: row-level plus window functions.
        case derive
        /// `agg`, `compare`, `did`: aggregates, and row-level only inside them.
        case group(keys: Set<String>, implied: (Period, Period)?)
    }

    init(snapshot: Snapshot) { self.snapshot = snapshot }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    mutating func error(_ code: DiagnosticCode, _ message: String, at span: SourceSpan, label: String? = nil,
                        help: String? = nil, suggestions: [Suggestion] = [], expected: [String] = []) {
        var d = Diagnostic.error(code, message, at: span, label: label, help: help)
        d.suggestions = suggestions
        d.expected = expected
        diagnostics.append(d)
    }

    // MARK: - Query

    /// Checks `query`, returning the plan; errors are in `diagnostics`.
    mutating func check(_ query: Query) -> Plan {
        var stages: [PlannedStage] = []
        guard let source = checkSource(query.source) else {
            return Plan(stages: [], schema: schema, warnings: [])
        }
        stages.append(source)
        for stage in query.stages {
            defer { if case .where(let e) = stage.kind, testsSectors(e) {} else { onlySectorStagesSoFar = false } }
            let before = diagnostics.count
            if let planned = checkStage(stage) { stages.append(planned) }
            if diagnostics.count > before && diagnostics[before...].contains(where: { $0.severity == .error }) {
                // Keep checking later stages against the schema as it stands.
                continue
            }
        }
        return Plan(stages: stages, schema: schema, warnings: diagnostics.filter { $0.severity != .error })
    }

    // MARK: - Source

    mutating func checkSource(_ source: SourceClause) -> PlannedStage? {
        switch source.kind {
        case .territories(let levelName):
            guard let level = resolveLevel(levelName, default: snapshot.levels.first?.id, span: source.span) else { return nil }
            schema.level = level
            return .territories(level: level)
        case .lookup(let text, let levelName, let limit):
            var level: LevelID?
            if let levelName { level = resolveLevel(levelName, default: nil, span: levelName.span) }
            schema.level = nil
            schema.columns = [
                SchemaColumn(name: "level", type: .text), SchemaColumn(name: "code", type: .text),
                SchemaColumn(name: "name", type: .text), SchemaColumn(name: "label", type: .text),
                SchemaColumn(name: "score", type: .number(.none)),
            ]
            return .lookup(text.value, level: level, limit: max(1, limit ?? 10))
        case .from(let names, let levelName):
            var ids: [IndicatorID] = []
            for name in names {
                if let id = snapshot.indicatorByCode[name.name] {
                    if ids.contains(id) {
                        error(.badNamedArgument, "indicator `\(name.name)` is listed twice", at: name.span, help: "list each indicator once")
                    } else {
                        ids.append(id)
                    }
                } else {
                    let levelFilter = levelName.flatMap { snapshot.levelByName[$0.name] }
                    let candidates = snapshot.indicators.map(\.code).filter { code in
                        guard let l = levelFilter, let id = snapshot.indicatorByCode[code] else { return true }
                        return availableLevels(of: id).contains(l)
                    }
                    let sugg = EditDistance.suggestions(for: name.name, among: candidates)
                    error(.unknownIndicator, "unknown indicator `\(name.name)`", at: name.span, label: "not in the catalog",
                          help: sugg.first.map { "did you mean `\($0)` (\(describe(snapshot.indicatorByCode[$0]!)))?" }
                            ?? "`catalog` lists the indicators",
                          suggestions: sugg.map { Suggestion(label: $0, replacement: $0, span: name.span) },
                          expected: ["an indicator"])
                }
            }
            guard !ids.isEmpty else { return nil }
            let level: LevelID
            if let levelName {
                guard let l = resolveLevel(levelName, default: nil, span: levelName.span) else { return nil }
                level = l
            } else {
                // The finest level where every indicator is stored.
                let common = snapshot.levels.map(\.id).filter { l in ids.allSatisfy { snapshot.column($0, at: l) != nil } }
                guard let l = common.first ?? ids.compactMap({ snapshot.storedLevels(of: $0).first }).max() else {
                    error(.noDataAtLevel, "no level holds data for every indicator listed", at: source.span,
                          help: "add `at <level>` to choose one")
                    return nil
                }
                level = l
            }
            var routed: [(IndicatorID, IndicatorRoute)] = []
            var frequency: Frequency?
            var axis: PeriodAxis?
            for (i, id) in ids.enumerated() {
                let info = snapshot[indicator: id]
                guard let route = route(of: id, to: level) else {
                    let levels = availableLevels(of: id).map { snapshot[level: $0].name }
                    error(.noDataAtLevel, "`\(info.code)` has no data at level `\(snapshot[level: level].name)`", at: names[i].span,
                          label: levels.isEmpty ? "no data loaded" : "exists at \(levels.joined(separator: ", "))",
                          help: levels.isEmpty ? nil : "use `at \(levels[0])`, or roll up later with `| rollup to …`")
                    continue
                }
                routed.append((id, route))
                if let f = frequency, f != info.frequency {
                    error(.mixedFrequencies, "`\(info.code)` is \(name(info.frequency)) but `\(snapshot[indicator: ids[0]].code)` is \(name(f))",
                          at: names[i].span, help: "query indicators of one frequency at a time")
                    continue
                }
                frequency = info.frequency
                let storedLevel: LevelID
                switch route {
                case .stored: storedLevel = level
                case .rolledUp(let from): storedLevel = from
                case .published(let from):
                    storedLevel = from
                    if let col = snapshot.column(id, at: level) { axis = union(axis, col.axis) }
                }
                if let col = snapshot.column(id, at: storedLevel) { axis = union(axis, col.axis) }
                schema.columns.append(SchemaColumn(name: info.code, type: indicatorType(info), indicator: id))
            }
            schema.level = level
            schema.frequency = frequency
            schema.axis = axis
            return .from(routed, level: level, axis: axis)
        }
    }

    func indicatorType(_ info: IndicatorInfo) -> ExprType {
        var additive = false
        if case .sum = info.aggregate { additive = true }
        return .number(info.unit, .series, additive: additive && !info.unit.isPercentLike)
    }

    func name(_ f: Frequency) -> String {
        switch f {
        case .annual: "annual"
        case .semester: "half-yearly"
        case .quarter: "quarterly"
        case .monthly: "monthly"
        }
    }

    func union(_ a: PeriodAxis?, _ b: PeriodAxis) -> PeriodAxis {
        guard let a, a.frequency == b.frequency else { return b }
        let start = min(a.start, b.start)
        let end = max(a.start + Int32(a.count), b.start + Int32(b.count))
        return PeriodAxis(frequency: a.frequency, start: start, count: Int(end - start))
    }

    /// How indicator `id` reaches `level`: stored there (and, when it is also stored at a finer
    /// level, completed by the roll-up from there where no value is published), or rolled up
    /// from the finest finer level.
    func route(of id: IndicatorID, to level: LevelID) -> IndicatorRoute? {
        let stored = snapshot.column(id, at: level) != nil
        if case .none = snapshot[indicator: id].aggregate { return stored ? .stored : nil }
        for l in snapshot.storedLevels(of: id) where l != level && snapshot.membership(from: l, to: level) != nil {
            return stored ? .published(rolledFrom: l) : .rolledUp(from: l)
        }
        return stored ? .stored : nil
    }

    /// The levels where `id` can be queried.
    func availableLevels(of id: IndicatorID) -> [LevelID] {
        snapshot.levels.map(\.id).filter { route(of: id, to: $0) != nil }
    }

    func describe(_ id: IndicatorID) -> String {
        let info = snapshot[indicator: id]
        var parts = [info.name]
        if !info.unit.isNone { parts.append(info.unit.symbol) }
        let levels = availableLevels(of: id).map { snapshot[level: $0].name }
        if !levels.isEmpty { parts.append(levels.joined(separator: ", ")) }
        if let l = snapshot.storedLevels(of: id).first, let c = snapshot.column(id, at: l), let a = c.axis.first, let b = c.axis.last {
            parts.append("\(a)–\(b)")
        }
        return parts.joined(separator: " · ")
    }

    mutating func resolveLevel(_ name: Identifier?, default fallback: LevelID?, span: SourceSpan) -> LevelID? {
        guard let name else {
            if fallback == nil { error(.unknownLevel, "no level given", at: span, help: "add `at <level>`") }
            return fallback
        }
        if let l = snapshot.levelByName[name.name] { return l }
        let names = snapshot.levels.map(\.name)
        let sugg = EditDistance.suggestions(for: name.name, among: names)
        error(.unknownLevel, "unknown level `\(name.name)`", at: name.span, label: "not a level of this dataset",
              help: "levels are " + names.map { "`\($0)`" }.joined(separator: ", "),
              suggestions: sugg.map { Suggestion(label: $0, replacement: $0, span: name.span) }, expected: ["a level"])
        return nil
    }
}
