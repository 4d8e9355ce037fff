import TIQCore
import TIQLanguage
import TIQStore

/// Signatures shown by diagnostics, completion and hover.
enum FunctionSignatures {
    static let all: [String: String] = [
        "growth": "growth(series, from, to) → %: x@to / x@from − 1",
        "cagr": "cagr(series, from, to) → %/yr: compound annual growth rate",
        "change": "change(series, from, to) → unit of x: x@to − x@from",
        "yoy": "yoy(series) → series in %: change on the same period one year before",
        "diff": "diff(series) → series: x_t − x_{t−1}",
        "index": "index(series, base) → series: 100 · x_t / x@base",
        "slope": "slope(series, a..b) → unit/yr: least-squares trend",
        "mean_over": "mean_over(series, a..b) → scalar: mean of the present values",
        "sum_over": "sum_over(series, a..b) → scalar: sum over the window (strict)",
        "first": "first(series) → scalar: first present value in the window",
        "last": "last(series) → scalar: last present value in the window",
        "complete": "complete(series, a..b) → true/false: every period present",
        "all": "all(condition, a..b) → true/false: true in every period",
        "any": "any(condition, a..b) → true/false: true in some period",
        "coalesce": "coalesce(x, y) → x, with y where x is absent (marked imputed)",
        "sum": "sum(x, missing = strict|skip) → total over the group's rows; strict by default",
        "ratio": "ratio(num, den) → sum(num) / sum(den): the way to aggregate a ratio",
        "mean": "mean(x, weight = w) → (weighted) mean of the present values",
        "median": "median(x) → median of the present values",
        "min": "min(x) → smallest present value",
        "max": "max(x) → largest present value",
        "count": "count() → rows; count(x) → rows where x is present",
        "total": "total(x) → sum over every row of the frame (derive only)",
        "share": "share(x) → x / total(x), in % (derive only)",
        "rank": "rank(x) → 1 for the largest value (derive only)",
        "published": LevelSourceFunction.published.signature,
        "parts": LevelSourceFunction.parts.signature,
        "per": Checker.perSignature,
    ]
}

extension Checker {
    mutating func checkCall(_ fn: Identifier, _ args: [Argument], span: SourceSpan, insideAggregate: Bool) -> TypedExpr? {
        if fn.name == "per" { return checkPer(args, span: span, insideAggregate: insideAggregate) }
        if isDescriptiveCall(fn, args) { return checkDescriptiveCall(fn, args, span: span, insideAggregate: insideAggregate) }
        if let f = SeriesFunction(rawValue: fn.name) { return checkSeriesFunction(f, fn, args, span: span, insideAggregate: insideAggregate) }
        if let f = AggregateFunction(rawValue: fn.name) { return checkAggregate(f, fn, args, span: span, insideAggregate: insideAggregate) }
        if let f = LevelSourceFunction(rawValue: fn.name) { return checkLevelSource(f, fn, args, span: span, insideAggregate: insideAggregate) }
        if let f = WindowFunction(rawValue: fn.name) {
            guard case .derive = stageContext else {
                error(.misplacedAggregate, "`\(fn.name)` is a window function: it is allowed in `derive` only", at: fn.span,
                      help: "compute it in a `derive` stage"); return nil
            }
            guard args.count == 1, args[0].label == nil, let x = checkExpr(args[0].value) else {
                if args.count != 1 { error(.wrongArguments, "`\(fn.name)` takes one argument", at: span, help: FunctionSignatures.all[fn.name]) }
                return nil
            }
            guard x.type.kind == .number else { error(.wrongKind, "`\(fn.name)` needs a number, got \(x.type)", at: x.span); return nil }
            let type: ExprType
            switch f {
            case .total: type = x.type
            case .share: type = .number(.percent, x.type.shape)
            case .rank: type = .number(.count, x.type.shape)
            }
            return TypedExpr(kind: .window(f, x), type: type, span: span)
        }
        let names = SeriesFunction.allCases.map(\.rawValue) + AggregateFunction.allCases.map(\.rawValue) + WindowFunction.allCases.map(\.rawValue)
            + LevelSourceFunction.allCases.map(\.rawValue)
            + MathFunction.allCases.map(\.rawValue) + StatisticFunction.named.map(\.rawValue) + ["cut"]
        let sugg = EditDistance.suggestions(for: fn.name, among: names)
        error(.unknownFunction, "unknown function `\(fn.name)`", at: fn.span,
              help: sugg.first.flatMap { FunctionSignatures.all[$0].map { "did you mean \($0)?" } },
              suggestions: sugg.map { Suggestion(label: $0, replacement: $0, span: fn.span, detail: FunctionSignatures.all[$0]) },
              expected: ["a function"])
        return nil
    }

    /// The implied window of `did`, if any.
    var impliedWindow: (Period, Period)? {
        if case .group(_, let implied) = stageContext { return implied }
        return nil
    }

    /// Reads a period argument: a year or period (one period), or a range `a..b` (every period
    /// from a to b). `isRange` tells which, since `complete(x, 2018, 2022)` lists two periods
    /// while `complete(x, 2018..2022)` covers five.
    mutating func periodArgument(_ e: Expr) -> (periods: [Period], isRange: Bool)? {
        switch e.kind {
        case .number(let v, true) where v >= 1000 && v <= 9999:
            let p = Period(year: Int32(v))
            return checkFrequency(p, at: e.span) ? ([p], false) : nil
        case .period(let p):
            return checkFrequency(p, at: e.span) ? ([p], false) : nil
        case .range(let r):
            guard checkFrequency(r.lower.period, at: r.span), checkFrequency(r.last, at: r.span) else { return nil }
            guard r.lower.period <= r.last else {
                error(.malformedLiteral, "the range runs backwards", at: r.span, help: "write \(r.last)..\(r.lower.period)"); return nil
            }
            return (Self.expand(r.lower.period, r.last), true)
        default:
            error(.wrongKind, "expected a period such as 2022 or a range 2018..2022", at: e.span, expected: ["a period"])
            return nil
        }
    }

    /// Every period from `a` to `b`, inclusive, at their frequency.
    static func expand(_ a: Period, _ b: Period) -> [Period] {
        guard a.frequency == b.frequency, a.ordinal <= b.ordinal else { return [a] }
        return (a.ordinal...b.ordinal).map { Period(frequency: a.frequency, ordinal: $0) }
    }

    mutating func checkSeriesFunction(_ f: SeriesFunction, _ fn: Identifier, _ args: [Argument], span: SourceSpan, insideAggregate: Bool) -> TypedExpr? {
        let help = FunctionSignatures.all[f.rawValue]
        guard let first = args.first, first.label == nil else {
            error(.wrongArguments, "`\(f.rawValue)` needs a series as its first argument", at: span, help: help); return nil
        }
        guard let x = checkExpr(first.value, insideAggregate: insideAggregate) else { return nil }
        var periods: [Period] = []
        var rest = Array(args.dropFirst())
        if f == .coalesce {
            guard rest.count == 1, let y = checkExpr(rest[0].value, insideAggregate: insideAggregate) else {
                error(.wrongArguments, "`coalesce` takes two arguments", at: span, help: help); return nil
            }
            guard y.type.kind == x.type.kind else { error(.wrongKind, "`coalesce` needs two values of one kind", at: span); return nil }
            if x.type.kind == .number, !checkUnits(.add, x, y, span: span) { return nil }
            return TypedExpr(kind: .series(f, [x, y], periods: []), type: x.type, span: span)
        }
        var sawRange = false
        for a in rest {
            if let label = a.label {
                error(.badNamedArgument, "`\(f.rawValue)` has no argument `\(label.name)`", at: label.span, help: help); return nil
            }
            guard let ps = periodArgument(a.value) else { return nil }
            if ps.isRange && f != .complete && f != .all && f != .any && f != .mean_over && f != .sum_over && f != .slope {
                error(.wrongArguments, "`\(f.rawValue)` takes single periods, not a range", at: a.value.span, help: help); return nil
            }
            sawRange = sawRange || ps.isRange
            periods += ps.periods
        }
        rest = []
        let needsSeries = f != .all && f != .any
        if needsSeries {
            guard x.type.kind == .number else { error(.wrongKind, "`\(f.rawValue)` needs numbers, got \(x.type)", at: x.span, help: help); return nil }
        } else {
            guard x.type.kind == .bool else { error(.wrongKind, "`\(f.rawValue)` needs a condition, got \(x.type)", at: x.span, help: help); return nil }
        }
        guard x.type.shape == .series else {
            error(.seriesRequired, "`\(f.rawValue)` needs a series; \(ASTPrinter.expr(first.value)) is \(x.type)", at: x.span,
                  help: "pass the whole series, not one period: \(help ?? "")"); return nil
        }
        // Period arity: fill from the `did` window when omitted.
        let wantsTwo: Set<SeriesFunction> = [.growth, .cagr, .change]
        let wantsRange: Set<SeriesFunction> = [.slope, .mean_over, .sum_over, .complete, .all, .any]
        if wantsTwo.contains(f) {
            if periods.isEmpty, let w = impliedWindow { periods = [w.0, w.1] }
            guard periods.count == 2 else {
                error(periods.count < 2 ? DiagnosticCode.missingPart : .wrongArguments, periods.count < 2 ? "`\(f.rawValue)` needs a start and an end period" : "`\(f.rawValue)` takes two periods",
                      at: span, label: "\(f.rawValue)(series, from, to)", help: "e.g. \(f.rawValue)(\(ASTPrinter.expr(first.value)), 2018, 2022)")
                return nil
            }
        } else if wantsRange.contains(f) {
            // A range covers every period in it; commas list periods: complete(x, 2018, 2022).
            if periods.isEmpty, let w = impliedWindow { periods = Self.expand(w.0, w.1) }
            _ = sawRange
        } else if f == .index {
            if periods.isEmpty, let w = impliedWindow { periods = [w.0] }
            guard periods.count == 1 else {
                error(.missingPart, "`index` needs its base period", at: span, help: "e.g. index(\(ASTPrinter.expr(first.value)), 2018)"); return nil
            }
        } else {
            guard periods.isEmpty else { error(.wrongArguments, "`\(f.rawValue)` takes no period", at: span, help: help); return nil }
        }
        let u = x.type.unit
        let type: ExprType
        switch f {
        case .growth: type = .number(.percent)
        case .cagr: type = .number(Unit("%/yr"))
        case .change: type = .number(u.difference, additive: x.type.additive)
        case .yoy: type = .number(.percent, .series)
        case .diff: type = .number(u.difference, .series, additive: x.type.additive)
        case .index: type = .number(.index, .series)
        case .slope: type = .number(u.isNone ? Unit("1/yr") : Unit(u.symbol + "/yr"))
        case .mean_over: type = .number(u)
        case .sum_over: type = .number(u, additive: x.type.additive)
        case .first, .last: type = .number(u, additive: x.type.additive)
        case .complete, .all, .any: type = .bool
        case .coalesce: type = x.type
        }
        return TypedExpr(kind: .series(f, [x], periods: periods), type: type, span: span)
    }

    mutating func checkAggregate(_ f: AggregateFunction, _ fn: Identifier, _ args: [Argument], span: SourceSpan, insideAggregate: Bool) -> TypedExpr? {
        let help = FunctionSignatures.all[f.rawValue]
        guard case .group = stageContext else {
            error(.misplacedAggregate, "`\(f.rawValue)` aggregates rows: it is allowed in `agg`, `compare` and `did`", at: fn.span,
                  help: "group first: `| agg x = \(f.rawValue)(…) by …`; across periods use `sum_over`/`mean_over`"); return nil
        }
        guard !insideAggregate else {
            error(.misplacedAggregate, "aggregates cannot be nested", at: fn.span); return nil
        }
        var positional: [TypedExpr] = []
        var weight: TypedExpr?
        var skip = false
        for a in args {
            if let label = a.label {
                switch label.name {
                case "weight" where f == .mean:
                    guard let w = checkExpr(a.value, insideAggregate: true) else { return nil }
                    guard w.type.kind == .number else { error(.wrongKind, "a weight must be a number", at: w.span); return nil }
                    weight = w
                case "missing" where f == .sum || f == .ratio:
                    guard case .name(let v) = a.value.kind, v == "skip" || v == "strict" else {
                        error(.badNamedArgument, "`missing` is `strict` or `skip`", at: a.value.span,
                              help: "write `missing = skip` to skip absent rows (the result is marked partial), or `missing = strict`, the default",
                              expected: ["strict", "skip"]); return nil
                    }
                    skip = v == "skip"
                default:
                    error(.badNamedArgument, "`\(f.rawValue)` has no argument `\(label.name)`", at: label.span, help: help); return nil
                }
            } else {
                guard let t = checkExpr(a.value, insideAggregate: true) else { return nil }
                positional.append(t)
            }
        }
        let arity = f == .ratio ? 2 : (f == .count ? positional.count : 1)
        guard positional.count == arity, positional.count <= 2 else {
            error(.wrongArguments, "`\(f.rawValue)` takes \(f == .ratio ? "two arguments" : "one argument")", at: span, help: help); return nil
        }
        for p in positional where f != .count && p.type.kind != .number {
            error(.wrongKind, "`\(f.rawValue)` needs numbers, got \(p.type)", at: p.span, help: help); return nil
        }
        let x = positional.first
        let shape: Shape = positional.contains { $0.type.shape == .series } ? .series : .scalar
        let type: ExprType
        switch f {
        case .sum:
            guard let x else { return nil }
            if !x.type.additive {
                var helpText = "use `mean(\(ASTPrinter.expr(args[0].value)), weight = …)` for an average"
                if case .column(let c) = x.kind, let id = snapshot.indicatorByCode[c], case .ratio(let n, let d) = snapshot[indicator: id].aggregate {
                    helpText = "aggregate as a ratio of sums: `ratio(\(n), \(d))` (add \(n), \(d) to `from`)"
                }
                error(.notAdditive, "cannot `sum` \(x.type.unit.isNone ? "this value" : "values in \(x.type.unit)"): it is not additive", at: span,
                      label: "a ratio, rate or mean", help: helpText)
                return nil
            }
            type = .number(x.type.unit, shape, additive: true)
        case .ratio:
            let (nu, du) = (positional[0].type.unit, positional[1].type.unit)
            type = .number(nu == du && !nu.isNone ? .percent : nu.dividedBy(du), shape)
        case .mean, .median, .min, .max:
            type = .number(x!.type.unit, shape)
        case .count:
            type = .number(.count, shape, additive: true)
        }
        return TypedExpr(kind: .aggregate(f, positional, weight: weight, skipMissing: skip), type: type, span: span)
    }
}
