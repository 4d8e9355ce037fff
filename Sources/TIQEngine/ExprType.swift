import TIQCore

/// Whether an expression has one value per row or one value per period per row.
enum Shape: Sendable, Hashable {
    /// One value per row.
    case scalar
    /// One value per period per row.
    case series
}

/// What values an expression produces.
enum ValueKind: Sendable, Hashable {
    case number, bool, text
}

/// The static type of an expression: kind, shape, unit, and whether summing it makes sense.
struct ExprType: Sendable, Hashable, CustomStringConvertible {
    var kind: ValueKind
    var shape: Shape
    var unit: Unit
    /// True for counts, stocks and flows; false for ratios, rates, means and percentages.
    var additive: Bool
    /// The labels of a category column (`cut`, `case`) in their natural order, which `agg … by`
    /// sorts by and `show … by k as wide` makes columns of; nil for other values.
    var categories: [String]? = nil

    static func number(_ unit: Unit, _ shape: Shape = .scalar, additive: Bool = false) -> ExprType {
        ExprType(kind: .number, shape: shape, unit: unit, additive: additive)
    }
    static let bool = ExprType(kind: .bool, shape: .scalar, unit: .boolean, additive: false)
    static let boolSeries = ExprType(kind: .bool, shape: .series, unit: .boolean, additive: false)
    static let text = ExprType(kind: .text, shape: .scalar, unit: .text, additive: false)

    /// The same type with another shape.
    func with(shape: Shape) -> ExprType { ExprType(kind: kind, shape: shape, unit: unit, additive: additive, categories: categories) }

    var description: String {
        let k: String
        switch kind {
        case .number: k = unit.isNone ? "number" : "number in \(unit)"
        case .bool: k = "true/false"
        case .text: k = "text"
        }
        return shape == .series ? "series of \(k)" : k
    }
}
