/// Nearest-neighbour matching of treated units to control units on standardised covariates,
/// with replacement, as docs/evaluation.md § Inference defines it.
///
/// - Covariates are z-scored over the pooled sample (treated and controls, sample sd); a
///   covariate with sd 0 contributes nothing.
/// - Each treated unit takes its k nearest controls in Euclidean distance, ties broken by the
///   lower territory code; with `exact` keys, only controls with the same key; with a caliper
///   c, only controls within distance c (in sd units) — a treated unit with none is dropped.
/// - ATT = mean over matched treated i of (yᵢ − mean of its matches' y).
/// - Standard error: Abadie & Imbens (2006) for the ATT with a constant conditional variance
///   of the controls, σ̂²_C (sample variance of y among all controls):
///   V = (1/N₁²) [Σᵢ (τᵢ − ATT)² + σ̂²_C Σⱼ (wⱼ² − Σ_{i: j ∈ J(i)} 1/mᵢ²)],
///   where mᵢ is i's number of matches and wⱼ = Σ_{i: j ∈ J(i)} 1/mᵢ the weight of control j.
struct NearestNeighbourMatching {
    /// The data of one unit.
    struct Unit {
        var code: String
        var treated: Bool
        var outcome: Double
        var covariates: [Double]
        /// The exact-matching key (nil: no exact matching).
        var exactKey: String?
    }

    /// What matching gives.
    struct Outcome {
        var att: Double
        var standardError: Double
        /// Matched treated units, treated dropped by the caliper or the exact key, distinct controls used.
        var matchedTreated: Int, droppedTreated: Int, controlsUsed: Int
        /// Controls available.
        var controls: Int
        /// Standardised mean differences per covariate, before and after matching.
        var smdBefore: [Double], smdAfter: [Double]
        /// Mean outcome of the matched treated and of their weighted matches.
        var treatedMean: Double, matchedControlMean: Double
    }

    let neighbours: Int
    let caliper: Double?

    /// Matches, or nil when no treated unit finds a match.
    func run(_ units: [Unit]) -> Outcome? {
        guard let first = units.first else { return nil }
        let m = first.covariates.count
        let z = standardised(units, covariates: m)
        let treated = units.indices.filter { units[$0].treated }
        // Controls in code order, so that the first of equal distances is the lower code.
        let controls = units.indices.filter { !units[$0].treated }.sorted { units[$0].code < units[$1].code }
        var weight = [Double](repeating: 0, count: units.count)
        var inverseSquares = [Double](repeating: 0, count: units.count)
        var effects: [Double] = [], matchedTreated: [Int] = []
        let limit = caliper.map { $0 * $0 }
        for i in treated {
            var best: [(d: Double, j: Int)] = []
            for j in controls {
                if let key = units[i].exactKey, units[j].exactKey != key { continue }
                var d = 0.0
                for c in 0..<m { let e = z[i][c] - z[j][c]; d += e * e }
                if let limit, d > limit { continue }
                // Insert keeping (distance, code order); strict < keeps the earlier (lower) code on ties.
                if best.count == neighbours, d >= best[best.count - 1].d { continue }
                var at = best.count
                while at > 0, d < best[at - 1].d { at -= 1 }
                best.insert((d, j), at: at)
                if best.count > neighbours { best.removeLast() }
            }
            guard !best.isEmpty else { continue }
            let mi = Double(best.count)
            let control = best.reduce(0) { $0 + units[$1.j].outcome } / mi
            for b in best { weight[b.j] += 1 / mi; inverseSquares[b.j] += 1 / (mi * mi) }
            effects.append(units[i].outcome - control)
            matchedTreated.append(i)
        }
        guard !effects.isEmpty else { return nil }
        let n1 = Double(effects.count)
        let att = effects.reduce(0, +) / n1
        let controlOutcomes = controls.map { units[$0].outcome }
        let sigma2 = Self.sampleVariance(controlOutcomes) ?? 0
        var v = effects.reduce(0) { $0 + ($1 - att) * ($1 - att) }
        for j in controls { v += sigma2 * (weight[j] * weight[j] - inverseSquares[j]) }
        v /= n1 * n1
        var before: [Double] = [], after: [Double] = []
        for c in 0..<m {
            let t = treated.map { units[$0].covariates[c] }, u = controls.map { units[$0].covariates[c] }
            before.append(Self.smd(t, Array(repeating: 1, count: t.count), u, Array(repeating: 1, count: u.count)))
            let tm = matchedTreated.map { units[$0].covariates[c] }
            let used = controls.filter { weight[$0] > 0 }
            after.append(Self.smd(tm, Array(repeating: 1, count: tm.count), used.map { units[$0].covariates[c] }, used.map { weight[$0] }))
        }
        let treatedMean = matchedTreated.reduce(0) { $0 + units[$1].outcome } / n1
        return Outcome(att: att, standardError: v.squareRoot(), matchedTreated: effects.count,
                       droppedTreated: treated.count - effects.count, controlsUsed: controls.filter { weight[$0] > 0 }.count,
                       controls: controls.count, smdBefore: before, smdAfter: after,
                       treatedMean: treatedMean, matchedControlMean: treatedMean - att)
    }

    /// z-scores over the pooled sample; sd 0 gives 0.
    private func standardised(_ units: [Unit], covariates m: Int) -> [[Double]] {
        var z = units.map { $0.covariates }
        for c in 0..<m {
            let x = units.map { $0.covariates[c] }
            let mean = x.reduce(0, +) / Double(x.count)
            let sd = (Self.sampleVariance(x) ?? 0).squareRoot()
            for i in units.indices { z[i][c] = sd > 0 ? (x[i] - mean) / sd : 0 }
        }
        return z
    }

    /// Sample variance (n − 1); nil below two values.
    static func sampleVariance(_ x: [Double]) -> Double? {
        weightedVariance(x, Array(repeating: 1, count: x.count))
    }

    /// Frequency-weighted variance Σw(x − x̄_w)² / (Σw − 1); nil when Σw ≤ 1.
    static func weightedVariance(_ x: [Double], _ w: [Double]) -> Double? {
        let sw = w.reduce(0, +)
        guard sw > 1 else { return nil }
        let mean = zip(x, w).reduce(0) { $0 + $1.0 * $1.1 } / sw
        return zip(x, w).reduce(0) { $0 + $1.1 * ($1.0 - mean) * ($1.0 - mean) } / (sw - 1)
    }

    /// (mean_T − mean_C) / sqrt((var_T + var_C) / 2), weighted means and variances.
    static func smd(_ t: [Double], _ wt: [Double], _ c: [Double], _ wc: [Double]) -> Double {
        guard let vt = weightedVariance(t, wt), let vc = weightedVariance(c, wc) else { return .nan }
        let mt = zip(t, wt).reduce(0) { $0 + $1.0 * $1.1 } / wt.reduce(0, +)
        let mc = zip(c, wc).reduce(0) { $0 + $1.0 * $1.1 } / wc.reduce(0, +)
        let s = ((vt + vc) / 2).squareRoot()
        return s > 0 ? (mt - mc) / s : .nan
    }
}
