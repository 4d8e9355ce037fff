import TIQCore
import TIQStore

/// `did … model twfe` and `did … model event`: builds the balanced panel from the frame,
/// fits `TwoWayFixedEffects`, and lays the coefficients out with the notes every
/// inferential answer carries.
struct PanelEstimation {
    let comparison: Comparison
    var evaluator: Evaluator { comparison.evaluator }

    func run(_ frame: Frame, _ s: PanelSpec) throws(QueryFailure) -> Frame {
        guard case .bools(let flags) = try evaluator.eval(s.flag.1, frame) else {
            throw QueryFailure(kind: .type, diagnostics: [.error(.wrongKind, "the groups need a true/false flag", at: s.flag.1.span)])
        }
        let reader = Evaluator.NumberReader(vector: try evaluator.eval(s.outcome, frame))
        let positions = s.periods.compactMap { frame.axis?.index(of: $0) }
        let t = positions.count
        var y: [Double] = [], treated: [Bool] = []
        var totals = [0, 0], dropped = [0, 0]
        for i in 0..<frame.count where flags[i] != 2 {
            let g = flags[i] == 1 ? 0 : 1
            totals[g] += 1
            let values = positions.map { reader.get(i, $0).0 }
            guard values.allSatisfy(\.isFinite) else { dropped[g] += 1; continue }
            y += values
            treated.append(g == 0)
        }
        let n = treated.count
        var regressors: [[Double]] = [], terms: [String] = []
        var preIndices: [Int] = []
        if let r = s.reference {
            for (p, period) in s.periods.enumerated() where period != r {
                if period < s.firstTreated { preIndices.append(regressors.count) }
                regressors.append((0..<(n * t)).map { o in treated[o / t] && o % t == p ? 1 : 0 })
                terms.append(period.description)
            }
        } else {
            regressors.append((0..<(n * t)).map { o in treated[o / t] && s.periods[o % t] >= s.firstTreated ? 1 : 0 })
            terms.append("\(s.flag.0) × post")
        }
        let fit = treated.contains(true) && treated.contains(false)
            ? TwoWayFixedEffects(units: n, periods: t).fit(y: y, regressors: regressors) : nil

        var term: [String?] = [], est: [Double] = [], se: [Double] = [], stat: [Double] = [], p: [Double] = []
        var lo: [Double] = [], hi: [Double] = [], st: [ObservationStatus] = [], testSt: [ObservationStatus] = []
        let q = fit.map { Distributions.studentTQuantile(1 - (1 - s.level / 100) / 2, df: $0.degreesOfFreedom) } ?? .nan
        func row(_ name: String, _ b: Double, _ e: Double, _ t: Double, _ pv: Double, _ a: Double, _ z: Double,
                 _ value: ObservationStatus, _ test: ObservationStatus) {
            term.append(name); est.append(b); se.append(e); stat.append(t); p.append(pv); lo.append(a); hi.append(z)
            st.append(value); testSt.append(test)
        }
        // Rows in period order; the reference period of an event study is a row of its own.
        let order: [(String, Int?)] = s.reference.map { r in
            var j = 0
            return s.periods.map { period -> (String, Int?) in
                if period == r { return ("\(r) (ref)", nil) }
                defer { j += 1 }
                return (terms[j], j)
            }
        } ?? [(terms[0], 0)]
        for (name, j) in order {
            guard let j else { row(name, 0, .nan, .nan, .nan, .nan, .nan, .ok, .notApplicable); continue }
            if let fit {
                let b = fit.beta[j], e = fit.standardError(j)
                row(name, b, e, b / e, fit.pValue(j), b - q * e, b + q * e, .ok, .ok)
            } else {
                row(name, .nan, .nan, .nan, .nan, .nan, .nan, .undefined, .undefined)
            }
        }
        var wald: (f: Double, p: Double, df1: Int)?
        if s.reference != nil, !preIndices.isEmpty {
            wald = fit?.wald(preIndices)
            row("pre-trend (joint)", .nan, .nan, wald?.f ?? .nan, wald?.p ?? .nan, .nan, .nan, .notApplicable, wald == nil ? .undefined : .ok)
        }
        let rows = term.count
        let unit = s.outcome.type.unit.difference
        var out = Frame(level: nil, rows: Array(0..<rows), axis: nil)
        out.warnings = frame.warnings
        // A coefficient row has every cell; the reference row only its estimate (0); the test
        // row only its statistic and p-value.
        let coefficient = zip(st, testSt).map { $0.1 == .notApplicable ? ObservationStatus.notApplicable : $0.0 }
        let test = testSt
        out.columns = [
            FrameColumn(name: "term", type: .text, data: .texts(term)),
            FrameColumn(name: "estimate", type: .number(unit), data: .numbers(est, st)),
            FrameColumn(name: "se", type: .number(unit), data: .numbers(se, coefficient)),
            FrameColumn(name: "stat", type: .number(.none), data: .numbers(stat, test)),
            FrameColumn(name: "p", type: .number(.none), data: .numbers(p, test)),
            FrameColumn(name: "lo", type: .number(unit), data: .numbers(lo, coefficient)),
            FrameColumn(name: "hi", type: .number(unit), data: .numbers(hi, coefficient)),
            FrameColumn(name: "clusters", type: .number(.count), data: .numbers([Double](repeating: Double(n), count: rows), nil)),
            FrameColumn(name: "n", type: .number(.count), data: .numbers([Double](repeating: Double(n * t), count: rows), nil)),
        ]
        out.coverage = Coverage(rowsComplete: n, rowsTotal: totals[0] + totals[1])
        notes(&out, s, fit: fit, units: n, totals: totals, dropped: dropped, wald: wald, frame: frame)
        return out
    }

    private func notes(_ out: inout Frame, _ s: PanelSpec, fit: TwoWayFixedEffects.Fit?, units n: Int, totals: [Int], dropped: [Int],
                       wald: (f: Double, p: Double, df1: Int)?, frame: Frame) {
        let flag = s.flag.0, first = s.periods.first!, last = s.periods.last!
        let noun = comparison.executor.rowNoun(frame, 2)
        if dropped[0] + dropped[1] > 0 {
            out.warnings.append(.warning(.missingValuesDropped, "\(dropped[0] + dropped[1]) \(comparison.executor.rowNoun(frame, dropped[0] + dropped[1])) dropped for an absent value of `\(s.outcomeText)` in \(first)..\(last), to keep the panel balanced (\(flag)=true: \(dropped[0]), \(flag)=false: \(dropped[1]))",
                                         help: "state it explicitly with `| where complete(…, \(first)..\(last))`"))
        }
        guard let fit else {
            out.warnings.append(.warning(.inferenceUndefined, "no estimate: " + (n < 2 ? "fewer than two \(noun) in the panel" : "the design is singular (a group is empty, or the regressors are collinear with the effects)"),
                                         help: "widen the panel or check that both groups have territories with values in every period"))
            return
        }
        let k = fit.beta.count
        out.warnings.append(Diagnostic(.inferenceNote, message:
            "two-way fixed effects (territory and period effects) on a balanced panel of \(fit.clusters) \(noun) × \(fit.periods) periods (\(first)..\(last), N = \(fit.observations)); "
            + (s.reference == nil ? "D = \(flag) × (period ≥ \(s.firstTreated))" : "event study: one coefficient per period against \(s.reference!) (the reference, 0 by construction)")
            + "; OLS after the two-way within transformation; standard errors clustered by territory (CR1: c = G/(G−1)·(N−1)/(N−K), G = \(fit.clusters), K = \(k) + \(fit.periods - 1) = \(fit.parameters)); t, p and the \(Resampling.levelText(s.level)) % interval use Student t with G − 1 = \(fit.clusters - 1) df"))
        if let wald {
            out.warnings.append(Diagnostic(.inferenceNote, message:
                "pre-trend test: Wald W = β_preᵀ V_pre⁻¹ β_pre over the \(wald.df1) pre-period coefficients, F = W / \(wald.df1) with (\(wald.df1), \(fit.clusters - 1)) df"))
        } else if s.reference != nil {
            out.warnings.append(Diagnostic(.inferenceNote, message: "no pre-trend test: the reference is the only pre-treatment period"))
        }
        out.warnings.append(Diagnostic(.inferenceNote, message:
            "assumes parallel trends (without \(flag), both groups would have evolved alike) and no anticipation (no effect before \(s.firstTreated)); it does not prove causation: the estimate may reflect how the territories were selected or other shocks of the period, and a non-significant pre-trend test does not prove parallel trends"))
    }
}
