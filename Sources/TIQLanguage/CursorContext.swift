import TIQCore

/// What kind of text belongs at a cursor, for completion (docs/tql.md, "Completion contexts"), classified from the
/// tokens before the cursor the way codemirror-promql does. Works on incomplete text.
public struct CursorContext: Sendable, Hashable {
    /// The kinds of place a cursor can be in.
    public enum Kind: Sendable, Hashable {
        /// At the start of the query: `from`, `territories`, `lookup`.
        case sourceKeyword
        /// Right after `|`: a stage keyword.
        case stageKeyword
        /// After `from` or `,` in `from` (also a rule name in `rollup (…)`); the level if one is chosen.
        case indicator(levelSoFar: String?)
        /// After `at` or `rollup to`: levels where all these indicators exist.
        case level(indicatorsSoFar: [String])
        /// Where an expression starts in a stage: an attribute, indicator, column or function.
        /// `stage` is the stage keyword (`where`, `derive`, `show`, `sort`, `top`, `compare`, `did`, `fill`, `rollup`).
        case expression(stage: String)
        /// Where an expression starts inside `agg x = …`, or a rule after `rollup (x =`: an aggregate.
        case aggregate
        /// After `by` in `agg`: a column to group by.
        case groupKey
        /// After `attr ==`, `attr !=` or inside `attr in (`: a value of that attribute (quoted or not yet).
        case attributeValue(attribute: String)
        /// Inside or after the string of `lookup` or `name ~`: a territory name.
        case territoryName
        /// After `@`, `period`, `..`, `[`, `pre`, `post`: a period.
        case period
        /// After `(` or `,` in a call: a named argument (`weight =`, `missing =`) or an expression.
        case namedArgument(function: String)
        /// After a complete clause: the keywords that may follow (`at`, `by`, `asc`, `and`, …).
        case keywords([String])
        /// Nothing to suggest (a new column name, a number).
        case none
    }

    /// The place.
    public var kind: Kind
    /// The part of the word typed so far, before the cursor (inside a string: the text after the quote).
    public var prefix: String
    /// The UTF-8 byte range a completion replaces: the whole word (or string) under the cursor.
    public var replace: Range<Int>
    /// The indicators of the `from` clause, for candidates in scope.
    public var indicators: [String]
    /// The level of the source clause, when written.
    public var level: String?
    /// The innermost call the cursor is in, for signature help: `growth(x, 2018, ‸` is `growth`, argument 2.
    public var call: CallPosition?

    /// A position among the arguments of a call.
    public struct CallPosition: Sendable, Hashable {
        /// The function's name.
        public var function: String
        /// The 0-based index of the argument under the cursor.
        public var argumentIndex: Int

        /// Creates a call position.
        public init(function: String, argumentIndex: Int) {
            self.function = function
            self.argumentIndex = argumentIndex
        }
    }

    /// Creates a context.
    public init(kind: Kind, prefix: String, replace: Range<Int>, indicators: [String] = [], level: String? = nil) {
        self.kind = kind
        self.prefix = prefix
        self.replace = replace
        self.indicators = indicators
        self.level = level
    }

    /// Classifies byte offset `cursor` of `text` (clamped to the text).
    public static func context(in text: String, at cursor: Int) -> CursorContext {
        let bytes = Array(text.utf8)
        let cursor = max(0, min(cursor, bytes.count))
        let tokens = Lexer.tokenize(text).tokens.filter { $0.kind != .end }
        let scope = SourceScope(tokens)

        // The word or string under the cursor.
        var prefix = ""
        var replace = cursor..<cursor
        var wordStart = cursor
        var inString = false
        if let t = tokens.first(where: { $0.span.start < cursor && cursor <= $0.span.end && isWordLike($0) }) {
            wordStart = t.span.start
            replace = t.span.start..<t.span.end
            prefix = String(decoding: bytes[t.span.start..<cursor], as: UTF8.self)
        } else if let t = tokens.first(where: { isStringContaining($0, cursor, bytes) }) {
            wordStart = t.span.start
            replace = t.span.start..<t.span.end
            prefix = String(decoding: bytes[(t.span.start + 1)..<cursor], as: UTF8.self)
            inString = true
        }
        let before = tokens.filter { $0.span.end <= wordStart }
        let analysis = CursorAnalysis(scope: scope)
        let kind = inString ? analysis.stringContext(before) : analysis.classify(before)
        var result = CursorContext(kind: kind, prefix: prefix, replace: replace, indicators: scope.indicators,
                                   level: scope.level)
        result.call = innermostCall(before)
        return result
    }

    /// The innermost unclosed call in `tokens` (within the current stage) and the argument reached.
    static func innermostCall(_ tokens: [Token]) -> CallPosition? {
        let start = (tokens.lastIndex { $0.is(.pipe) } ?? -1) + 1
        var frames: [CallPosition?] = []
        for i in start..<tokens.count {
            let t = tokens[i]
            if t.is(.leftParen) || t.is(.leftBracket) {
                let name = t.is(.leftParen) && i > start ? tokens[i - 1].identifier : nil
                frames.append(name.map { CallPosition(function: $0, argumentIndex: 0) })
            } else if t.is(.rightParen) || t.is(.rightBracket) {
                _ = frames.popLast()
            } else if t.is(.comma), let last = frames.last, var call = last {
                call.argumentIndex += 1
                frames[frames.count - 1] = call
            }
        }
        return frames.last ?? nil
    }

    static func isWordLike(_ t: Token) -> Bool {
        switch t.kind {
        case .identifier, .keyword, .integer, .number, .period, .invalid: true
        default: false
        }
    }

    /// Whether the cursor sits inside string token `t`: after its opening quote, and before its
    /// closing quote (or anywhere after it when the string is unterminated).
    static func isStringContaining(_ t: Token, _ cursor: Int, _ bytes: [UInt8]) -> Bool {
        guard case .string = t.kind, t.span.start < cursor, cursor <= t.span.end else { return false }
        let closed = t.text.utf8.count >= 2 && t.text.hasSuffix("\"") && !t.text.hasSuffix("\\\"")
        return cursor < t.span.end || !closed
    }
}

/// The indicators and level of the `from`/`territories`/`lookup` clause, wherever the cursor is.
struct SourceScope {
    var indicators: [String] = []
    var level: String?

    init(_ tokens: [Token]) {
        guard let first = tokens.first else { return }
        var i = 1
        if first.is(.from) {
            while i < tokens.count, !tokens[i].is(.pipe), !tokens[i].is(.at) {
                if let name = tokens[i].identifier { indicators.append(name) }
                i += 1
            }
        }
        while i < tokens.count, !tokens[i].is(.pipe) {
            if tokens[i].is(.at), i + 1 < tokens.count { level = tokens[i + 1].identifier }
            i += 1
        }
    }
}
