import TIQCore
import TIQLanguage
import TIQStore

/// What `x of level` reads: the coarser level, the attribute giving each row's territory
/// there, and the `from` indicators, each with its route to that level.
struct ParentRead: Sendable {
    /// The coarser level.
    let level: LevelID
    /// The territory attribute of the frame's level that names each row's territory of `level`.
    let via: AttributeRef
    /// The indicators of the query, as columns of the coarser frame.
    let indicators: [(name: String, id: IndicatorID, route: IndicatorRoute)]
}

extension Checker {
    /// `x of level`: checks `x` at the coarser level, with the query's indicators as columns.
    mutating func checkParent(_ inner: Expr, _ levelName: Identifier, span: SourceSpan, insideAggregate: Bool) -> TypedExpr? {
        guard let from = schema.level else {
            error(.territoriesRequired, "`of \(levelName.name)` needs territories, but rows are groups here", at: levelName.span,
                  help: "read the coarser value before `agg`, `compare` or `did`"); return nil
        }
        if case .group = stageContext, !insideAggregate {
            error(.aggregateRequired, "`… of \(levelName.name)` has one value per territory; here it needs an aggregate", at: span,
                  help: "compute it in a `derive` before grouping"); return nil
        }
        guard let to = resolveLevel(levelName, default: nil, span: levelName.span) else { return nil }
        guard to != from, case .territory(let target, _)? = snapshot[level: from].attribute(levelName.name)?.column, target == to else {
            let partitions = snapshot[level: from].attributes.compactMap { a -> String? in
                if case .territory = a.column { return a.name } else { return nil }
            }
            error(.impossibleRollup, "`\(snapshot[level: from].name)` rows do not each belong to one `\(levelName.name)`", at: levelName.span,
                  label: to == from ? "the rows are already at this level" : "not a coarser level that partitions the rows",
                  help: partitions.isEmpty ? "no coarser level partitions these rows"
                    : "read one of " + partitions.map { "`\($0)`" }.joined(separator: ", "))
            return nil
        }
        var indicators: [(name: String, id: IndicatorID, route: IndicatorRoute)] = []
        var sub = Checker(snapshot: snapshot)
        sub.schema = Schema(level: to, columns: [], frequency: schema.frequency, axis: schema.axis, window: schema.window)
        sub.stageContext = .row
        for c in schema.columns {
            guard let id = c.indicator, c.type.shape == .series, let r = route(of: id, to: to) else { continue }
            indicators.append((c.name, id, r))
            sub.schema.columns.append(SchemaColumn(name: c.name, type: indicatorType(snapshot[indicator: id]), indicator: id))
        }
        let t = sub.checkExpr(inner)
        diagnostics += sub.diagnostics
        guard let t else { return nil }
        guard !t.containsAggregate else {
            error(.misplacedAggregate, "an aggregate cannot be read `of \(levelName.name)`", at: inner.span); return nil
        }
        let read = ParentRead(level: to, via: AttributeRef(name: levelName.name, level: from), indicators: indicators)
        return TypedExpr(kind: .parent(t, read), type: t.type, span: span)
    }

    /// `case when c then v … else e end`: conditions true/false per row, values of one kind and unit.
    mutating func checkCase(_ clauses: [WhenClause], _ otherwise: Expr?, span: SourceSpan, insideAggregate: Bool) -> TypedExpr? {
        guard !clauses.isEmpty else {
            error(.missingPart, "`case` needs at least one `when … then …`", at: span); return nil
        }
        var typed: [(TypedExpr, TypedExpr)] = []
        var values: [TypedExpr] = []
        for c in clauses {
            guard let cond = checkExpr(c.condition, insideAggregate: insideAggregate),
                  let value = checkExpr(c.value, insideAggregate: insideAggregate) else { return nil }
            guard cond.type.kind == .bool, cond.type.shape == .scalar else {
                error(.wrongKind, "a `when` needs one true/false per row, got \(cond.type)", at: cond.span); return nil
            }
            typed.append((cond, value))
            values.append(value)
        }
        var other: TypedExpr?
        if let otherwise {
            guard let t = checkExpr(otherwise, insideAggregate: insideAggregate) else { return nil }
            other = t
            values.append(t)
        }
        let first = values[0]
        for v in values {
            guard v.type.shape == .scalar else {
                error(.oneValuePerRowRequired, "a `case` value needs one value per row, got \(v.type)", at: v.span,
                      help: "pick a period with `@` or reduce the series first"); return nil
            }
            guard v.type.kind == first.type.kind else {
                error(.wrongKind, "`case` mixes \(first.type) and \(v.type)", at: v.span); return nil
            }
            if v.type.kind == .number, !checkUnits(.add, first, v, span: v.span) { return nil }
        }
        var type = values.first { !isLiteral($0) }?.type ?? first.type
        type.additive = false
        type.categories = nil
        if first.type.kind == .text {
            var labels: [String] = []
            for v in values {
                guard case .text(let s) = v.kind else { labels = []; break }
                if !labels.contains(s) { labels.append(s) }
            }
            if !labels.isEmpty { type.categories = labels }
        }
        return TypedExpr(kind: .caseWhen(typed, otherwise: other), type: type, span: span)
    }
}
