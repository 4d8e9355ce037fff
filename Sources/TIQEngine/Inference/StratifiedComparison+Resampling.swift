import TIQCore

/// `compare f on e stratified by k with ci …`: a bootstrap interval and a permutation p-value
/// for the combined gap (docs/evaluation.md § Stratified comparison).
///
/// Only the strata that enter the combined gap take part, each with its own territories: a
/// bootstrap draw resamples with replacement within each group within each stratum (every
/// cell keeps its size, so the weights n_treated / Σ n_treated do not change), recomputes each
/// stratum's gap and combines them with those weights; a permutation draw shuffles the labels
/// within each stratum. The random stream is `Resampling`'s, stratum after stratum.
extension StratifiedComparison {
    /// A stratum's kept rows (positions in `kept`, frame order) and their labels (0 treated, 1 control).
    struct Members {
        var rows: [Int], labels: [Int]
    }

    /// The observed combined gap and the outcome of both procedures.
    func resample(kept: Frame, strata: [Members], weights: [Double], value: TypedExpr,
                  settings s: ResamplingSettings) throws(QueryFailure) -> (observed: Double, outcome: Resampling.Outcome) {
        var statistics: [any DrawBatch] = []
        for m in strata {
            var f = kept
            f.select(m.rows)
            statistics.append(try comparison.drawStatistic(kept: f, expressions: [value]) { t, c in t[0] - c[0] })
        }
        // As the combined row: Σ w·diff in stratum order.
        let combine = { (d: [Double]) -> Double in
            var c = 0.0
            for (w, x) in zip(weights, d) { c += w * x }
            return c
        }
        var gaps: [Double] = []
        for (k, m) in strata.enumerated() {
            try statistics[k].recordRelabelled(labels: m.labels.map { UInt8($0) })
            gaps.append(try statistics[k].flush()[0])
        }
        let observed = combine(gaps)
        let r = Resampling(strata: strata.map(\.labels), draws: s.draws, seed: s.seed, level: s.level)
        return (observed, try r.run(observed: observed, strata: &statistics, combine: combine))
    }

    /// Adds `lo`, `hi` and `p` to the combined row (the last) of `out`, with the notes.
    func addResampling(_ out: inout Frame, flag: String, key: String, kept: Frame, strata: [Members], weights: [Double],
                       value: TypedExpr, settings s: ResamplingSettings) throws(QueryFailure) {
        let rows = out.count, unit = value.type.unit.difference
        func set(_ lo: Double, _ hi: Double, _ p: Double, _ status: ObservationStatus, _ pStatus: ObservationStatus) {
            let na = [ObservationStatus](repeating: .notApplicable, count: rows - 1)
            let absent = [Double](repeating: .nan, count: rows - 1)
            out.set(FrameColumn(name: "lo", type: .number(unit), data: .numbers(absent + [lo], na + [status])))
            out.set(FrameColumn(name: "hi", type: .number(unit), data: .numbers(absent + [hi], na + [status])))
            out.set(FrameColumn(name: "p", type: .number(.none), data: .numbers(absent + [p], na + [pStatus])))
        }
        guard !strata.isEmpty else {
            set(.nan, .nan, .nan, .undefined, .undefined)
            out.warnings.append(.warning(.inferenceUndefined, "no interval: no stratum has territories of both groups",
                                         help: "a stratum needs territories of both groups; coarser strata keep more of them"))
            return
        }
        let (observed, o) = try resample(kept: kept, strata: strata, weights: weights, value: value, settings: s)
        guard observed.isFinite else {
            set(.nan, .nan, .nan, .undefined, .undefined)
            return
        }
        set(o.low, o.high, o.pValue, o.bootstrap.isEmpty ? .undefined : .ok, .ok)
        let nT = strata.map { $0.labels.filter { $0 == 0 }.count }.reduce(0, +)
        let nC = strata.map(\.labels.count).reduce(0, +) - nT
        let level = Resampling.levelText(s.level)
        let seedText = s.seed == Resampling.defaultSeed ? "\(s.seed) (the default; set it with `seed`)" : "\(s.seed)"
        out.warnings.append(Diagnostic(.inferenceNote, message:
            "bootstrap of the combined gap: \(s.draws) draws resampling with replacement within each group within each of the \(strata.count) strata (\(flag)=true: n = \(nT), \(flag)=false: n = \(nC)), each stratum's gap recomputed and combined with the same weights; `lo`, `hi`: the \(level) % percentile interval (type 7); `p`: permutation test shuffling \(flag) within each \(key), two-sided, (1 + #{|d*| ≥ |d|}) / (1 + \(s.draws)) with \(o.extreme) such draws; generator xoshiro256**, seed \(seedText)"))
        if o.undefinedBootstrap + o.undefinedPermutation > 0 {
            out.warnings.append(.warning(.inferenceUndefined, "\(o.undefinedBootstrap) bootstrap and \(o.undefinedPermutation) permutation draws gave no value (a zero denominator in some stratum) and were left out",
                                         help: "restrict to territories with a non-zero base, e.g. `| where x@2018 > 0`"))
        }
    }
}
