import TIQCore
import TIQStore

/// `compare … with ci` and `did … with ci`: the descriptive answer plus a bootstrap interval
/// and a permutation p-value on its `diff` row (docs/evaluation.md § Inference).
extension Comparison {
    /// Dispatches a checked inference stage.
    func inference(_ frame: Frame, _ plan: InferencePlan) throws(QueryFailure) -> Frame {
        switch plan {
        case .compare(let flag, let value, let settings):
            let out = try compare(frame, flag: flag, value: value)
            let (kept, labels, _, _, _) = try groups(frame, flag: flag, values: [value], periods: value.explicitPeriods)
            return try withResampling(out, flag: flag.0, kept: kept, labels: labels, settings: settings, expressions: [value]) { t, c in t[0] - c[0] }
        case .did(let flag, let pre, let post, let preValue, let postValue, let settings):
            let out = try did(frame, flag: flag, pre: pre, post: post, preValue: preValue, postValue: postValue)
            let periods = Array(Set(preValue.explicitPeriods + postValue.explicitPeriods)).sorted()
            let (kept, labels, _, _, _) = try groups(frame, flag: flag, values: [preValue, postValue], periods: periods)
            // (T_post − C_post) − (T_pre − C_pre)
            return try withResampling(out, flag: flag.0, kept: kept, labels: labels, settings: settings,
                                      expressions: [preValue, postValue]) { t, c in (t[1] - c[1]) - (t[0] - c[0]) }
        case .panel(let spec):
            return try PanelEstimation(comparison: self).run(frame, spec)
        case .matched(let spec):
            return try MatchedComparison(comparison: self).run(frame, spec)
        case .stratified(let spec):
            return try StratifiedComparison(comparison: self).run(frame, spec)
        case .staggered(let spec):
            return try StaggeredComparison(comparison: self).run(frame, spec)
        }
    }

    /// The statistic of groups 0 and 1 over `rows` of `kept` (nil: every row in order) labelled `labels`.
    func groupValues(_ value: TypedExpr, kept: Frame, rows: [Int]?, labels: [Int]) throws(QueryFailure) -> (Double, Double) {
        try evaluator.checkCancellation()
        var f = kept
        if let rows { f.select(rows) }
        let ctx = GroupContext(rowFrame: f, groupOf: labels, groupCount: 2)
        let groupFrame = Frame(level: nil, rows: [0, 1], axis: kept.axis, window: kept.window)
        let r = Evaluator.NumberReader(vector: try evaluator.eval(value, groupFrame, group: ctx))
        return (r.get(0, 0).0, r.get(1, 0).0)
    }

    /// The statistic of a draw: `combine` of the values of `expressions` for group 0 and group 1,
    /// taken apart per territory (`FlatGroupStatistic`) when it can be, else evaluated draw by draw.
    func drawStatistic(kept: Frame, expressions: [TypedExpr], combine: @escaping ([Double], [Double]) -> Double,
                       fast: Bool = true) throws(QueryFailure) -> any DrawBatch {
        if fast, let flat = try FlatGroupStatistic(evaluator: evaluator, kept: kept, expressions: expressions, combine: combine) { return flat }
        return EvaluatedDraws { (rows, labels) throws(QueryFailure) in
            var t: [Double] = [], c: [Double] = []
            for e in expressions {
                let v = try groupValues(e, kept: kept, rows: rows, labels: labels)
                t.append(v.0); c.append(v.1)
            }
            return combine(t, c)
        }
    }

    /// Adds `lo`, `hi` and `p` to the `diff` row of a descriptive answer, with the notes that
    /// state the method, the n per group, the draws, the seed and the level.
    private func withResampling(_ base: Frame, flag: String, kept: Frame, labels: [Int], settings s: ResamplingSettings,
                                expressions: [TypedExpr], combine: @escaping ([Double], [Double]) -> Double) throws(QueryFailure) -> Frame {
        var out = base
        var statistic = try drawStatistic(kept: kept, expressions: expressions, combine: combine)
        try statistic.recordRelabelled(labels: labels.map { UInt8($0) })
        let observed = try statistic.flush()[0]
        let nT = labels.filter { $0 == 0 }.count, nC = labels.count - nT
        let unit = out.diffUnit ?? .none
        let na: [ObservationStatus] = [.notApplicable, .notApplicable]
        guard nT >= 1, nC >= 1, observed.isFinite else {
            for name in ["lo", "hi", "p"] {
                out.set(FrameColumn(name: name, type: .number(name == "p" ? .none : unit), data: .numbers([.nan, .nan, .nan], na + [.undefined])))
            }
            out.warnings.append(.warning(.inferenceUndefined, "no interval: \(nT == 0 || nC == 0 ? "a group is empty" : "the difference is undefined")",
                                         help: "each group needs at least one territory with the values the comparison reads"))
            return out
        }
        let o = try Resampling(labels: labels, draws: s.draws, seed: s.seed, level: s.level).run(observed: observed, statistic: &statistic)
        let defined = o.bootstrap.isEmpty ? ObservationStatus.undefined : .ok
        out.set(FrameColumn(name: "lo", type: .number(unit), data: .numbers([.nan, .nan, o.low], na + [defined])))
        out.set(FrameColumn(name: "hi", type: .number(unit), data: .numbers([.nan, .nan, o.high], na + [defined])))
        out.set(FrameColumn(name: "p", type: .number(.none), data: .numbers([.nan, .nan, o.pValue], na + [.ok])))
        let level = Resampling.levelText(s.level)
        let seedText = s.seed == Resampling.defaultSeed ? "\(s.seed) (the default; set it with `seed`)" : "\(s.seed)"
        out.warnings.append(Diagnostic(.inferenceNote, message:
            "bootstrap over territories: \(s.draws) draws resampling with replacement within each group (\(flag)=true: n = \(nT), \(flag)=false: n = \(nC)); `lo`, `hi`: the \(level) % percentile interval of the differences (type 7); `p`: permutation test, two-sided, (1 + #{|d*| ≥ |d|}) / (1 + \(s.draws)) with \(o.extreme) such draws; generator xoshiro256**, seed \(seedText)"))
        out.warnings.append(Diagnostic(.inferenceNote, message:
            "assumes territories are independent and exchangeable within their group; the interval measures sampling variability of the difference only: it does not prove that \(flag) caused the difference (selection of the territories, other policies, regression to the mean)"))
        if o.undefinedBootstrap + o.undefinedPermutation > 0 {
            out.warnings.append(.warning(.inferenceUndefined, "\(o.undefinedBootstrap) bootstrap and \(o.undefinedPermutation) permutation draws gave no value (a zero denominator) and were left out",
                                         help: "restrict to territories with a non-zero base, e.g. `| where x@2018 > 0`"))
        }
        return out
    }
}
