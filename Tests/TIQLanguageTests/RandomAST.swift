import TIQCore
import TIQLanguage

/// Random syntax trees of bounded depth, restricted to what the grammar can express (spans are zero).
struct RandomAST {
    var rng: SplitMix64
    let z = SourceSpan.zero

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let names = ["a", "b", "emploi_ind", "ti1", "region", "x_2", "pop", "skip"]
    static let functions = ["growth", "sum", "mean", "complete", "all", "f1"]
    static let labels = ["weight", "missing", "w"]
    static let levels = ["epci", "ti2", "region", "commune"]
    static let strings = ["Grand Est", "", "Vallée de l'Arve", "quote \" and \\ slash", "44", "日本"]

    mutating func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &rng)] }
    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    mutating func identifier(_ pool: [String]) -> Identifier { Identifier(pick(pool), span: z) }

    mutating func period(annual: Bool = true) -> Period {
        let year = Int32(int(1990...2030))
        switch int(annual ? 0...3 : 1...3) {
        case 0: return Period(year: year)
        case 1: return Period(year: year, frequency: .quarter, subperiod: Int32(int(1...4)))
        case 2: return Period(year: year, frequency: .semester, subperiod: Int32(int(1...2)))
        default: return Period(year: year, frequency: .monthly, subperiod: Int32(int(1...12)))
        }
    }

    mutating func periodLiteral() -> PeriodLiteral { PeriodLiteral(period(), span: z) }

    mutating func range(bounded: Bool = false) -> PeriodRange {
        PeriodRange(lower: periodLiteral(), upper: bounded || chance(0.5) ? periodLiteral() : nil)
    }

    mutating func literal() -> Expr {
        switch int(0...5) {
        case 0: return Expr(.number(Double(int(0...5000)), isInteger: true), span: z)
        case 1: return Expr(.number(Double(int(0...4000)) / 8, isInteger: false), span: z)
        case 2: return Expr(.percent(Double(int(0...300)) / 100), span: z)
        case 3: return Expr(.string(pick(Self.strings)), span: z)
        case 4: return Expr(.bool(chance(0.5)), span: z)
        default: return Expr(.unary(.negate, Expr(.number(Double(int(1...99)), isInteger: true), span: z)), span: z)
        }
    }

    mutating func expr(depth: Int) -> Expr {
        if depth == 0 || chance(0.25) {
            switch int(0...3) {
            case 0: return literal()
            case 1: return Expr(.period(period(annual: false)), span: z)
            default: return Expr(.name(pick(Self.names)), span: z)
            }
        }
        let d = depth - 1
        switch int(0...11) {
        case 0, 1:
            return Expr(.binary(pick(BinaryOperator.allCases), expr(depth: d), expr(depth: d)), span: z)
        case 2:
            return Expr(.unary(chance(0.5) ? .negate : .not, expr(depth: d)), span: z)
        case 3:
            var args: [Argument] = []
            for _ in 0..<int(0...3) {
                let label = chance(0.3) ? identifier(Self.labels) : nil
                let value = chance(0.2) ? Expr(.range(range(bounded: true)), span: z) : expr(depth: d)
                args.append(Argument(label: label, value: value))
            }
            return Expr(.call(identifier(Self.functions), args), span: z)
        case 4:
            return Expr(.at(expr(depth: d), periodLiteral()), span: z)
        case 5:
            return Expr(.slice(expr(depth: d), range()), span: z)
        case 6:
            return Expr(.inList(expr(depth: d), (0..<int(1...3)).map { _ in literal() }), span: z)
        case 7:
            return Expr(.fuzzy(expr(depth: d), StringLiteral(pick(Self.strings), span: z)), span: z)
        case 9:
            return Expr(.of(expr(depth: d), identifier(Self.levels)), span: z)
        case 10:
            let clauses = (0..<int(1...2)).map { _ in WhenClause(condition: expr(depth: d), value: expr(depth: d)) }
            return Expr(.caseWhen(clauses, otherwise: chance(0.5) ? expr(depth: d) : nil), span: z)
        case 11:
            let breaks = (0..<int(1...3)).map { _ in chance(0.8) ? literal() : expr(depth: d) }
            return Expr(.call(Identifier("cut", span: z), [Argument(value: expr(depth: d)), Argument(value: Expr(.list(breaks), span: z))]), span: z)
        default:
            return Expr(.binary(pick([.and, .or, .equal, .add]), expr(depth: d), expr(depth: d)), span: z)
        }
    }

    mutating func bindings(named: Bool, depth: Int) -> [Binding] {
        (0..<int(1...3)).map { _ in Binding(name: named || chance(0.5) ? identifier(Self.names) : nil, value: expr(depth: depth)) }
    }

    mutating func stage(depth: Int, show: Bool) -> Stage {
        let kind: Stage.Kind
        if show {
            kind = chance(0.2) ? .pivot(bindings(named: false, depth: depth), by: identifier(Self.names))
                : .show(bindings(named: false, depth: depth), as: chance(0.5) ? pick([.table, .wide, .long]) : nil)
            return Stage(kind, span: z, keywordSpan: z)
        }
        switch int(0...10) {
        case 0: kind = .where(expr(depth: depth))
        case 1: kind = .period((0..<int(1...3)).map { _ in range() })
        case 2: kind = .derive(bindings(named: true, depth: depth))
        case 3: kind = .agg(bindings(named: true, depth: depth), by: (0..<int(0...2)).map { _ in identifier(Self.names) })
        case 4:
            let rules = (0..<int(0...2)).map { _ -> RollupRule in
                let aggregate = pick(["sum", "ratio", "min", "max", "median", "mean"])
                let weight = aggregate == "mean" && chance(0.5) ? identifier(Self.names) : nil
                return RollupRule(indicator: identifier(Self.names), aggregate: Identifier(aggregate, span: z), weight: weight)
            }
            kind = .rollup(to: identifier(Self.levels), rules: rules)
        case 5: kind = .compare(flag: expr(depth: depth), on: expr(depth: depth), options: inference(depth: depth, did: false))
        case 6: kind = .did(flag: expr(depth: depth), pre: range(), post: range(), on: expr(depth: depth), options: inference(depth: depth, did: true))
        case 7:
            let method: FillMethod = pick([.previous, .next, .linear, .constant(Double(int(-20...20)) / 2)])
            kind = .fill((0..<int(1...2)).map { _ in identifier(Self.names) }, with: method)
        case 8: kind = .top(int(0...100), by: expr(depth: depth), descending: chance(0.5))
        case 9: kind = .sort((0..<int(1...3)).map { _ in SortKey(key: expr(depth: depth), descending: chance(0.5)) })
        default: kind = .limit(int(0...1000))
        }
        return Stage(kind, span: z, keywordSpan: z)
    }

    /// The options of `compare`/`did`: resampling, a model, matching.
    mutating func inference(depth: Int, did: Bool) -> InferenceClause {
        guard chance(0.4) else { return InferenceClause() }
        var o = InferenceClause(span: z)
        if chance(0.5) { o.level = pick([90, 95, 97.5]) }
        if chance(0.5) { o.draws = int(1...5000) }
        if chance(0.5) { o.seed = int(0...99_999) }
        if did, chance(0.5) {
            o.model = Identifier(pick(["twfe", "event"]), span: z)
            if chance(0.5) { o.reference = PeriodLiteral(Period(year: Int32(int(2010...2024))), span: z) }
        } else if !did, chance(0.5) {
            o.matching = MatchingClause(covariates: (0..<int(1...3)).map { _ in expr(depth: depth) },
                                        neighbours: chance(0.5) ? int(1...5) : nil, caliper: chance(0.5) ? pick([0.25, 0.5, 2.0]) : nil,
                                        exact: chance(0.5) ? [identifier(Self.names)] : [])
        }
        if o.isEmpty { o.span = nil }
        return o
    }

    mutating func source() -> SourceClause {
        let level = chance(0.7) ? identifier(Self.levels) : nil
        switch int(0...2) {
        case 0: return SourceClause(.from(indicators: (0..<int(1...3)).map { _ in identifier(Self.names) }, level: level), span: z)
        case 1: return SourceClause(.territories(level: level), span: z)
        default:
            return SourceClause(.lookup(text: StringLiteral(pick(Self.strings), span: z), level: level,
                                        limit: chance(0.5) ? int(1...50) : nil), span: z)
        }
    }

    mutating func query(depth: Int) -> Query {
        var stages = (0..<int(0...4)).map { _ in stage(depth: depth, show: false) }
        if chance(0.3) { stages.append(stage(depth: depth, show: true)) }
        return Query(source: source(), stages: stages, span: z)
    }
}
