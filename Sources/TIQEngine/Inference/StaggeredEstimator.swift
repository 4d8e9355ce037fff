/// The staggered-entry comparison (docs/evaluation.md § Staggered entry): the cohort × period
/// average effects of Callaway & Sant'Anna (2021) against not-yet-treated territories, with the
/// long difference from the period before entry, aggregated with cohort-size weights.
///
/// Pure arithmetic on a balanced panel, so tests can call it on hand-made inputs.
struct StaggeredEstimator {
    /// One (cohort, period) cell.
    struct Cell: Equatable {
        /// Position (in the panel's periods) of the cohort's entry, g.
        let cohort: Int
        /// Position of the period, t ≥ g.
        let period: Int
        /// ATT(g, t); NaN when no control is left.
        let att: Double
        let treated: Int
        let controls: Int
    }

    /// Every cell with t ≥ g, by cohort then period; `overall` = Σ n_g·ATT(g,t) / Σ n_g over
    /// the defined cells (NaN when none is).
    struct Result: Equatable {
        let cells: [Cell]
        let overall: Double
        /// Σ n_g over the defined cells: the denominator of the weights.
        let weightTotal: Int
    }

    /// - Parameters:
    ///   - y: the outcome, unit-major: `y[i * periods + t]`, every value finite.
    ///   - entry: each unit's entry position (the first period it is a member), nil when never.
    ///   - periods: how many periods the panel has.
    ///   - firstCohort: the first position a cohort may enter at (the first post period, ≥ 1);
    ///     units entering before it are the caller's to drop.
    static func estimate(y: [Double], entry: [Int?], periods: Int, firstCohort: Int) -> Result {
        let cohorts = Set(entry.compactMap { $0 }.filter { $0 >= firstCohort && $0 < periods }).sorted()
        var cells: [Cell] = []
        var weighted = 0.0, total = 0
        for g in cohorts {
            let base = g - 1
            let members = entry.indices.filter { entry[$0] == g }
            for t in g..<periods {
                let controls = entry.indices.filter { (entry[$0] ?? Int.max) > t }
                func meanChange(_ units: [Int]) -> Double {
                    var s = 0.0
                    for i in units { s += y[i * periods + t] - y[i * periods + base] }
                    return s / Double(units.count)
                }
                let att = controls.isEmpty ? Double.nan : meanChange(members) - meanChange(controls)
                cells.append(Cell(cohort: g, period: t, att: att, treated: members.count, controls: controls.count))
                if att.isFinite {
                    weighted += Double(members.count) * att
                    total += members.count
                }
            }
        }
        return Result(cells: cells, overall: total > 0 ? weighted / Double(total) : .nan, weightTotal: total)
    }
}
