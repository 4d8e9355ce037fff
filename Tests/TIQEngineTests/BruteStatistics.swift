import Foundation

/// Independent implementations of the descriptive statistics, for checking the engine: online
/// (Welford) moments rather than the engine's two passes, R's 1-based type-7 formula for
/// quantiles. Nil is `undefined`.
enum BruteStatistics {
    /// Running mean and centred co-moments of paired values (Welford's update).
    static func comoments(_ pairs: [(Double, Double)]) -> (n: Int, cxx: Double, cyy: Double, cxy: Double) {
        var n = 0, mx = 0.0, my = 0.0, cxx = 0.0, cyy = 0.0, cxy = 0.0
        for (x, y) in pairs {
            n += 1
            let dx = x - mx, dy = y - my
            mx += dx / Double(n)
            my += dy / Double(n)
            cxx += dx * (x - mx)
            cyy += dy * (y - my)
            cxy += dx * (y - my)
        }
        return (n, cxx, cyy, cxy)
    }

    static func variance(_ x: [Double]) -> Double? {
        let m = comoments(x.map { ($0, $0) })
        return m.n < 2 ? nil : m.cxx / Double(m.n - 1)
    }

    static func sd(_ x: [Double]) -> Double? { variance(x).map { Foundation.sqrt($0) } }

    /// R's type 7: with 1-based order statistics, h = 1 + (n − 1)p, Q = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋).
    static func quantile(_ x: [Double], _ p: Double) -> Double? {
        guard !x.isEmpty else { return nil }
        let s = x.sorted()
        let h = 1 + Double(s.count - 1) * p
        let j = Int(Foundation.floor(h))
        let lower = s[j - 1], upper = j < s.count ? s[j] : s[j - 1]
        return lower + (h - Double(j)) * (upper - lower)
    }

    static func iqr(_ x: [Double]) -> Double? {
        guard let a = quantile(x, 0.25), let b = quantile(x, 0.75) else { return nil }
        return b - a
    }

    static func corr(_ pairs: [(Double, Double)]) -> Double? {
        let m = comoments(pairs)
        guard m.n >= 2, m.cxx > 0, m.cyy > 0 else { return nil }
        return m.cxy / Foundation.sqrt(m.cxx * m.cyy)
    }

    /// OLS slope of y on x: pairs are (y, x).
    static func slope(_ pairs: [(Double, Double)]) -> Double? {
        let m = comoments(pairs.map { ($0.1, $0.0) })
        guard m.n >= 2, m.cxx > 0 else { return nil }
        return m.cxy / m.cxx
    }
}
