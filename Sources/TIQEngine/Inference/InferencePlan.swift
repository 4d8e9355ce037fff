import TIQCore

/// The settings of a bootstrap and permutation run.
struct ResamplingSettings: Sendable {
    var draws: Int
    var seed: UInt64
    var level: Double
}

/// A checked `compare`/`did` that asks for uncertainty or a model (docs/evaluation.md § Inference).
enum InferencePlan: Sendable {
    /// `compare … with ci …`: the descriptive comparison plus a bootstrap interval and a
    /// permutation p-value of `diff`.
    case compare(flag: (String, TypedExpr), value: TypedExpr, resampling: ResamplingSettings)
    /// `did … with ci …`: the descriptive estimate plus its interval and p-value.
    case did(flag: (String, TypedExpr), pre: (Period, Period), post: (Period, Period),
             preValue: TypedExpr, postValue: TypedExpr, resampling: ResamplingSettings)
    /// `did … model twfe|event`: two-way fixed effects on a balanced panel of `outcome`.
    case panel(PanelSpec)
    /// `compare … matched on (…)`: nearest-neighbour matching.
    case matched(MatchingSpec)
    /// `compare … stratified by k`: within-stratum gaps weighted by the treated.
    case stratified(StratifiedSpec)
    /// `did G … model staggered`: cohorts of entry against not-yet-treated territories.
    case staggered(StaggeredSpec)
}

/// The checked form of `compare … stratified by k`.
struct StratifiedSpec: Sendable {
    var flag: (String, TypedExpr)
    /// The group statistic, as in `compare`.
    var value: TypedExpr
    /// The key whose values are the strata: a row-level text or true/false value.
    var key: (String, TypedExpr)
    /// `with ci …`: a bootstrap interval and permutation p-value of the combined gap.
    var resampling: ResamplingSettings?
}

/// The checked form of `did … model twfe|event`.
struct PanelSpec: Sendable {
    var flag: (String, TypedExpr)
    /// A row-level numeric series: y_it.
    var outcome: TypedExpr
    var outcomeText: String
    /// The panel's periods (pre then post, in order) and the first treated period.
    var periods: [Period]
    var firstTreated: Period
    /// nil for `twfe`; the reference period for `event`.
    var reference: Period?
    var level: Double
}

/// The checked form of `compare … matched on (…)`.
struct MatchingSpec: Sendable {
    var flag: (String, TypedExpr)
    /// The outcome, evaluated per territory (each territory its own group).
    var outcome: TypedExpr
    var covariates: [(String, TypedExpr)]
    var exact: [(String, TypedExpr)]
    var neighbours: Int
    var caliper: Double?
    var level: Double
}

extension InferencePlan {
    /// The step `explain` shows.
    var explainStep: PlanStep {
        switch self {
        case .compare(let flag, _, let r):
            PlanStep(name: "compare", detail: "\(flag.0) true vs false; bootstrap \(r.draws) draws within groups and permutation p-value, seed \(r.seed)", rows: 3)
        case .did(let flag, let pre, let post, _, _, let r):
            PlanStep(name: "did", detail: "\(flag.0): pre \(pre.0)..\(pre.1), post \(post.0)..\(post.1); bootstrap \(r.draws) draws and permutation p-value, seed \(r.seed)", rows: 3)
        case .panel(let s):
            PlanStep(name: "did", detail: "\(s.reference == nil ? "two-way fixed effects" : "event study against \(s.reference!)") on \(s.outcomeText), \(s.periods.first!)..\(s.periods.last!), balanced panel, CR1 clustered by territory", rows: nil)
        case .stratified(let s):
            PlanStep(name: "compare", detail: "\(s.flag.0) true vs false within each \(s.key.0); gaps weighted by the treated per stratum"
                     + (s.resampling.map { "; bootstrap \($0.draws) draws within groups within strata and permutation p-value within strata, seed \($0.seed)" } ?? ""), rows: nil)
        case .staggered(let s):
            PlanStep(name: "did", detail: "staggered entry into \(s.flagName) on \(s.outcomeText), \(s.periods.first!)..\(s.periods.last!): each cohort against territories not yet members, cohort-size weights", rows: nil)
        case .matched(let s):
            PlanStep(name: "compare", detail: "nearest-neighbour matching (k = \(s.neighbours)) on \(s.covariates.map(\.0).joined(separator: ", ")); ATT and balance", rows: 3 + s.covariates.count)
        }
    }
}
