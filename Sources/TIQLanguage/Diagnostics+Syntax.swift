import TIQCore

/// The syntax error codes (family E1xx) that the lexer and parser produce.
///
/// | code | meaning | example |
/// |------|---------|---------|
/// | E101 | unexpected token: the expected set says what would have been valid | `from x at epci where y` |
/// | E102 | missing part: an argument, operand or end period is missing before `)`, `,`, `]` or `|` | `period 2018..` |
/// | E103 | unterminated string: no closing `"` on the line | `lookup "chalon` |
/// | E104 | malformed literal: a number, period, year or escape that cannot be read | `2018-Q5`, `1_`, `period 18` |
/// | E105 | unexpected end of query | `from x |` |
/// | E106 | unknown stage keyword, with did-you-mean | `| wher x` |
/// | E107 | unbalanced parenthesis or bracket | `where (a or b` |
/// | E108 | non-ASCII identifier (identifiers are ASCII; write names in strings) | `where région == "44"` |
/// | E109 | unexpected character | `where a ; b`, `where a != b && c` |
/// | E110 | `=` used as a comparison outside `where` | `top 5 by g = 1` |
/// | E111 | the query does not start with `from`, `territories` or `lookup` | `form x` |
/// | E112 | a whole number is required | `top 2.5 by g` |
/// | E113 | a stage after `show` (`show` is always last) | `show a | limit 3` |
/// | E114 | unknown option word (fill method, layout, roll-up rule, direction), with did-you-mean | `fill x with previous` |
/// | E115 | chained comparison | `where 1 < x < 3` |
/// | E116 | expression nested too deeply (more than 100 levels) | `where ((((…))))` |
public enum SyntaxCode {
    /// Unexpected token.
    public static let unexpectedToken = "E101"
    /// Missing argument, operand or end period.
    public static let missingPart = "E102"
    /// Unterminated string.
    public static let unterminatedString = "E103"
    /// Malformed number, period, year or escape.
    public static let malformedLiteral = "E104"
    /// Unexpected end of query.
    public static let unexpectedEnd = "E105"
    /// Unknown stage keyword.
    public static let unknownStage = "E106"
    /// Unbalanced parenthesis or bracket.
    public static let unbalanced = "E107"
    /// Non-ASCII identifier.
    public static let nonASCIIIdentifier = "E108"
    /// Unexpected character.
    public static let unexpectedCharacter = "E109"
    /// `=` used as a comparison.
    public static let assignmentAsComparison = "E110"
    /// Unknown source keyword.
    public static let unknownSource = "E111"
    /// A whole number is required.
    public static let wholeNumberRequired = "E112"
    /// A stage after `show`.
    public static let stageAfterShow = "E113"
    /// Unknown option word.
    public static let unknownOption = "E114"
    /// Chained comparison.
    public static let chainedComparison = "E115"
    /// Expression nested too deeply.
    public static let tooDeep = "E116"

    /// Every code with a one-line description, in order.
    public static let all: [(code: String, meaning: String)] = [
        (unexpectedToken, "unexpected token"), (missingPart, "missing argument, operand or end period"),
        (unterminatedString, "unterminated string"), (malformedLiteral, "malformed number, period or escape"),
        (unexpectedEnd, "unexpected end of query"), (unknownStage, "unknown stage keyword"),
        (unbalanced, "unbalanced parenthesis or bracket"), (nonASCIIIdentifier, "non-ASCII identifier"),
        (unexpectedCharacter, "unexpected character"), (assignmentAsComparison, "`=` used to compare"),
        (unknownSource, "unknown source keyword"), (wholeNumberRequired, "whole number required"),
        (stageAfterShow, "stage after `show`"), (unknownOption, "unknown option word"),
        (chainedComparison, "chained comparison"), (tooDeep, "expression nested too deeply"),
    ]
}

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
