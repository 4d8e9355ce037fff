/// Order statistics with linear interpolation: R's type 7, numpy's default `percentile`.
enum Percentile {
    /// The `p` quantile (0 ≤ p ≤ 1) of `values`, which must not be empty; sorts a copy.
    static func type7(_ values: [Double], _ p: Double) -> Double {
        type7(sorted: values.sorted(), p)
    }

    /// The `p` quantile of already sorted values: h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
    static func type7(sorted x: [Double], _ p: Double) -> Double {
        guard !x.isEmpty else { return .nan }
        let h = Double(x.count - 1) * p
        let lo = Int(h.rounded(.down))
        guard lo + 1 < x.count else { return x[x.count - 1] }
        return x[lo] + (h - Double(lo)) * (x[lo + 1] - x[lo])
    }
}
