import TIQCore

/// The bootstrap interval and the permutation p-value of a two-group difference.
///
/// Both work on the kept territories, in frame order, each labelled 0 (the flag is true,
/// "treated") or 1 (false, "control"), and on a statistic computed from a list of rows with
/// their labels (rows may repeat). The random stream is fixed so that another implementation
/// can reproduce it (see `Xoshiro256StarStar`):
/// 1. one generator, `Xoshiro256StarStar(seed:)`;
/// 2. B bootstrap draws: for each, `nT` draws `below(nT)` picking treated rows (in frame order
///    of the treated), then `nC` draws `below(nC)` picking control rows;
/// 3. then B permutation draws from the same generator: each shuffles the current labels
///    (Fisher–Yates from the last position down: for i = n−1 … 1, j = below(i+1), swap i, j).
/// With strata (`compare … stratified by k with ci`), each draw does steps 2 and 3 for every
/// stratum in turn, in stratum order, within the stratum's own territories.
struct Resampling {
    /// The default number of draws.
    static let defaultDraws = 2_000
    /// The default seed, stated in every result that uses it.
    static let defaultSeed: UInt64 = 20_190_101
    /// The default interval level, in percent.
    static let defaultLevel = 95.0

    /// A level as written: `95`, `99.5`.
    static func levelText(_ level: Double) -> String {
        level == level.rounded() && abs(level) < 1e15 ? String(Int64(level)) : "\(level)"
    }

    /// What a run gives.
    struct Outcome: Equatable {
        /// The bootstrap differences that were defined, in draw order.
        var bootstrap: [Double]
        /// Bootstrap draws whose statistic was undefined (a zero denominator), dropped.
        var undefinedBootstrap: Int
        /// The percentile interval [q(α/2), q(1 − α/2)], type 7.
        var low: Double, high: Double
        /// Permutation draws with |d*| ≥ |d_obs|.
        var extreme: Int
        /// Permutation draws whose statistic was undefined, counted as not extreme.
        var undefinedPermutation: Int
        /// (1 + extreme) / (1 + B).
        var pValue: Double
    }

    /// The labels of the kept territories of each stratum, in frame order (one stratum for `compare`).
    let strata: [[Int]]
    let draws: Int
    let seed: UInt64
    let level: Double

    /// One stratum: the kept territories labelled `labels`.
    init(labels: [Int], draws: Int, seed: UInt64, level: Double) {
        self.init(strata: [labels], draws: draws, seed: seed, level: level)
    }

    /// Several strata, resampled and permuted each within itself.
    init(strata: [[Int]], draws: Int, seed: UInt64, level: Double) {
        self.strata = strata
        self.draws = draws
        self.seed = seed
        self.level = level
    }

    /// Draws recorded before the statistic of the batch is computed (bounds the memory).
    static let batch = 1_024

    /// Runs both procedures; `statistic` gives T − C for a draw's rows (positions into the
    /// frame of the labels, repeated rows allowed) and labels; `observed` is the statistic on
    /// the data as they are.
    func run<B: DrawBatch>(observed: Double, statistic: inout B) throws(QueryFailure) -> Outcome {
        var list: [any DrawBatch] = [statistic]
        let outcome = try run(observed: observed, strata: &list) { $0[0] }
        if let b = list[0] as? B { statistic = b }
        return outcome
    }

    /// Runs both procedures over strata: `statistics[s]` gives the draw's statistic of stratum
    /// s, `combine` the draw's value from those of every stratum (in stratum order).
    ///
    /// Per bootstrap draw, the strata are drawn in order, each as `DrawBatch.recordResample`
    /// (its treated picks, then its control picks); per permutation draw, each stratum's
    /// current labels are shuffled in stratum order (Fisher–Yates from the last position down).
    func run(observed: Double, strata statistics: inout [any DrawBatch], combine: ([Double]) -> Double) throws(QueryFailure) -> Outcome {
        var rng = Xoshiro256StarStar(seed: seed)
        let members = strata.map { labels in
            (labels.indices.filter { labels[$0] == 0 }, labels.indices.filter { labels[$0] == 1 })
        }
        func flush() throws(QueryFailure) -> [Double] {
            var values: [[Double]] = []
            for s in statistics.indices { values.append(try statistics[s].flush()) }
            guard let first = values.first else { return [] }
            return first.indices.map { d in combine(values.map { $0[d] }) }
        }
        var boot: [Double] = []
        boot.reserveCapacity(draws)
        var undefinedBoot = 0
        func collect(_ values: [Double]) {
            for d in values { if d.isFinite { boot.append(d) } else { undefinedBoot += 1 } }
        }
        for b in 0..<draws {
            for s in statistics.indices {
                try statistics[s].recordResample(rng: &rng, treated: members[s].0, control: members[s].1)
            }
            if (b + 1) % Self.batch == 0 { collect(try flush()) }
        }
        collect(try flush())
        let sorted = boot.sorted()
        let alpha = 1 - level / 100
        let low = Percentile.type7(sorted: sorted, alpha / 2), high = Percentile.type7(sorted: sorted, 1 - alpha / 2)

        var current = strata.map { $0.map { UInt8($0) } }
        var extreme = 0, undefinedPerm = 0
        let threshold = abs(observed)
        func count(_ values: [Double]) {
            for d in values { if !d.isFinite { undefinedPerm += 1 } else if abs(d) >= threshold { extreme += 1 } }
        }
        for b in 0..<draws {
            for s in statistics.indices {
                current[s].withUnsafeMutableBufferPointer { c in
                    var i = c.count - 1
                    while i > 0 {
                        let j = rng.below(i + 1)
                        c.swapAt(i, j)
                        i -= 1
                    }
                }
                try statistics[s].recordRelabelled(labels: current[s])
            }
            if (b + 1) % Self.batch == 0 { count(try flush()) }
        }
        count(try flush())
        return Outcome(bootstrap: boot, undefinedBootstrap: undefinedBoot, low: low, high: high,
                       extreme: extreme, undefinedPermutation: undefinedPerm,
                       pValue: Double(1 + extreme) / Double(1 + draws))
    }
}
