import TIQCore
import TIQStore

/// The checked form of `did G pre … post … on y model staggered`.
struct StaggeredSpec: Sendable {
    /// The timed grouping level whose membership at each period defines entry (`ti2`).
    var group: LevelID
    var flagName: String
    /// A row-level numeric series: y_it.
    var outcome: TypedExpr
    var outcomeText: String
    /// The panel's periods (pre then post, in order) and the first post period.
    var periods: [Period]
    var firstPost: Period
}

/// `did G pre … post … on y model staggered`: each territory's entry is the first panel period
/// at which it is a member of G (by the links valid then); every cohort entering in the post
/// window is compared with the territories not yet members, period by period
/// (`StaggeredEstimator`), and the cells are averaged with cohort-size weights.
struct StaggeredComparison {
    let comparison: Comparison
    var evaluator: Evaluator { comparison.evaluator }

    func run(_ frame: Frame, _ s: StaggeredSpec) throws(QueryFailure) -> Frame {
        let snapshot = evaluator.snapshot
        let reader = Evaluator.NumberReader(vector: try evaluator.eval(s.outcome, frame))
        let positions = s.periods.compactMap { frame.axis?.index(of: $0) }
        let t = positions.count
        let firstPost = s.periods.firstIndex(of: s.firstPost)!
        let shares = s.periods.map { p in frame.level.flatMap { snapshot.timeline.shares(of: $0, in: s.group, at: p) } }
        var y: [Double] = [], entry: [Int?] = []
        var already = 0, dropped = 0
        for i in 0..<frame.count {
            let row = frame.rows[i]
            let first = shares.firstIndex { ($0?[row] ?? 0) >= 0.5 }
            if let first, first < firstPost { already += 1; continue }
            let values = positions.map { reader.get(i, $0).0 }
            guard values.allSatisfy(\.isFinite) else { dropped += 1; continue }
            y += values
            entry.append(first)
        }
        let result = StaggeredEstimator.estimate(y: y, entry: entry, periods: t, firstCohort: firstPost)

        var cohort: [String?] = [], period: [String?] = [], att: [Double] = [], st: [ObservationStatus] = []
        var nT: [Double] = [], nC: [Double] = [], weight: [Double] = []
        for c in result.cells {
            cohort.append(s.periods[c.cohort].description); period.append(s.periods[c.period].description)
            att.append(c.att); st.append(c.att.isFinite ? .ok : .undefined)
            nT.append(Double(c.treated)); nC.append(Double(c.controls))
            weight.append(c.att.isFinite && result.weightTotal > 0 ? Double(c.treated) / Double(result.weightTotal) : 0)
        }
        cohort.append("overall"); period.append("\(s.firstPost)..\(s.periods.last!)")
        att.append(result.overall); st.append(result.overall.isFinite ? .ok : .undefined)
        nT.append(Double(Set(result.cells.map(\.cohort)).reduce(0) { n, g in n + entry.filter { $0 == g }.count }))
        nC.append(Double(entry.filter { $0 == nil }.count)); weight.append(result.weightTotal > 0 ? 1 : 0)

        let unit = s.outcome.type.unit.difference
        var out = Frame(level: nil, rows: Array(0..<cohort.count), axis: nil)
        out.warnings = frame.warnings
        out.columns = [
            FrameColumn(name: "cohort", type: .text, data: .texts(cohort)),
            FrameColumn(name: "period", type: .text, data: .texts(period)),
            FrameColumn(name: "att", type: .number(unit), data: .numbers(att, st)),
            FrameColumn(name: "n_treated", type: .number(.count), data: .numbers(nT, nil)),
            FrameColumn(name: "n_control", type: .number(.count), data: .numbers(nC, nil)),
            FrameColumn(name: "weight", type: .number(.percent), data: .numbers(weight, nil)),
        ]
        out.coverage = Coverage(rowsComplete: entry.count, rowsTotal: frame.count)
        notes(&out, s, result: result, units: entry.count, already: already, dropped: dropped, frame: frame)
        return out
    }

    private func notes(_ out: inout Frame, _ s: StaggeredSpec, result: StaggeredEstimator.Result, units: Int,
                       already: Int, dropped: Int, frame: Frame) {
        let first = s.periods.first!, last = s.periods.last!, g = s.flagName
        let noun = { (n: Int) in comparison.executor.rowNoun(frame, n) }
        if dropped > 0 {
            out.warnings.append(.warning(.missingValuesDropped, "\(dropped) \(noun(dropped)) dropped for an absent value of `\(s.outcomeText)` in \(first)..\(last), to keep the panel balanced",
                                         help: "state it explicitly with `| where complete(…, \(first)..\(last))`"))
        }
        if already > 0 {
            out.warnings.append(Diagnostic(.inferenceNote, message:
                "\(already) \(noun(already)) already in \(g) in the pre window (\(first)..\(s.periods[s.periods.firstIndex(of: s.firstPost)! - 1])) left out: they have no period before their entry to compare"))
        }
        let empty = result.cells.filter { !$0.att.isFinite }
        if !empty.isEmpty {
            let list = empty.map { "cohort \(s.periods[$0.cohort]) at \(s.periods[$0.period])" }.joined(separator: ", ")
            out.warnings.append(.warning(.inferenceUndefined, "no not-yet-treated control left for \(list): no effect there, and these cells are left out of the overall effect",
                                         help: "every other \(noun(1)) has entered \(g) by then; end the post window earlier, or compare with never-members only"))
        }
        if result.cells.isEmpty {
            out.warnings.append(.warning(.inferenceUndefined, "no \(noun(1)) enters \(g) in the post window \(s.firstPost)..\(last): there is no cohort to compare",
                                         help: "check the links' `from` periods, or move the post window"))
        } else if !result.overall.isFinite {
            out.warnings.append(.warning(.inferenceUndefined, "no cohort has a control left at any period: no overall effect",
                                         help: "end the post window earlier"))
        }
        out.warnings.append(Diagnostic(.inferenceNote, message:
            "staggered entry (Callaway & Sant'Anna 2021, not-yet-treated controls) on a balanced panel of \(units) \(noun(units)) × \(s.periods.count) periods (\(first)..\(last)): a \(noun(1))'s cohort is the first period it is in \(g) by the links valid then; "
            + "ATT(g, t) = mean over cohort g of (y_t − y_{g−1}) − the same mean over the \(noun(2)) not yet in \(g) at t (never members included), for every t ≥ g; "
            + "overall = Σ n_g·ATT(g, t) / Σ n_g over the cells that have controls (cohort-size weights); no standard error"))
        out.warnings.append(Diagnostic(.inferenceNote, message:
            "assumes parallel trends between each cohort and the territories not yet treated, and no anticipation before entry; a \(noun(1)) that leaves \(g) stays in its entry cohort (treatment is taken as absorbing); it does not prove causation"))
    }
}
