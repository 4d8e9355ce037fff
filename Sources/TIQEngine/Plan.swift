import TIQCore
import TIQLanguage
import TIQStore

/// How a `from` indicator reaches the query's level.
enum IndicatorRoute: Sendable {
    /// Stored at the query's level.
    case stored
    /// Stored at a finer level and rolled up through its membership, by the catalog rule.
    case rolledUp(from: LevelID)
    /// Published at the query's level and also stored at the finer level `rolledFrom`: each
    /// cell is the published value where one is present, else the roll-up from `rolledFrom`
    /// (the answer says which, per cell: `ResultColumn.sources`).
    case published(rolledFrom: LevelID)

    /// Whether some values are published at the query's level (beside a roll-up).
    var isPublished: Bool {
        if case .published = self { return true } else { return false }
    }

    /// The finer level a roll-up reads, when the route has one.
    var rolledFrom: LevelID? {
        switch self {
        case .stored: nil
        case .rolledUp(let from), .published(let from): from
        }
    }
}

/// What the checker knows of the frame between two stages.
struct Schema: Sendable {
    /// The level of the rows when they are territories.
    var level: LevelID?
    /// Named columns in display order.
    var columns: [SchemaColumn] = []
    /// The frequency of every series.
    var frequency: Frequency?
    /// The union of the indicators' period axes.
    var axis: PeriodAxis?
    /// The window set by `period`, as axis positions; nil is the whole axis.
    var window: [Int]?
    /// The key columns of `agg … by`, while rows are its groups (for `show … by k as wide`).
    var groupKeys: [String] = []
    /// For a group key naming territories (`dept`, `ti1_name`): the key column holding their codes.
    var keyCodes: [String: String] = [:]
    /// Whether rows are groups (after `agg`, `compare`, `did`).
    var grouped: Bool { level == nil }

    func column(_ name: String) -> SchemaColumn? { columns.first { $0.name == name } }
}

/// A column of the frame as the checker sees it.
struct SchemaColumn: Sendable {
    var name: String
    var type: ExprType
    /// The indicator behind it, for catalog rules in `rollup` and E311.
    var indicator: IndicatorID?
}

/// How `rollup to L (x = …)` combines one column's children.
enum RollupMethod: Sendable, CustomStringConvertible {
    /// A catalog-style rule: `sum`, `ratio(num, den)`, `mean [weight attr]`.
    case rule(AggregateRule)
    /// An order statistic of the present children: `min`, `max` or `median`.
    case order(AggregateFunction)

    var description: String {
        switch self {
        case .rule(let r): r.description
        case .order(let f): f.rawValue
        }
    }

    /// Whether the rolled-up values may still be summed: only a `sum` roll-up keeps a sum a sum.
    var keepsAdditivity: Bool { if case .rule(.sum) = self { return true } else { return false } }
}

/// A resolved, typed stage, ready to evaluate.
enum PlannedStage: Sendable {
    case from([(IndicatorID, IndicatorRoute)], level: LevelID, axis: PeriodAxis?)
    case territories(level: LevelID)
    case lookup(String, level: LevelID?, limit: Int)
    case filter(TypedExpr)
    /// `where naf in (…)`: the broken-down indicators hold the sum of the kept sectors.
    case sectors(SectorSelection)
    case window([Int])
    case derive([(String, TypedExpr)])
    case aggregate([(String, TypedExpr)], keys: [(String, TypedExpr)])
    case rollup(to: LevelID, rules: [String: RollupMethod])
    case compare(flag: (String, TypedExpr), value: TypedExpr)
    case did(flag: (String, TypedExpr), pre: (Period, Period), post: (Period, Period), preValue: TypedExpr, postValue: TypedExpr)
    /// `compare`/`did` with options: intervals, p-values, fixed effects, matching.
    case inference(InferencePlan)
    case fill([String], FillMethod)
    case top(Int, TypedExpr, descending: Bool)
    case sort([(TypedExpr, Bool)])
    case limit(Int)
    case show([(String, TypedExpr)], Layout?)
    case pivot(PivotPlan)
}

/// The checked query: its stages, its final schema, and the warnings found while checking.
struct Plan: Sendable {
    var stages: [PlannedStage]
    var schema: Schema
    var warnings: [Diagnostic]
}
