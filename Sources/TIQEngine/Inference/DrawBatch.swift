import TIQCore

/// Statistics of many draws, computed in batches.
///
/// A draw is rows of the kept frame (they may repeat) with their group labels (0 treated,
/// 1 control), in the order the evaluator would see them. The two shapes `Resampling` makes
/// have their own entry points so that a kernel can skip building the rows:
/// - a bootstrap draw picks its rows itself from the generator, in the documented order;
/// - a relabelled draw (the observed data, or a permutation) is every kept row in frame order.
protocol DrawBatch {
    /// Adds a bootstrap draw: `treated.count` calls `rng.below(treated.count)` picking treated
    /// rows, then `control.count` calls `rng.below(control.count)` picking control rows; the
    /// treated picks are group 0, in pick order, then the control picks, group 1.
    mutating func recordResample(rng: inout Xoshiro256StarStar, treated: [Int], control: [Int]) throws(QueryFailure)
    /// Adds every kept row in frame order, row i labelled `labels[i]`.
    mutating func recordRelabelled(labels: [UInt8]) throws(QueryFailure)
    /// The statistic of every draw recorded since the last call, in draw order.
    mutating func flush() throws(QueryFailure) -> [Double]
}

/// The rows of a bootstrap draw, picked in `DrawBatch.recordResample`'s order.
enum BootstrapPicks {
    /// Fills `rows` with the treated picks then the control picks.
    static func rows(rng: inout Xoshiro256StarStar, treated: [Int], control: [Int], into rows: inout [Int]) {
        let nT = treated.count, nC = control.count
        if rows.count != nT + nC { rows = [Int](repeating: 0, count: nT + nC) }
        rows.withUnsafeMutableBufferPointer { r in
            treated.withUnsafeBufferPointer { t in
                for i in 0..<nT { r[i] = t[rng.below(nT)] }
            }
            control.withUnsafeBufferPointer { c in
                for i in 0..<nC { r[nT + i] = c[rng.below(nC)] }
            }
        }
    }
}

/// The slow, general path: each draw is evaluated at once by a closure (the evaluator on the
/// resampled frame, given the draw's rows and their labels). Used when `FlatGroupStatistic`
/// cannot take the statistic apart, and by the tests as the reference the fast path must
/// match bit for bit.
struct EvaluatedDraws: DrawBatch {
    let statistic: ([Int], [Int]) throws(QueryFailure) -> Double
    private var pending: [Double] = []

    init(_ statistic: @escaping ([Int], [Int]) throws(QueryFailure) -> Double) { self.statistic = statistic }

    mutating func recordResample(rng: inout Xoshiro256StarStar, treated: [Int], control: [Int]) throws(QueryFailure) {
        var rows: [Int] = []
        BootstrapPicks.rows(rng: &rng, treated: treated, control: control, into: &rows)
        pending.append(try statistic(rows, [Int](repeating: 0, count: treated.count) + [Int](repeating: 1, count: control.count)))
    }

    mutating func recordRelabelled(labels: [UInt8]) throws(QueryFailure) {
        pending.append(try statistic(Array(labels.indices), labels.map { Int($0) }))
    }

    mutating func flush() throws(QueryFailure) -> [Double] {
        defer { pending = [] }
        return pending
    }
}
