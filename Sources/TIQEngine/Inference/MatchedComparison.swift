import Foundation
import TIQCore
import TIQStore

/// `compare f on e matched on (…)`: the outcome per territory (each territory its own group),
/// covariates and exact keys per territory, `NearestNeighbourMatching`, and a table of the
/// ATT and the balance of every covariate.
struct MatchedComparison {
    let comparison: Comparison
    var evaluator: Evaluator { comparison.evaluator }
    var executor: Executor { comparison.executor }

    func run(_ frame: Frame, _ s: MatchingSpec) throws(QueryFailure) -> Frame {
        guard case .bools(let flags) = try evaluator.eval(s.flag.1, frame), let level = frame.level else {
            throw QueryFailure(kind: .type, diagnostics: [.error(.wrongKind, "the groups need a true/false flag", at: s.flag.1.span)])
        }
        let each = GroupContext(rowFrame: frame, groupOf: Array(0..<frame.count), groupCount: frame.count)
        let outcome = Evaluator.NumberReader(vector: try evaluator.eval(s.outcome, Frame(level: nil, rows: Array(0..<frame.count), axis: frame.axis, window: frame.window), group: each))
        var covariates: [Evaluator.NumberReader] = []
        for (_, e) in s.covariates { covariates.append(Evaluator.NumberReader(vector: try evaluator.eval(e, frame))) }
        var keys: [[KeyValue]] = []
        for (_, e) in s.exact { keys.append(executor.keyValues(try evaluator.eval(e, frame), count: frame.count)) }
        let codes = executor.snapshot[level: level].codes
        var units: [NearestNeighbourMatching.Unit] = []
        var totals = [0, 0], dropped = [0, 0]
        for i in 0..<frame.count where flags[i] != 2 {
            let g = flags[i] == 1 ? 0 : 1
            totals[g] += 1
            let y = outcome.get(i, 0).0, x = covariates.map { $0.get(i, 0).0 }, k = keys.map { $0[i] }
            guard y.isFinite, x.allSatisfy(\.isFinite), !k.contains(.absent) else { dropped[g] += 1; continue }
            units.append(.init(code: codes[frame.rows[i]], treated: g == 0, outcome: y, covariates: x,
                               exactKey: k.isEmpty ? nil : k.map { "\($0)" }.joined(separator: "\u{1F}")))
        }
        try evaluator.checkCancellation()
        let result = NearestNeighbourMatching(neighbours: s.neighbours, caliper: s.caliper).run(units)
        let z = Self.normalQuantile(1 - (1 - s.level / 100) / 2)
        var term: [String?] = [], est: [Double] = [], se: [Double] = [], stat: [Double] = [], p: [Double] = []
        var lo: [Double] = [], hi: [Double] = [], before: [Double] = [], after: [Double] = [], n: [Double] = []
        var kind: [Int] = []  // 0: the ATT, 1: a mean, 2: a balance row
        func row(_ k: Int, _ t: String, _ values: [Double]) {
            kind.append(k); term.append(t)
            est.append(values[0]); se.append(values[1]); stat.append(values[2]); p.append(values[3]); lo.append(values[4]); hi.append(values[5])
            before.append(values[6]); after.append(values[7]); n.append(values[8])
        }
        let nan = Double.nan
        if let r = result {
            let t = r.att / r.standardError
            row(0, "att", [r.att, r.standardError, t, erfc(abs(t) / 2.0.squareRoot()), r.att - z * r.standardError, r.att + z * r.standardError, nan, nan, Double(r.matchedTreated)])
            row(1, "treated mean", [r.treatedMean, nan, nan, nan, nan, nan, nan, nan, Double(r.matchedTreated)])
            row(1, "matched control mean", [r.matchedControlMean, nan, nan, nan, nan, nan, nan, nan, Double(r.controlsUsed)])
            for (c, (name, _)) in s.covariates.enumerated() { row(2, "balance: \(name)", [nan, nan, nan, nan, nan, nan, r.smdBefore[c], r.smdAfter[c], nan]) }
        } else {
            row(0, "att", [nan, nan, nan, nan, nan, nan, nan, nan, 0])
        }
        func statuses(_ values: [Double], applies: Set<Int>) -> [ObservationStatus] {
            zip(values, kind).map { applies.contains($0.1) ? ($0.0.isNaN ? .undefined : .ok) : .notApplicable }
        }
        let unit = s.outcome.type.unit.difference
        var out = Frame(level: nil, rows: Array(0..<term.count), axis: nil)
        out.warnings = frame.warnings
        out.columns = [
            FrameColumn(name: "term", type: .text, data: .texts(term)),
            FrameColumn(name: "estimate", type: .number(unit), data: .numbers(est, statuses(est, applies: [0, 1]))),
            FrameColumn(name: "se", type: .number(unit), data: .numbers(se, statuses(se, applies: [0]))),
            FrameColumn(name: "stat", type: .number(.none), data: .numbers(stat, statuses(stat, applies: [0]))),
            FrameColumn(name: "p", type: .number(.none), data: .numbers(p, statuses(p, applies: [0]))),
            FrameColumn(name: "lo", type: .number(unit), data: .numbers(lo, statuses(lo, applies: [0]))),
            FrameColumn(name: "hi", type: .number(unit), data: .numbers(hi, statuses(hi, applies: [0]))),
            FrameColumn(name: "smd_before", type: .number(.none), data: .numbers(before, statuses(before, applies: [2]))),
            FrameColumn(name: "smd_after", type: .number(.none), data: .numbers(after, statuses(after, applies: [2]))),
            FrameColumn(name: "n", type: .number(.count), data: .numbers(n, statuses(n, applies: [0, 1]))),
        ]
        out.coverage = Coverage(rowsComplete: units.count, rowsTotal: totals[0] + totals[1])
        notes(&out, s, result, totals: totals, dropped: dropped, frame: frame, z: z)
        return out
    }

    private func notes(_ out: inout Frame, _ s: MatchingSpec, _ r: NearestNeighbourMatching.Outcome?, totals: [Int], dropped: [Int], frame: Frame, z: Double) {
        let flag = s.flag.0
        if dropped[0] + dropped[1] > 0 {
            out.warnings.append(.warning(.missingValuesDropped, "\(dropped[0] + dropped[1]) \(executor.rowNoun(frame, dropped[0] + dropped[1])) dropped for an absent outcome, covariate or exact key (\(flag)=true: \(dropped[0]), \(flag)=false: \(dropped[1]))",
                                         help: "state it explicitly with `| where complete(…)` before matching"))
        }
        guard let r else {
            out.warnings.append(.warning(.inferenceUndefined, "no match: no treated territory has a control within the caliper (or with the same exact key)",
                                         help: "widen the caliper or drop `exact`"))
            return
        }
        if r.droppedTreated > 0 {
            out.warnings.append(.warning(.unmatchedTreated, "\(r.droppedTreated) \(flag)=true \(executor.rowNoun(frame, r.droppedTreated)) had no control within " + (s.caliper.map { "the caliper (\($0) sd)" } ?? "their exact key") + " and were dropped: the ATT is on the \(r.matchedTreated) matched",
                                         help: "the estimate describes the matched treated territories only"))
        }
        out.warnings.append(Diagnostic(.inferenceNote, message:
            "nearest-neighbour matching with replacement: \(s.neighbours) control(s) per \(flag)=true territory on the z-scores (pooled sample, sample sd) of " + s.covariates.map { "`\($0.0)`" }.joined(separator: ", ")
            + (s.exact.isEmpty ? "" : ", exactly on " + s.exact.map { "`\($0.0)`" }.joined(separator: ", ")) + (s.caliper.map { ", caliper \($0) sd" } ?? "")
            + ", Euclidean distance, ties by territory code; \(r.matchedTreated) treated matched to \(r.controlsUsed) distinct controls of \(r.controls); ATT = mean of (y − mean of the matches' y); "
            + "se: Abadie–Imbens (2006) with a constant conditional variance of the controls; `stat` = ATT/se, p and the \(Resampling.levelText(s.level)) % interval from the normal distribution; "
            + "balance: standardised mean differences (mean_T − mean_C)/sqrt((var_T + var_C)/2), after matching with controls weighted by use"))
        out.warnings.append(Diagnostic(.inferenceNote, message:
            "assumes selection on the covariates (no unobserved difference between treated and matched controls that affects the outcome) and overlap; it does not prove causation: balance on the listed covariates says nothing of the others"))
    }

    /// The standard normal quantile, by bisection on erfc (to 1e-15).
    static func normalQuantile(_ q: Double) -> Double {
        var lo = -40.0, hi = 40.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if 0.5 * erfc(-mid / 2.0.squareRoot()) < q { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
