import TIQCore

/// What the parser expected, in the words a user understands. These strings fill `Diagnostic.expected`.
enum Expected {
    static let stage = "a stage such as `where` or `agg`"
    static let source = "`from`, `territories` or `lookup`"
    static let indicator = "an indicator name"
    static let level = "a level such as `epci`"
    static let period = "a period such as 2022"
    static let endPeriod = "an end period such as 2022"
    static let expression = "a value: a column, a number, a string or a function call"
    static let `operator` = "an operator such as `==`, `and` or `+`"
    static let pipe = "`|` and the next stage"
    static let end = "the end of the query"
    static let wholeNumber = "a whole number such as 10"
    static let string = "a string in quotes"
    static let columnName = "a column name"
    static let binding = "a binding `name = expression`"
    static let literal = "a string, a number, `true` or `false`"
    static let fillMethod = "`prev`, `next`, `linear` or a number"
    static let layout = "`table`, `wide` or `long`"
    static let rollupAggregate = "`sum`, `ratio`, `min`, `max`, `median` or `mean`"
    static let direction = "`asc` or `desc`"
    static let argument = "an argument"

    private static let symbolNames = Dictionary(uniqueKeysWithValues: Symbol.allCases.map { ($0, "`\($0.rawValue)`") })
    private static let keywordNames = Dictionary(uniqueKeysWithValues: Keyword.allCases.map { ($0, "`\($0.rawValue)`") })

    /// `` `x` `` for a symbol (precomputed: the parser asks for these on every failed `accept`).
    static func token(_ s: Symbol) -> String { symbolNames[s] ?? s.rawValue }
    /// `` `k` `` for a keyword.
    static func keyword(_ k: Keyword) -> String { keywordNames[k] ?? k.rawValue }

    /// Joins expectations as prose: `a`, `b` or `c`.
    static func prose(_ items: [String]) -> String {
        switch items.count {
        case 0: return "something else"
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " or " + items[items.count - 1]
        }
    }
}
