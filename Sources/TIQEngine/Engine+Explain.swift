import TIQCore
import TIQLanguage
import TIQStore

extension Engine {
    /// The resolved plan of `text`: levels, routes, bitset cardinalities of filters and the
    /// roll-up graph, without evaluating any series.
    public func explain(_ text: String) throws(QueryFailure) -> [PlanStep] {
        let plan = try plan(text)
        var steps: [PlanStep] = []
        var rows: Int?
        let evaluator = Evaluator(snapshot: snapshot, cache: cache)
        var frame: Frame?
        for stage in plan.stages {
            switch stage {
            case .from(let indicators, let level, let axis):
                let l = snapshot[level: level]
                rows = l.count
                frame = Frame(level: level, rows: Array(0..<l.count), axis: axis)
                let routes = indicators.map { id, route -> String in
                    let code = snapshot[indicator: id].code
                    switch route {
                    case .stored: return "\(code) (stored at \(l.name))"
                    case .published(let from):
                        return "\(code) (published at \(l.name), else rolled up \(snapshot[level: from].name) → \(l.name) by \(snapshot[indicator: id].aggregate))"
                    case .rolledUp(let from):
                        let m = snapshot.membership(from: from, to: level)
                        let exact = m.map { $0.exact.cardinality == $0.parentCount } ?? false
                        return "\(code) (rolled up \(snapshot[level: from].name) → \(l.name) by \(snapshot[indicator: id].aggregate), \(exact ? "exact" : "approximate for split memberships"))"
                    }
                }
                let periods = axis.flatMap { a in a.first.map { "\($0)..\(a.last!)" } } ?? "none"
                steps.append(PlanStep(name: "scan", detail: "\(l.count) \(l.name) × periods \(periods): " + routes.joined(separator: ", "), rows: rows))
            case .territories(let level):
                rows = snapshot[level: level].count
                frame = Frame(level: level, rows: Array(0..<snapshot[level: level].count), axis: nil)
                steps.append(PlanStep(name: "territories", detail: snapshot[level: level].name, rows: rows))
            case .lookup(let text, let level, let limit):
                steps.append(PlanStep(name: "lookup", detail: "\"\(text)\" in \(level.map { snapshot[level: $0].name } ?? "every level"), best \(limit)", rows: nil))
            case .filter(let e):
                // Attribute-only predicates are cheap to evaluate here: report their cardinality.
                if var f = frame, !e.readsSeries, case .bools(let b)? = try? evaluator.eval(e, f) {
                    let keep = b.indices.filter { b[$0] == 1 }
                    f.select(keep)
                    frame = f
                    rows = keep.count
                    steps.append(PlanStep(name: "filter", detail: "attribute predicate as a bitset: \(keep.count) of \(b.count) rows", rows: rows))
                } else {
                    frame = nil
                    rows = nil
                    steps.append(PlanStep(name: "filter", detail: "row predicate on series values (evaluated per row)", rows: nil))
                }
            case .sectors(let selection):
                steps.append(PlanStep(name: "where naf", detail: "broken-down indicators summed over \(selection.items.joined(separator: ", ")) and their subdivisions", rows: rows))
            case .window(let positions):
                steps.append(PlanStep(name: "period", detail: "\(positions.count) period(s) kept", rows: rows))
            case .derive(let b):
                steps.append(PlanStep(name: "derive", detail: b.map { "\($0.0): \($0.1.type)" }.joined(separator: ", "), rows: rows))
            case .aggregate(let b, let keys):
                frame = nil; rows = nil
                steps.append(PlanStep(name: "aggregate", detail: b.map { "\($0.0): \($0.1.type)" }.joined(separator: ", ") + (keys.isEmpty ? " (one group)" : " by " + keys.map(\.0).joined(separator: ", ")), rows: keys.isEmpty ? 1 : nil))
            case .rollup(let to, let rules):
                frame = nil; rows = nil
                let over = rules.isEmpty ? "catalog rules" : rules.map { "\($0.key) = \($0.value)" }.sorted().joined(separator: ", ")
                steps.append(PlanStep(name: "rollup", detail: "to \(snapshot[level: to].name) through weighted memberships, \(over)", rows: nil))
            case .compare(let flag, let v):
                steps.append(PlanStep(name: "compare", detail: "\(flag.0) true vs false on \(v.type); rows lacking needed values are dropped and reported", rows: 3))
            case .did(let flag, let pre, let post, _, _):
                steps.append(PlanStep(name: "did", detail: "\(flag.0): pre \(pre.0)..\(pre.1), post \(post.0)..\(post.1); descriptive", rows: 3))
            case .inference(let plan):
                frame = nil; rows = nil
                steps.append(plan.explainStep)
            case .fill(let names, let m):
                steps.append(PlanStep(name: "fill", detail: "\(names.joined(separator: ", ")) with \(m); filled cells marked imputed", rows: rows))
            case .top(let n, _, let desc):
                rows = rows.map { min($0, n) }
                steps.append(PlanStep(name: desc ? "top" : "bottom", detail: "\(n) rows by key, ties by code", rows: rows))
            case .sort(let keys):
                steps.append(PlanStep(name: "sort", detail: "\(keys.count) key(s)", rows: rows))
            case .limit(let n):
                rows = rows.map { min($0, n) }
                steps.append(PlanStep(name: "limit", detail: "\(n)", rows: rows))
            case .show(let b, let layout):
                steps.append(PlanStep(name: "show", detail: b.map(\.0).joined(separator: ", ") + " as \(layout?.rawValue ?? "table")", rows: rows))
            case .pivot(let p):
                steps.append(PlanStep(name: "show", detail: p.values.map(\.0).joined(separator: ", ") + " by \(p.key) as wide: one row per \(p.rowKeys.isEmpty ? "answer" : p.rowKeys.map(\.0).joined(separator: ", ")), one column per value of \(p.key)", rows: nil))
            }
        }
        return steps
    }
}

extension TypedExpr {
    /// Whether evaluating the expression reads series values (as opposed to attributes only).
    var readsSeries: Bool {
        if type.shape == .series { return true }
        switch kind {
        case .column, .series, .aggregate, .window, .at, .slice, .statistic, .parent: return true
        case .math, .cut, .caseWhen: return descriptiveChildren.contains { $0.readsSeries }
        case .unary(_, let e), .fuzzy(let e, _): return e.readsSeries
        case .binary(_, let a, let b): return a.readsSeries || b.readsSeries
        case .inList(let e, let l): return e.readsSeries || l.contains { $0.readsSeries }
        default: return false
        }
    }
}
