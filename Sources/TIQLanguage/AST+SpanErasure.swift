import TIQCore

/// Comparing syntax trees while ignoring where they were written: the printer round trip,
/// caches keyed by meaning rather than text.
extension Query {
    /// The same query with every span replaced by an empty span at offset 0.
    public func erasingSpans() -> Query {
        Query(source: source.erasingSpans(), stages: stages.map { $0.erasingSpans() }, span: .zero)
    }

    /// Whether `self` and `other` are the same query, whatever their spans.
    public func equalsIgnoringSpans(_ other: Query) -> Bool {
        erasingSpans() == other.erasingSpans()
    }
}

extension SourceSpan {
    /// The empty span at the start of the text, which erased spans become.
    public static let zero = SourceSpan(start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1)
}

extension Identifier {
    func erasingSpans() -> Identifier { Identifier(name, span: .zero) }
}

extension PeriodLiteral {
    func erasingSpans() -> PeriodLiteral { PeriodLiteral(period, span: .zero) }
}

extension PeriodRange {
    func erasingSpans() -> PeriodRange { PeriodRange(lower: lower.erasingSpans(), upper: upper?.erasingSpans()) }
}

extension SourceClause {
    func erasingSpans() -> SourceClause {
        switch kind {
        case .from(let indicators, let level):
            SourceClause(.from(indicators: indicators.map { $0.erasingSpans() }, level: level?.erasingSpans()), span: .zero)
        case .territories(let level):
            SourceClause(.territories(level: level?.erasingSpans()), span: .zero)
        case .lookup(let text, let level, let limit):
            SourceClause(.lookup(text: StringLiteral(text.value, span: .zero), level: level?.erasingSpans(), limit: limit),
                         span: .zero)
        }
    }
}

extension Binding {
    func erasingSpans() -> Binding { Binding(name: name?.erasingSpans(), value: value.erasingSpans()) }
}

extension Stage {
    func erasingSpans() -> Stage {
        let k: Kind
        switch kind {
        case .where(let e): k = .where(e.erasingSpans())
        case .period(let r): k = .period(r.map { $0.erasingSpans() })
        case .derive(let b): k = .derive(b.map { $0.erasingSpans() })
        case .agg(let b, let keys): k = .agg(b.map { $0.erasingSpans() }, by: keys.map { $0.erasingSpans() })
        case .rollup(let level, let rules):
            k = .rollup(to: level.erasingSpans(), rules: rules.map {
                RollupRule(indicator: $0.indicator.erasingSpans(), aggregate: $0.aggregate.erasingSpans(),
                           weight: $0.weight?.erasingSpans())
            })
        case .compare(let f, let on, let o): k = .compare(flag: f.erasingSpans(), on: on.erasingSpans(), options: o.erasingSpans())
        case .did(let f, let pre, let post, let on, let o):
            k = .did(flag: f.erasingSpans(), pre: pre.erasingSpans(), post: post.erasingSpans(), on: on.erasingSpans(),
                     options: o.erasingSpans())
        case .fill(let c, let m): k = .fill(c.map { $0.erasingSpans() }, with: m)
        case .top(let n, let e, let d): k = .top(n, by: e.erasingSpans(), descending: d)
        case .sort(let keys): k = .sort(keys.map { SortKey(key: $0.key.erasingSpans(), descending: $0.descending) })
        case .limit(let n): k = .limit(n)
        case .show(let b, let layout): k = .show(b.map { $0.erasingSpans() }, as: layout)
        case .pivot(let b, let key): k = .pivot(b.map { $0.erasingSpans() }, by: key.erasingSpans())
        }
        return Stage(k, span: .zero, keywordSpan: .zero)
    }
}

extension Expr {
    /// The same expression with every span erased.
    public func erasingSpans() -> Expr {
        let k: Kind
        switch kind {
        case .number, .percent, .string, .period, .bool, .name: k = kind
        case .call(let f, let args):
            k = .call(f.erasingSpans(), args.map { Argument(label: $0.label?.erasingSpans(), value: $0.value.erasingSpans()) })
        case .unary(let op, let x): k = .unary(op, x.erasingSpans())
        case .binary(let op, let l, let r): k = .binary(op, l.erasingSpans(), r.erasingSpans())
        case .at(let x, let p): k = .at(x.erasingSpans(), p.erasingSpans())
        case .slice(let x, let r): k = .slice(x.erasingSpans(), r.erasingSpans())
        case .inList(let x, let items): k = .inList(x.erasingSpans(), items.map { $0.erasingSpans() })
        case .fuzzy(let x, let s): k = .fuzzy(x.erasingSpans(), StringLiteral(s.value, span: .zero))
        case .range(let r): k = .range(r.erasingSpans())
        case .of(let x, let level): k = .of(x.erasingSpans(), level.erasingSpans())
        case .list(let items): k = .list(items.map { $0.erasingSpans() })
        case .caseWhen(let clauses, let otherwise):
            k = .caseWhen(clauses.map { WhenClause(condition: $0.condition.erasingSpans(), value: $0.value.erasingSpans()) },
                          otherwise: otherwise?.erasingSpans())
        }
        return Expr(k, span: .zero)
    }
}

extension InferenceClause {
    func erasingSpans() -> InferenceClause {
        InferenceClause(level: level, draws: draws, seed: seed, model: model?.erasingSpans(), reference: reference?.erasingSpans(),
                        matching: matching.map {
                            MatchingClause(covariates: $0.covariates.map { $0.erasingSpans() }, neighbours: $0.neighbours,
                                           caliper: $0.caliper, exact: $0.exact.map { $0.erasingSpans() })
                        }, strata: strata?.erasingSpans(), span: span == nil ? nil : .zero)
    }
}
