import TIQCore
import TIQLanguage
import TIQStore

extension Engine {
    /// Parses, checks and evaluates `text`. Synchronous; checks `Task.isCancelled` in long loops
    /// and throws `QueryFailure.cancelled` when the surrounding task is cancelled.
    public func run(_ text: String, options: QueryOptions = QueryOptions()) throws(QueryFailure) -> ResultTable {
        let plan = try plan(text)
        let (frame, layout) = try Executor(snapshot: snapshot, cache: cache, maxCells: options.maxCells).run(plan)
        var table = try ResultBuilder(snapshot: snapshot).table(frame)
        if Task.isCancelled { throw QueryFailure.cancelled }
        table.warnings = plan.warnings + frame.warnings + ResultTable.provenanceNotes(table.columns)
        let breaks = table.countStatus(.breakHere)
        if breaks > 0 {
            table.warnings.append(.warning(.seriesBreak, "\(breaks) value\(breaks == 1 ? "" : "s") span a break in the series: earlier and later values are not comparable",
                                           help: "compare periods on the same side of the break, or restate the history first"))
        }
        if let layout, layout != .table { table = table.reshaped(layout) }
        guard table.cellCount <= options.maxCells else {
            throw QueryFailure.resultTooLarge(cells: table.cellCount, limit: options.maxCells)
        }
        return table
    }

    /// The diagnostics of `text` (syntax, names, types), without evaluating it: at most
    /// `DiagnosticCap.limit`, then one note `W412` counting the rest.
    public func check(_ text: String) -> [Diagnostic] {
        let parsed = parse(text)
        guard let query = parsed.query else { return DiagnosticCap.capped(parsed.diagnostics) }
        var checker = Checker(snapshot: snapshot)
        _ = checker.check(query)
        return DiagnosticCap.capped(parsed.diagnostics + checker.diagnostics)
    }

    /// Parses and checks `text` into a plan, or fails with every diagnostic found. Plans depend
    /// only on the text, the nesting limit and the snapshot, so they are kept in the engine's
    /// cache (`EngineCache`).
    func plan(_ text: String) throws(QueryFailure) -> Plan {
        try cache.plans.value(.init(text, maxDepth: maxQueryDepth)) { () throws(QueryFailure) -> Plan in try makePlan(text) }
    }

    func makePlan(_ text: String) throws(QueryFailure) -> Plan {
        let parsed = parse(text)
        var diagnostics = parsed.diagnostics
        guard let query = parsed.query, !diagnostics.contains(where: { $0.severity == .error }) else {
            if let query = parsed.query {
                var checker = Checker(snapshot: snapshot)
                _ = checker.check(query)
                diagnostics += checker.diagnostics.filter { $0.severity == .error }
            }
            throw QueryFailure(kind: .syntax, diagnostics: diagnostics)
        }
        var checker = Checker(snapshot: snapshot)
        let plan = checker.check(query)
        let errors = checker.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            let kind: FailureKind = errors[0].code.hasPrefix("E2") ? .resolution : (errors[0].code.hasPrefix("E1") ? .syntax : .type)
            throw QueryFailure(kind: kind, diagnostics: errors + checker.diagnostics.filter { $0.severity != .error })
        }
        return plan
    }
}
