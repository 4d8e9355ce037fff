/// The classes of a choropleth: inner bounds (breaks) cutting the values into intervals.
///
/// With breaks b₁ < … < bₘ there are m + 1 classes: below b₁, [b₁, b₂), …, [bₘ, ∞); a value
/// equal to a break is in the class above it. Quantile breaks are the (i/k)-quantiles of the
/// present values for i = 1 … k-1, interpolated linearly between order statistics (numpy's
/// default), equal breaks merged, so ties never make an empty class.
struct MapClasses: Equatable {
    /// The inner bounds, increasing.
    var breaks: [Double]

    /// Classes from given breaks.
    init(breaks: [Double]) { self.breaks = breaks }

    /// Quantile classes of `values` (present values only).
    init(quantilesOf values: [Double], classes k: Int) {
        let sorted = values.sorted()
        var b: [Double] = []
        if sorted.count > 1 {
            for i in 1..<k {
                let q = Double(i) / Double(k) * Double(sorted.count - 1)
                let lo = Int(q.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
                let v = sorted[lo] + (sorted[hi] - sorted[lo]) * (q - Double(lo))
                if b.last != v, v > sorted[0] { b.append(v) }
            }
        }
        breaks = b
    }

    /// How many classes.
    var count: Int { breaks.count + 1 }

    /// The class (0-based) of a value.
    func classOf(_ v: Double) -> Int { breaks.reduce(0) { $0 + (v >= $1 ? 1 : 0) } }

    /// The bounds of class `i`: the data's minimum and maximum close the open ends.
    func bounds(_ i: Int, min lo: Double, max hi: Double) -> (lower: Double, upper: Double) {
        (i == 0 ? lo : breaks[i - 1], i == breaks.count ? hi : breaks[i])
    }

    /// A sequential palette from pale yellow to dark red, `n` colours (2-10).
    static func palette(_ n: Int) -> [String] {
        let ramp = ["#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026", "#4d0013"]
        guard n > 1 else { return [ramp[4]] }
        return (0..<n).map { ramp[Int((Double($0) * Double(ramp.count - 1) / Double(n - 1)).rounded())] }
    }
}
