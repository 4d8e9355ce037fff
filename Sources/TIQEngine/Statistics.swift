import TIQCore

/// Descriptive statistics over the rows of a group (`agg`), each skipping absent values.
enum StatisticFunction: String, Sendable, CaseIterable {
    /// Sample standard deviation (divisor n − 1).
    case sd
    /// Sample variance (divisor n − 1).
    case `var`
    /// `quantile(x, p)`: linear interpolation between order statistics (type 7).
    case quantile
    /// `q(0.75) − q(0.25)`.
    case iqr
    /// Rows where a condition is true.
    case count_if
    /// Share of the rows where the condition is known in which it is true.
    case share_if
    /// Pearson correlation on the rows where both values are present.
    case corr
    /// OLS slope of y on x with an intercept, on the rows where both are present.
    case slope
    /// The n of a statistic: rows where every argument is present (the `_n` companion column).
    case n = "_n"

    /// The functions a query may name (`_n` is added by `agg` itself).
    static let named: [StatisticFunction] = [.sd, .var, .quantile, .iqr, .count_if, .share_if, .corr, .slope]

    /// How many positional arguments the function takes.
    var arity: Int {
        switch self {
        case .quantile, .corr, .slope: 2
        default: 1
        }
    }
}

/// The numeric kernels behind `StatisticFunction`: plain, two-pass, and exact on small inputs.
enum Statistics {
    /// The arithmetic mean; NaN for no values.
    static func mean(_ x: [Double]) -> Double {
        x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count)
    }

    /// The sample variance Σ(x − x̄)² / (n − 1); nil when n < 2.
    static func variance(_ x: [Double]) -> Double? {
        guard x.count >= 2 else { return nil }
        let m = mean(x)
        return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
    }

    /// The quantile of type 7 (numpy's default): h = (n − 1)·p, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)
    /// over the sorted values; nil for no values.
    static func quantile(sorted s: [Double], _ p: Double) -> Double? {
        guard !s.isEmpty else { return nil }
        let h = Double(s.count - 1) * p
        let lo = Int(h.rounded(.down))
        guard lo + 1 < s.count else { return s[s.count - 1] }
        return s[lo] + (h - Double(lo)) * (s[lo + 1] - s[lo])
    }

    /// Centred sums of squares and products of paired values: (Sxx, Syy, Sxy).
    static func moments(_ x: [Double], _ y: [Double]) -> (sxx: Double, syy: Double, sxy: Double) {
        let mx = mean(x), my = mean(y)
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxx += dx * dx
            syy += dy * dy
            sxy += dx * dy
        }
        return (sxx, syy, sxy)
    }

    /// Pearson's r = Sxy / √(Sxx·Syy); nil when n < 2 or either variable is constant.
    static func correlation(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count >= 2 else { return nil }
        let m = moments(x, y)
        guard m.sxx > 0, m.syy > 0 else { return nil }
        return m.sxy / (m.sxx * m.syy).squareRoot()
    }

    /// The OLS slope of y on x with an intercept, Sxy / Sxx; nil when n < 2 or x is constant.
    static func slope(y: [Double], x: [Double]) -> Double? {
        guard x.count >= 2 else { return nil }
        let m = moments(x, y)
        guard m.sxx > 0 else { return nil }
        return m.sxy / m.sxx
    }

    /// The value of `f` over one group's present values (`x`, and `y` for the paired functions;
    /// for `count_if`/`share_if`, `x` holds 1 for true and 0 for false). Nil is `undefined`.
    static func compute(_ f: StatisticFunction, x: [Double], y: [Double], parameter p: Double) -> Double? {
        switch f {
        case .sd: return variance(x).map { $0.squareRoot() }
        case .var: return variance(x)
        case .quantile: return quantile(sorted: x.sorted(), p)
        case .iqr:
            let s = x.sorted()
            guard let a = quantile(sorted: s, 0.25), let b = quantile(sorted: s, 0.75) else { return nil }
            return b - a
        case .count_if: return x.reduce(0, +)
        case .share_if: return x.isEmpty ? nil : x.reduce(0, +) / Double(x.count)
        case .corr: return correlation(x, y)
        case .slope: return slope(y: x, x: y)
        case .n: return Double(x.count)
        }
    }
}
