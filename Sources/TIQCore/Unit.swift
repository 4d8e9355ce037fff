/// The unit of a column: a name from a small vocabulary (`jobs`, `EUR`, `hab`, `%`, `pp`,
/// `index`, ...) or a compound built with `/` and `*`. No general dimensional analysis:
/// units are checked where a mistake is likely (adding jobs to euros, summing a ratio).
public struct Unit: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The unit as written: `jobs`, `EUR/hab`, `%`.
    public let symbol: String

    /// Creates a unit from its symbol.
    public init(_ symbol: String) { self.symbol = symbol }
    /// Creates a unit from a string literal.
    public init(stringLiteral value: String) { self.symbol = value }

    /// A pure number.
    public static let none = Unit("")
    /// A percentage: values are fractions inside tiq and sent as percent numbers on the wire.
    public static let percent = Unit("%")
    /// Percentage points: the difference of two percentages.
    public static let percentagePoints = Unit("pp")
    /// A count of rows or territories.
    public static let count = Unit("count")
    /// An index number (base = 100).
    public static let index = Unit("index")
    /// A true/false value.
    public static let boolean = Unit("bool")
    /// A text value.
    public static let text = Unit("text")

    /// Whether the unit is `%` or `pp`, whose values travel as percent numbers.
    public var isPercentLike: Bool { symbol == "%" || symbol == "pp" || symbol == "%/yr" || symbol == "pp/yr" }
    /// Whether this is the dimensionless unit.
    public var isNone: Bool { symbol.isEmpty }

    /// The unit of `self * other`.
    public func times(_ other: Unit) -> Unit {
        if isNone { return other }
        if other.isNone { return self }
        return Unit("\(wrapped)*\(other.wrapped)")
    }

    /// The unit of `self / other`; `x / x` is dimensionless.
    public func dividedBy(_ other: Unit) -> Unit {
        if other.isNone { return self }
        if self == other { return .none }
        return Unit("\(isNone ? "1" : wrapped)/\(other.wrapped)")
    }

    /// The unit of a difference of two values in `self`: `pp` for percentages, `pp/yr` for
    /// rates in `%/yr` (a difference of two growth rates is not itself a growth rate).
    public var difference: Unit {
        switch symbol {
        case "%": .percentagePoints
        case "%/yr": Unit("pp/yr")
        default: self
        }
    }

    /// The unit of `per(x, y, scale)`: `x/y` when the scale is 1, else `x per <scale> y`
    /// (`count per 10000 hab`), so that the scale is never lost.
    public func per(_ other: Unit, scale: Double) -> Unit {
        guard scale != 1 else { return dividedBy(other) }
        let k = scale == scale.rounded() && abs(scale) < 1e15 ? String(Int(scale)) : String(scale)
        return Unit("\(isNone ? "1" : wrapped) per \(k) \(other.isNone ? "units" : other.wrapped)")
    }

    private var wrapped: String {
        symbol.contains("/") || symbol.contains("*") ? "(\(symbol))" : symbol
    }

    public var description: String { symbol }
}
