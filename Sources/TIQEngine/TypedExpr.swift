import TIQCore
import TIQLanguage
import TIQStore

/// Row-level functions on series, as resolved by the checker.
enum SeriesFunction: String, Sendable, CaseIterable {
    case growth, cagr, change, yoy, diff, index, slope, mean_over, sum_over, first, last, complete, all, any, coalesce
}

/// Aggregates over the rows of a group.
enum AggregateFunction: String, Sendable, CaseIterable {
    case sum, ratio, mean, median, min, max, count
}

/// Window functions over all rows of the frame, allowed in `derive`.
enum WindowFunction: String, Sendable, CaseIterable {
    case total, share, rank
}

/// A reference to a territory attribute of the frame's level.
struct AttributeRef: Sendable {
    let name: String
    let level: LevelID
    /// For a territory-valued attribute: read the parent's code instead of its name (the
    /// `<attr>_code` key that `agg … by <attr>` adds beside the name).
    var readsCode = false
}

/// An expression after name resolution and type checking: every name bound, every period
/// argument made explicit, every node typed.
struct TypedExpr: Sendable {
    indirect enum Kind: Sendable {
        case number(Double)
        case text(String)
        case bool(Bool)
        /// A territory's code or name.
        case code, name
        /// An attribute of the level's territories.
        case attribute(AttributeRef)
        /// `attr == "Grand Est"` on a territory-valued attribute, resolved to parent rows.
        case territoryIn(AttributeRef, Set<Int>, negated: Bool)
        /// A frame column: an indicator series, a derived column or a group key.
        case column(String)
        case unary(UnaryOperator, TypedExpr)
        case binary(BinaryOperator, TypedExpr, TypedExpr)
        case at(TypedExpr, Period)
        case slice(TypedExpr, Period, Period)
        case inList(TypedExpr, [TypedExpr])
        case fuzzy(TypedExpr, String)
        /// A series function; `periods` are its resolved period arguments in order.
        case series(SeriesFunction, [TypedExpr], periods: [Period])
        /// An aggregate over the rows of each group.
        case aggregate(AggregateFunction, [TypedExpr], weight: TypedExpr?, skipMissing: Bool)
        /// A window function over every row.
        case window(WindowFunction, TypedExpr)
        /// `published(x)` or `parts(x)`: indicator `x` at the frame's level, published or summed from its parts.
        case levelSource(LevelSourceFunction, IndicatorID)
        /// A row-level math function (`log`, `round`, `least`, …); `digits` for `round(x, d)`.
        case math(MathFunction, [TypedExpr], digits: Int)
        /// A descriptive statistic over the rows of each group (`sd`, `quantile`, `corr`, …).
        case statistic(StatisticFunction, [TypedExpr], parameter: Double)
        /// `cut(x, [b0, …, bk])`: the label of the interval holding x.
        case cut(TypedExpr, breaks: [Double], labels: [String])
        /// `case when c then v … else e end`.
        case caseWhen([(TypedExpr, TypedExpr)], otherwise: TypedExpr?)
        /// `x of level`: `x` evaluated at a coarser level, read through each row's territory there.
        case parent(TypedExpr, ParentRead)
        /// `G@P` (`share` false) or `G_share@P`: the rows' (of `level`) membership in the timed
        /// level `group` at period `P`, from the snapshot's perimeter timeline.
        case membershipAt(level: LevelID, group: LevelID, share: Bool, Period)
    }

    var kind: Kind
    var type: ExprType
    var span: SourceSpan

    /// The direct subexpressions of the descriptive kinds (math, statistics, categories), which
    /// the walks below visit like any other argument. A `parent` read is evaluated on its own frame.
    var descriptiveChildren: [TypedExpr] {
        switch kind {
        case .math(_, let args, _), .statistic(_, let args, _): return args
        case .cut(let x, _, _): return [x]
        case .caseWhen(let clauses, let otherwise): return clauses.flatMap { [$0.0, $0.1] } + (otherwise.map { [$0] } ?? [])
        default: return []
        }
    }

    /// Whether the expression contains an aggregate call.
    var containsAggregate: Bool {
        switch kind {
        case .aggregate, .statistic: return true
        case .math, .cut, .caseWhen: return descriptiveChildren.contains { $0.containsAggregate }
        case .unary(_, let e), .at(let e, _), .slice(let e, _, _), .fuzzy(let e, _), .window(_, let e):
            return e.containsAggregate
        case .binary(_, let a, let b): return a.containsAggregate || b.containsAggregate
        case .inList(let e, let l): return e.containsAggregate || l.contains { $0.containsAggregate }
        case .series(_, let args, _): return args.contains { $0.containsAggregate }
        default: return false
        }
    }

    /// The period arguments the expression reads explicitly (for the rows-needed analysis).
    var explicitPeriods: [Period] {
        switch kind {
        case .at(let e, let p): return [p] + e.explicitPeriods
        case .slice(let e, let a, let b): return [a, b] + e.explicitPeriods
        case .series(_, let args, let periods): return periods + args.flatMap(\.explicitPeriods)
        case .unary(_, let e), .fuzzy(let e, _), .window(_, let e): return e.explicitPeriods
        case .binary(_, let a, let b): return a.explicitPeriods + b.explicitPeriods
        case .aggregate(_, let args, let w, _): return args.flatMap(\.explicitPeriods) + (w?.explicitPeriods ?? [])
        case .math, .statistic, .cut, .caseWhen: return descriptiveChildren.flatMap(\.explicitPeriods)
        case .parent(let e, _): return e.explicitPeriods
        default: return []
        }
    }

    /// The row-level arguments of every aggregate inside the expression.
    var aggregateArguments: [TypedExpr] {
        switch kind {
        case .aggregate(_, let args, let w, _): return args + (w.map { [$0] } ?? [])
        case .statistic(_, let args, _): return args
        case .math, .cut, .caseWhen: return descriptiveChildren.flatMap(\.aggregateArguments)
        case .unary(_, let e), .at(let e, _), .slice(let e, _, _), .fuzzy(let e, _), .window(_, let e):
            return e.aggregateArguments
        case .binary(_, let a, let b): return a.aggregateArguments + b.aggregateArguments
        case .inList(let e, let l): return e.aggregateArguments + l.flatMap(\.aggregateArguments)
        case .series(_, let args, _): return args.flatMap(\.aggregateArguments)
        default: return []
        }
    }
}
