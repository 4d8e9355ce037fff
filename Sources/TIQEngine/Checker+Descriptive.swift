import TIQCore
import TIQLanguage
import TIQStore

/// Row-level math functions: absent in, absent out; a domain error (log of 0, √ of a negative)
/// gives `undefined`.
enum MathFunction: String, Sendable, CaseIterable {
    case log, exp, sqrt, abs, round, floor, least, greatest
}

extension FunctionSignatures {
    /// Signatures of the descriptive functions, for diagnostics, completion and hover.
    static let descriptive: [String: String] = [
        "sd": "sd(x) → unit of x: sample standard deviation (n − 1) over the group's rows; adds `<name>_n`",
        "var": "var(x) → sample variance (n − 1) over the group's rows; adds `<name>_n`",
        "quantile": "quantile(x, p) → quantile p in 0…1, linear interpolation (type 7); adds `<name>_n`",
        "iqr": "iqr(x) → quantile(x, 0.75) − quantile(x, 0.25); adds `<name>_n`",
        "count_if": "count_if(condition) → rows of the group where the condition is true",
        "share_if": "share_if(condition) → % of the rows (where the condition is known) where it is true",
        "corr": "corr(x, y) → Pearson correlation on rows where both are present; adds `<name>_n`",
        "slope(y, x)": "slope(y, x) → OLS slope of y on x across rows (in agg); adds `<name>_n`",
        "log": "log(x) → natural logarithm; undefined for x ≤ 0",
        "exp": "exp(x) → e^x",
        "sqrt": "sqrt(x) → square root; undefined for x < 0",
        "abs": "abs(x) → |x|",
        "round": "round(x, digits = 0) → rounded half away from zero",
        "floor": "floor(x) → largest whole number ≤ x",
        "least": "least(a, b, …) → smallest value; absent if any is absent",
        "greatest": "greatest(a, b, …) → largest value; absent if any is absent",
        "cut": "cut(x, [b0, b1, …]) → text label of the interval [bi, bi+1) holding x",
    ]
}

extension Checker {
    /// Whether `fn(args)` is one of the descriptive functions checked here. `slope` with a
    /// second argument that is not a period is the aggregate `slope(y, x)` in a grouping stage.
    func isDescriptiveCall(_ fn: Identifier, _ args: [Argument]) -> Bool {
        if MathFunction(rawValue: fn.name) != nil || fn.name == "cut" { return true }
        if fn.name == "slope" {
            guard case .group = stageContext, args.count == 2 else { return false }
            switch args[1].value.kind {
            case .range, .period: return false
            case .number(let v, true) where v >= 1000 && v <= 9999: return false
            default: return true
            }
        }
        guard let f = StatisticFunction(rawValue: fn.name) else { return false }
        return StatisticFunction.named.contains(f)
    }

    mutating func checkDescriptiveCall(_ fn: Identifier, _ args: [Argument], span: SourceSpan, insideAggregate: Bool) -> TypedExpr? {
        let help = FunctionSignatures.descriptive[fn.name]
        if let label = args.first(where: { $0.label != nil })?.label {
            error(.badNamedArgument, "`\(fn.name)` has no argument `\(label.name)`", at: label.span, help: help); return nil
        }
        if let f = MathFunction(rawValue: fn.name) { return checkMath(f, fn, args, span: span, insideAggregate: insideAggregate) }
        if fn.name == "cut" { return checkCut(args, span: span, insideAggregate: insideAggregate) }
        guard let f = StatisticFunction(rawValue: fn.name) else { return nil }
        return checkStatistic(f, fn, args, span: span, insideAggregate: insideAggregate)
    }

    mutating func checkMath(_ f: MathFunction, _ fn: Identifier, _ args: [Argument], span: SourceSpan, insideAggregate: Bool) -> TypedExpr? {
        let help = FunctionSignatures.descriptive[f.rawValue]
        let variadic = f == .least || f == .greatest
        var digits = 0
        var values = args.map(\.value)
        if f == .round, values.count == 2 {
            guard case .number(let d, true) = values[1].kind, d >= 0, d <= 15 else {
                error(.wrongArguments, "`round` takes a whole number of digits from 0 to 15", at: values[1].span, help: help); return nil
            }
            digits = Int(d)
            values.removeLast()
        }
        guard variadic ? values.count >= 2 : values.count == 1 else {
            error(.wrongArguments, "`\(f.rawValue)` takes \(variadic ? "two values or more" : "one value")", at: span, help: help); return nil
        }
        var typed: [TypedExpr] = []
        for v in values {
            guard let t = checkExpr(v, insideAggregate: insideAggregate) else { return nil }
            guard t.type.kind == .number else { error(.wrongKind, "`\(f.rawValue)` needs numbers, got \(t.type)", at: t.span, help: help); return nil }
            if let first = typed.first, !checkUnits(.add, first, t, span: t.span) { return nil }
            typed.append(t)
        }
        let shape: Shape = typed.contains { $0.type.shape == .series } ? .series : .scalar
        let unit: Unit
        switch f {
        case .log, .exp: unit = .none
        case .sqrt: unit = typed[0].type.unit.isNone ? .none : Unit("√" + typed[0].type.unit.symbol)
        default: unit = typed.first { !isLiteral($0) }?.type.unit ?? typed[0].type.unit
        }
        return TypedExpr(kind: .math(f, typed, digits: digits), type: .number(unit, shape), span: span)
    }

    mutating func checkCut(_ args: [Argument], span: SourceSpan, insideAggregate: Bool) -> TypedExpr? {
        let help = FunctionSignatures.descriptive["cut"]
        guard args.count == 2, case .list(let items) = args[1].value.kind else {
            error(.wrongArguments, "`cut` takes a value and a list of breaks", at: span, help: "e.g. cut(x, [0, 10, 50])"); return nil
        }
        guard let x = checkExpr(args[0].value, insideAggregate: insideAggregate) else { return nil }
        guard x.type.kind == .number, x.type.shape == .scalar else {
            error(x.type.kind == .number ? .oneValuePerRowRequired : .wrongKind, "`cut` needs one number per row, got \(x.type)", at: x.span,
                  help: "pick a period with `@` or reduce the series first, e.g. cut(growth(x, 2018, 2022), [0%, 10%])"); return nil
        }
        var breaks: [Double] = []
        for item in items {
            guard let b = literalNumber(item) else {
                error(.wrongArguments, "the breaks of `cut` are numbers written in the query", at: item.span, help: help); return nil
            }
            if let last = breaks.last, b <= last {
                error(.wrongArguments, "the breaks of `cut` must increase", at: item.span, label: "not above the previous break", help: help); return nil
            }
            breaks.append(b)
        }
        let percent = x.type.unit.isPercentLike
        let me = self
        let text = { (v: Double) in percent ? me.formatNumber((v * 100 * 1e9).rounded() / 1e9) + "%" : me.formatNumber(v) }
        var labels = ["(-inf, \(text(breaks[0])))"]
        for i in 0..<(breaks.count - 1) { labels.append("[\(text(breaks[i])), \(text(breaks[i + 1])))") }
        labels.append("[\(text(breaks[breaks.count - 1])), +inf)")
        var type = ExprType.text
        type.categories = labels
        return TypedExpr(kind: .cut(x, breaks: breaks, labels: labels), type: type, span: span)
    }

    /// A number literal, possibly negated or a percent: the value, or nil.
    func literalNumber(_ e: Expr) -> Double? {
        switch e.kind {
        case .number(let v, _), .percent(let v): return v
        case .unary(.negate, let inner): return literalNumber(inner).map { -$0 }
        default: return nil
        }
    }

    mutating func checkStatistic(_ f: StatisticFunction, _ fn: Identifier, _ args: [Argument], span: SourceSpan, insideAggregate: Bool) -> TypedExpr? {
        let help = FunctionSignatures.descriptive[f == .slope ? "slope(y, x)" : f.rawValue]
        guard case .group = stageContext else {
            error(.misplacedAggregate, "`\(f.rawValue)` aggregates rows: it is allowed in `agg`, `compare` and `did`", at: fn.span,
                  help: "group first: `| agg s = \(f.rawValue)(…) by …`"); return nil
        }
        guard !insideAggregate else { error(.misplacedAggregate, "aggregates cannot be nested", at: fn.span); return nil }
        guard args.count == f.arity else {
            error(.wrongArguments, "`\(f.rawValue)` takes \(f.arity == 2 ? "two arguments" : "one argument")", at: span, help: help); return nil
        }
        var parameter = 0.0
        var values = args.map(\.value)
        if f == .quantile {
            guard let p = literalNumber(values[1]), p >= 0, p <= 1 else {
                error(.wrongArguments, "the probability of `quantile` is a number from 0 to 1", at: values[1].span, help: help); return nil
            }
            parameter = p
            values.removeLast()
        }
        var typed: [TypedExpr] = []
        for v in values {
            guard let t = checkExpr(v, insideAggregate: true) else { return nil }
            typed.append(t)
        }
        let wantsBool = f == .count_if || f == .share_if
        for t in typed where (t.type.kind == .bool) != wantsBool || (!wantsBool && t.type.kind != .number) {
            error(.wrongKind, "`\(f.rawValue)` needs \(wantsBool ? "a condition" : "numbers"), got \(t.type)", at: t.span, help: help); return nil
        }
        let shape: Shape = typed.contains { $0.type.shape == .series } ? .series : .scalar
        let u = typed[0].type.unit
        let unit: Unit
        switch f {
        case .sd, .iqr: unit = u.difference
        case .var: unit = u.isNone ? .none : u.difference.times(u.difference)
        case .quantile: unit = u
        case .count_if, .n: unit = .count
        case .share_if: unit = .percent
        case .corr: unit = .none
        case .slope: unit = u.dividedBy(typed[1].type.unit)
        }
        return TypedExpr(kind: .statistic(f, typed, parameter: parameter), type: .number(unit, shape, additive: f == .count_if || f == .n), span: span)
    }

    /// The `<name>_n` columns `agg` adds after its bindings: one per binding holding a statistic,
    /// unless a binding of that name already exists.
    func companionCounts(_ bindings: [(String, TypedExpr)]) -> [(String, TypedExpr)] {
        let names = Set(bindings.map(\.0))
        return bindings.compactMap { name, e in
            guard !names.contains(name + "_n"), let c = Self.companionCount(e) else { return nil }
            return (name + "_n", c)
        }
    }

    /// The `_n` companion of an `agg` binding holding a statistic: rows where its arguments are
    /// all present (for the first statistic in the expression), or nil.
    static func companionCount(_ e: TypedExpr) -> TypedExpr? {
        if case .statistic(let f, let args, _) = e.kind {
            guard f != .count_if, f != .n else { return nil }
            return TypedExpr(kind: .statistic(.n, args, parameter: 0), type: .number(.count, e.type.shape, additive: true), span: e.span)
        }
        for child in e.descriptiveChildren + binaryChildren(e) {
            if let c = companionCount(child) { return c }
        }
        return nil
    }

    private static func binaryChildren(_ e: TypedExpr) -> [TypedExpr] {
        switch e.kind {
        case .binary(_, let a, let b): return [a, b]
        case .unary(_, let a): return [a]
        default: return []
        }
    }
}
