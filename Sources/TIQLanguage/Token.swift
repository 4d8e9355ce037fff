import TIQCore

/// The reserved words of TQL (docs/tql.md, "Lexical rules"). They are case-insensitive and cannot name a column.
public enum Keyword: String, Sendable, Hashable, CaseIterable {
    case from, at, `where`, and, or, not, `in`, by, agg, derive, rollup, to, period, compare, did, pre, post, on
    case fill, with, top, bottom, sort, asc, desc, limit, show, `as`, territories, lookup, weight, `true`, `false`

    /// The keywords that start a stage after `|`.
    public static let stageKeywords: [Keyword] = [
        .where, .period, .derive, .agg, .rollup, .compare, .did, .fill, .top, .bottom, .sort, .limit, .show,
    ]

    /// The keywords that start a query.
    public static let sourceKeywords: [Keyword] = [.from, .territories, .lookup]
}

/// Punctuation and operators.
public enum Symbol: String, Sendable, Hashable, CaseIterable {
    case dotDot = "..", equalEqual = "==", notEqual = "!=", lessEqual = "<=", greaterEqual = ">="
    case less = "<", greater = ">", assign = "=", plus = "+", minus = "-", star = "*", slash = "/"
    case atSign = "@", tilde = "~", leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case comma = ",", pipe = "|"
}

/// What a token is, with its decoded value.
public enum TokenKind: Sendable, Hashable {
    /// An identifier, lowercased.
    case identifier(String)
    /// A reserved word.
    case keyword(Keyword)
    /// A whole number written without fraction or exponent: `2018`, `1_000`.
    case integer(Int)
    /// A number with a fraction or an exponent: `0.5`, `1e6`.
    case number(Double)
    /// A percent literal `5%`, as the fraction 0.05.
    case percent(Double)
    /// A string literal, escapes resolved.
    case string(String)
    /// A dashed period literal: `2018-Q3`, `2018-S1`, `2018-07`.
    case period(Period)
    /// Punctuation or an operator.
    case symbol(Symbol)
    /// A malformed literal or word, already reported by the lexer.
    case invalid
    /// The end of the text.
    case end
}

/// One token of a query, with the exact text and place it came from.
public struct Token: Sendable, Hashable {
    /// What the token is.
    public var kind: TokenKind
    /// Where it was written.
    public var span: SourceSpan
    /// The text as written (quotes and escapes included for strings).
    public var text: String

    /// Creates a token.
    public init(kind: TokenKind, span: SourceSpan, text: String) {
        self.kind = kind
        self.span = span
        self.text = text
    }

    /// Whether this token is the keyword `k`.
    public func `is`(_ k: Keyword) -> Bool { kind == .keyword(k) }
    /// Whether this token is the symbol `s`.
    public func `is`(_ s: Symbol) -> Bool { kind == .symbol(s) }

    /// The identifier's name, if the token is an identifier.
    public var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    /// Whether the token is a 4-digit integer, which reads as a year where a period is expected.
    public var isYear: Bool {
        guard case .integer = kind else { return false }
        return text.utf8.count == 4 && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// How a diagnostic names this token: `` `where` ``, `the end of the query`.
    public var displayName: String {
        switch kind {
        case .end: return "the end of the query"
        case .string: return "the string \(text)"
        default: return "`\(text)`"
        }
    }
}
