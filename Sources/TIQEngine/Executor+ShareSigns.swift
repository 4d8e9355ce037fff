import TIQCore

extension TypedExpr {
    /// The arguments of every `share(…)` inside the expression.
    var shareArguments: [TypedExpr] {
        switch kind {
        case .window(.share, let e): return [e] + e.shareArguments
        case .unary(_, let e), .at(let e, _), .slice(let e, _, _), .fuzzy(let e, _), .window(_, let e): return e.shareArguments
        case .binary(_, let a, let b): return a.shareArguments + b.shareArguments
        case .inList(let e, let l): return e.shareArguments + l.flatMap(\.shareArguments)
        case .series(_, let args, _): return args.flatMap(\.shareArguments)
        case .aggregate(_, let args, let w, _): return args.flatMap(\.shareArguments) + (w?.shareArguments ?? [])
        default: return []
        }
    }
}

extension Executor {
    /// W411 when `share(x)` divides values of both signs by their total: a share of a net
    /// change is not the share of the gains or of the losses (nor in 0…100 %).
    func shareSignWarnings(_ e: TypedExpr, name: String, _ f: Frame) throws(QueryFailure) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for arg in e.shareArguments {
            let r = Evaluator.NumberReader(vector: try evaluator.eval(arg, f))
            let width = r.isSeries ? f.periods : 1
            var positive = false, negative = false
            for i in 0..<f.count {
                for p in 0..<width {
                    let x = r.value(i, p)
                    if x > 0 { positive = true } else if x < 0 { negative = true }
                }
            }
            if positive && negative {
                out.append(.warning(.mixedSignShare, "`\(name)`: `share` of values of both signs: a share of a net total, not of the gains or of the losses",
                                    at: arg.span, help: "keep one sign first, e.g. `| where x < 0` and share the losses `-x`"))
            }
        }
        return out
    }
}

extension TypedExpr {
    /// Every `complete(…)` test inside the expression.
    var completeTests: [TypedExpr] {
        switch kind {
        case .series(.complete, _, _): return [self]
        case .unary(_, let e), .at(let e, _), .slice(let e, _, _), .fuzzy(let e, _), .window(_, let e): return e.completeTests
        case .binary(_, let a, let b): return a.completeTests + b.completeTests
        case .series(_, let args, _): return args.flatMap(\.completeTests)
        default: return []
        }
    }
}

extension Executor {
    /// How many rows outside `kept` fail some `complete(…)` test of `e`: rows dropped for
    /// missing values by an explicit test (the W404 fix-it), still counted in the coverage.
    func incompleteRows(_ e: TypedExpr, _ f: Frame, kept: [Int]) throws(QueryFailure) -> Int {
        let tests = e.completeTests
        guard !tests.isEmpty else { return 0 }
        var failed = [Bool](repeating: false, count: f.count)
        for t in tests {
            guard case .bools(let b) = try evaluator.eval(t, f) else { continue }
            for i in b.indices where b[i] != 1 { failed[i] = true }
        }
        for i in kept { failed[i] = false }
        return failed.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
}
