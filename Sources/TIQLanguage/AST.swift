import TIQCore

/// A parsed TQL query: one source, then stages separated by `|`.
///
/// Every node carries the span of the text it came from, so diagnostics, hover and
/// completion can point back into the query.
public struct Query: Sendable, Hashable {
    /// Where rows come from: `from …`, `territories …` or `lookup …`.
    public var source: SourceClause
    /// The stages after the source, in order.
    public var stages: [Stage]
    /// The whole query.
    public var span: SourceSpan

    /// Creates a query.
    public init(source: SourceClause, stages: [Stage], span: SourceSpan) {
        self.source = source
        self.stages = stages
        self.span = span
    }
}

/// An identifier with its place in the text: an indicator, attribute, level, column or function.
public struct Identifier: Sendable, Hashable {
    /// The name, lowercased (identifiers are case-insensitive).
    public var name: String
    /// Where it was written.
    public var span: SourceSpan

    /// Creates an identifier.
    public init(_ name: String, span: SourceSpan) {
        self.name = name
        self.span = span
    }
}

/// The first clause of a query.
public struct SourceClause: Sendable, Hashable {
    /// Which source.
    public var kind: Kind
    /// The whole clause.
    public var span: SourceSpan

    /// The three ways to start a query.
    public enum Kind: Sendable, Hashable {
        /// `from a, b at level`: indicator series, one row per territory of the level.
        case from(indicators: [Identifier], level: Identifier?)
        /// `territories at level`: territories and their attributes only.
        case territories(level: Identifier?)
        /// `lookup "name" at level limit n`: fuzzy name search, ranked by score.
        case lookup(text: StringLiteral, level: Identifier?, limit: Int?)
    }

    /// Creates a source clause.
    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// A string literal with its span.
public struct StringLiteral: Sendable, Hashable {
    /// The decoded value (escapes resolved).
    public var value: String
    /// Where it was written, quotes included.
    public var span: SourceSpan

    /// Creates a string literal.
    public init(_ value: String, span: SourceSpan) {
        self.value = value
        self.span = span
    }
}

/// A period written in the query: `2018` (a year), `2018-Q3`, `2018-S1`, `2018-07`.
public struct PeriodLiteral: Sendable, Hashable {
    /// The period.
    public var period: Period
    /// Where it was written.
    public var span: SourceSpan

    /// Creates a period literal.
    public init(_ period: Period, span: SourceSpan) {
        self.period = period
        self.span = span
    }
}

/// An inclusive period range `a..b`, or a single period when `upper` is nil.
public struct PeriodRange: Sendable, Hashable {
    /// The first period.
    public var lower: PeriodLiteral
    /// The last period, when a range was written.
    public var upper: PeriodLiteral?

    /// Creates a range.
    public init(lower: PeriodLiteral, upper: PeriodLiteral? = nil) {
        self.lower = lower
        self.upper = upper
    }

    /// The span from the first period to the last.
    public var span: SourceSpan { upper.map { lower.span.union($0.span) } ?? lower.span }
    /// The last period (the first one for a single period).
    public var last: Period { upper?.period ?? lower.period }
}

/// `name = expr`, in `derive`, `agg` and `show` (where the name is optional).
public struct Binding: Sendable, Hashable {
    /// The new column's name; nil in `show` when the expression is shown as written.
    public var name: Identifier?
    /// The value.
    public var value: Expr

    /// Creates a binding.
    public init(name: Identifier?, value: Expr) {
        self.name = name
        self.value = value
    }
}

/// A roll-up rule override: `revenu_median = mean weight pop`.
public struct RollupRule: Sendable, Hashable {
    /// The indicator the rule applies to.
    public var indicator: Identifier
    /// The aggregate to use.
    public var aggregate: Identifier
    /// The weight attribute of `mean weight w`.
    public var weight: Identifier?

    /// Creates a rule.
    public init(indicator: Identifier, aggregate: Identifier, weight: Identifier? = nil) {
        self.indicator = indicator
        self.aggregate = aggregate
        self.weight = weight
    }
}

/// A sort key and its direction.
public struct SortKey: Sendable, Hashable {
    /// The expression to sort by.
    public var key: Expr
    /// True for `desc`.
    public var descending: Bool

    /// Creates a sort key.
    public init(key: Expr, descending: Bool) {
        self.key = key
        self.descending = descending
    }
}

/// How `fill` fills gaps.
public enum FillMethod: Sendable, Hashable {
    /// The previous present value.
    case previous
    /// The next present value.
    case next
    /// Linear interpolation between the present neighbours.
    case linear
    /// A constant.
    case constant(Double)
}

/// How `show` lays out series columns.
public enum Layout: String, Sendable, Hashable {
    /// Series stay series: one row per territory or group.
    case table
    /// One column per (series, period).
    case wide
    /// One row per (row, period).
    case long
}

/// One stage of the pipe.
public struct Stage: Sendable, Hashable {
    /// What the stage does.
    public var kind: Kind
    /// The stage, from its keyword to its last token.
    public var span: SourceSpan
    /// The span of the stage keyword alone.
    public var keywordSpan: SourceSpan

    /// The stages of TQL.
    public enum Kind: Sendable, Hashable {
        /// `where p`: keeps the rows where `p` is true.
        case `where`(Expr)
        /// `period r, …`: restricts the period axis of every series.
        case period([PeriodRange])
        /// `derive x = e, …`: adds columns.
        case derive([Binding])
        /// `agg x = A(e), … by k, …`: one row per distinct key.
        case agg([Binding], by: [Identifier])
        /// `rollup to L (x = rule, …)`: territories to territories of level L.
        case rollup(to: Identifier, rules: [RollupRule])
        /// `compare f on e [options]`: the value of `e` where `f` is true, false, and their
        /// difference; the options ask for an interval, a p-value or a matched comparison.
        case compare(flag: Expr, on: Expr, options: InferenceClause = InferenceClause())
        /// `did f pre a..b post c..d on e [options]`: a descriptive difference in differences,
        /// or with `model twfe|event` a two-way fixed-effects regression.
        case did(flag: Expr, pre: PeriodRange, post: PeriodRange, on: Expr, options: InferenceClause = InferenceClause())
        /// `fill x, … with m`: fills gaps, marking the filled cells `imputed`.
        case fill([Identifier], with: FillMethod)
        /// `top n by e` (or `bottom` when `descending` is false).
        case top(Int, by: Expr, descending: Bool)
        /// `sort e [asc|desc], …`.
        case sort([SortKey])
        /// `limit n`.
        case limit(Int)
        /// `show c, … as layout`.
        case show([Binding], as: Layout?)
        /// `show c, … by k as wide`: one row per value of the other group keys, one column per
        /// (shown column, value of `k`).
        case pivot([Binding], by: Identifier)
    }

    /// Creates a stage.
    public init(_ kind: Kind, span: SourceSpan, keywordSpan: SourceSpan) {
        self.kind = kind
        self.span = span
        self.keywordSpan = keywordSpan
    }
}

/// An expression with its span.
public struct Expr: Sendable, Hashable {
    /// The expression.
    public var kind: Kind
    /// Where it was written.
    public var span: SourceSpan

    /// Creates an expression.
    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// The kinds of expression.
    public indirect enum Kind: Sendable, Hashable {
        /// A number; `isInteger` when written without a fraction or exponent (a possible year).
        case number(Double, isInteger: Bool)
        /// A percent literal `5%`, stored as the fraction 0.05.
        case percent(Double)
        /// A string literal.
        case string(String)
        /// A dashed period literal `2018-Q3` (a bare year is a `number`).
        case period(Period)
        /// `true` or `false`.
        case bool(Bool)
        /// An identifier: an indicator, attribute or column.
        case name(String)
        /// `f(args)`.
        case call(Identifier, [Argument])
        /// `-x` or `not x`.
        case unary(UnaryOperator, Expr)
        /// `a op b`.
        case binary(BinaryOperator, Expr, Expr)
        /// `x@2018`: the value of a series at one period.
        case at(Expr, PeriodLiteral)
        /// `x[2018..2022]`: a series restricted to a window.
        case slice(Expr, PeriodRange)
        /// `x in (a, b)`.
        case inList(Expr, [Expr])
        /// `x ~ "text"`: fuzzy match on folded text.
        case fuzzy(Expr, StringLiteral)
        /// A period range as a function argument: `complete(x, 2014..2023)`.
        case range(PeriodRange)
        /// `x of region`: the value of `x` for the territory of a coarser level the row belongs to.
        case of(Expr, Identifier)
        /// `[0, 10, 50]`: a list of values, as a function argument (`cut`).
        case list([Expr])
        /// `case when c then v … else e end`: the value of the first true condition.
        case caseWhen([WhenClause], otherwise: Expr?)
    }
}

/// One `when condition then value` of a `case` expression.
public struct WhenClause: Sendable, Hashable {
    /// The condition.
    public var condition: Expr
    /// The value when the condition is true.
    public var value: Expr

    /// Creates a clause.
    public init(condition: Expr, value: Expr) {
        self.condition = condition
        self.value = value
    }
}

/// A function argument, optionally named: `weight = pop`, `missing = skip`.
public struct Argument: Sendable, Hashable {
    /// The name of a named argument.
    public var label: Identifier?
    /// The value.
    public var value: Expr

    /// Creates an argument.
    public init(label: Identifier? = nil, value: Expr) {
        self.label = label
        self.value = value
    }
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable, Hashable {
    /// Arithmetic negation.
    case negate = "-"
    /// Boolean negation.
    case not = "not"
}

/// Infix operators, from lowest to highest precedence: `or`; `and`; comparisons; `+ -`; `* /`.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case add = "+", subtract = "-", multiply = "*", divide = "/"

    /// Binding power for the Pratt parser: higher binds tighter.
    public var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: 4
        case .add, .subtract: 5
        case .multiply, .divide: 6
        }
    }

    /// Whether the operator compares two values.
    public var isComparison: Bool { precedence == 4 }
    /// Whether the operator combines booleans.
    public var isLogical: Bool { self == .or || self == .and }
}
