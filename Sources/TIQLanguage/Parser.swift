import TIQCore

/// What parsing a query gives: the query, as far as it could be read, and every syntax diagnostic.
public struct ParseResult: Sendable {
    /// The query; nil only when the source clause itself could not be parsed. Stages that failed
    /// to parse are left out, and their errors are in `diagnostics`.
    public var query: Query?
    /// Lexical and syntax errors (E1xx), in text order.
    public var diagnostics: [Diagnostic]
    /// The tokens the query was read from (for completion and hover).
    public var tokens: [Token]

    /// Whether the query parsed with no error.
    public var isValid: Bool { query != nil && !diagnostics.contains { $0.severity == .error } }
}

/// The entry point of TQL's front end: one parser for `query`, `check`, `complete`, `hover` and `explain`.
public enum TQLParser {
    /// The deepest expression nesting accepted by default (E116 beyond): levels of operators,
    /// calls and parentheses.
    public static let defaultMaxDepth = 100
    /// The nesting limits a caller may choose. The upper bound keeps every recursive walk of
    /// the tree (the parser, the printer, the checker, the evaluator) far from the end of a
    /// 512 KiB thread stack, whatever the input.
    public static let depthLimitRange = 1...1000

    /// Parses `text`. Never fails: errors are diagnostics, and parsing resumes at the next `|`.
    /// Expressions nested deeper than `maxDepth` (clamped to `depthLimitRange`) are E116.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) -> ParseResult {
        let lexed = Lexer.tokenize(text)
        var parser = Parser(tokens: lexed.tokens)
        parser.maxDepth = min(max(maxDepth, depthLimitRange.lowerBound), depthLimitRange.upperBound)
        let query = parser.parseQuery()
        let all = (lexed.diagnostics + parser.diagnostics).enumerated().sorted {
            ($0.element.span?.start ?? 0, $0.offset) < ($1.element.span?.start ?? 0, $1.offset)
        }.map(\.element)
        return ParseResult(query: query, diagnostics: all, tokens: lexed.tokens)
    }
}

/// A syntax error on its way up to the stage that recovers from it. `diagnostic` is nil when
/// the lexer already reported the problem (an `.invalid` token).
struct SyntaxError: Error {
    var diagnostic: Diagnostic?
}

/// The recursive-descent parser. Stage and source rules live in `Parser+Stages.swift`,
/// expressions (Pratt) in `Parser+Expressions.swift`, periods in `Parser+Periods.swift`.
struct Parser {
    let tokens: [Token]
    var index = 0
    var diagnostics: [Diagnostic] = []
    /// Token index of the furthest place something was expected, and what was expected there.
    var expectedAt = -1
    var expected: [String] = []
    /// True while parsing the condition of `where`, where a bare `=` reads as `==`.
    var equalsCompares = false
    /// Open `(` and `[` tokens not yet closed, innermost last.
    var openGroups: [Token] = []
    /// Current expression nesting, bounded by `maxDepth`.
    var depth = 0
    /// The deepest nesting accepted (E116 beyond).
    var maxDepth = TQLParser.defaultMaxDepth

    init(tokens: [Token]) { self.tokens = tokens }

    // MARK: - Navigation

    var current: Token { tokens[min(index, tokens.count - 1)] }

    func peek(_ ahead: Int = 1) -> Token { tokens[min(index + ahead, tokens.count - 1)] }

    var previous: Token? { index > 0 ? tokens[index - 1] : nil }

    @discardableResult
    mutating func advance() -> Token {
        let t = current
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    var atEnd: Bool { current.kind == .end }

    // MARK: - Expectations

    /// Records that `what` would have been valid at the current token.
    mutating func expecting(_ what: String) {
        if index > expectedAt {
            expectedAt = index
            expected = [what]
        } else if index == expectedAt, !expected.contains(what) {
            expected.append(what)
        }
    }

    /// Consumes the symbol `s` if it is next, else records it as expected.
    mutating func accept(_ s: Symbol) -> Token? {
        if current.is(s) { return advance() }
        expecting(Expected.token(s))
        return nil
    }

    /// Consumes the keyword `k` if it is next, else records it as expected.
    mutating func accept(_ k: Keyword) -> Token? {
        if current.is(k) { return advance() }
        expecting(Expected.keyword(k))
        return nil
    }

    mutating func expect(_ s: Symbol) throws(SyntaxError) -> Token {
        if let t = accept(s) { return t }
        throw unexpected()
    }

    mutating func expect(_ k: Keyword) throws(SyntaxError) -> Token {
        if let t = accept(k) { return t }
        throw unexpected()
    }

    /// An identifier, or an error expecting `what`.
    mutating func expectIdentifier(_ what: String) throws(SyntaxError) -> Identifier {
        if case .identifier(let name) = current.kind {
            return Identifier(name, span: advance().span)
        }
        expecting(what)
        if case .keyword(let k) = current.kind, k != .true, k != .false {
            throw failure(DiagnosticCode.unexpectedToken, "`\(current.text)` is a reserved word, not a name",
                          label: "expected \(Expected.prose(expected))",
                          help: "reserved words cannot name indicators, levels or columns")
        }
        throw unexpected()
    }

    /// A whole number (`top 10`, `limit 5`).
    mutating func expectWholeNumber() throws(SyntaxError) -> (Int, SourceSpan) {
        if case .integer(let n) = current.kind { return (n, advance().span) }
        expecting(Expected.wholeNumber)
        switch current.kind {
        case .number, .percent:
            throw failure(DiagnosticCode.wholeNumberRequired, "`\(current.text)` is not a whole number",
                          label: "expected \(Expected.wholeNumber)")
        default:
            throw unexpected()
        }
    }

    // MARK: - Errors

    /// A diagnostic at the current token with the given code.
    func failure(_ code: DiagnosticCode, _ message: String, label: String? = nil, help: String? = nil,
                 at span: SourceSpan? = nil, suggestions: [Suggestion] = []) -> SyntaxError {
        var d = Diagnostic.error(code, message, at: span ?? current.span, label: label, help: help)
        d.expected = expectedAt == index ? expected : []
        d.suggestions = suggestions
        return SyntaxError(diagnostic: d)
    }

    /// The error for an unexpected current token, classified: end of query (E105), a missing
    /// part before a closing token (E102), an unbalanced `)` (E107), or an unexpected token (E101).
    func unexpected() -> SyntaxError {
        let token = current
        let wanted = expectedAt == index ? expected : []
        let what = Expected.prose(wanted)
        switch token.kind {
        case .invalid:
            return SyntaxError(diagnostic: nil)
        case .end:
            if let open = openGroups.last {
                return unclosed(open)
            }
            var d = Diagnostic.error(DiagnosticCode.unexpectedEnd, "unexpected end of query", at: endSpan,
                                     label: "expected \(what)")
            d.expected = wanted
            return SyntaxError(diagnostic: d)
        case .symbol(.rightParen) where !openGroups.contains { $0.is(.leftParen) } && !wanted.contains("`)`"),
             .symbol(.rightBracket) where !openGroups.contains { $0.is(.leftBracket) } && !wanted.contains("`]`"):
            var d = Diagnostic.error(DiagnosticCode.unbalanced, "unmatched \(token.displayName)", at: token.span,
                                     label: "no \(token.is(.rightParen) ? "`(`" : "`[`") opens it",
                                     help: "remove it, or add the opening bracket")
            d.expected = wanted
            return SyntaxError(diagnostic: d)
        case .symbol(.pipe) where !openGroups.isEmpty:
            return unclosed(openGroups[openGroups.count - 1])
        case .symbol(.rightParen), .symbol(.rightBracket), .symbol(.comma), .symbol(.pipe):
            if wanted.contains(where: Self.isOperand) {
                var d = Diagnostic.error(DiagnosticCode.missingPart, "missing \(Expected.prose(wanted.filter(Self.isOperand)))",
                                         at: token.span, label: "expected \(what) before \(token.displayName)")
                d.expected = wanted
                return SyntaxError(diagnostic: d)
            }
        default:
            break
        }
        var d = Diagnostic.error(DiagnosticCode.unexpectedToken, "unexpected \(token.displayName)", at: token.span,
                                 label: "expected \(what)")
        d.expected = wanted
        // A misspelled keyword (`dsc`, `pree`): did-you-mean among the keywords valid here.
        if case .identifier(let word) = token.kind {
            let keywords = wanted.compactMap { w -> String? in
                guard w.count > 2, w.hasPrefix("`"), w.hasSuffix("`") else { return nil }
                let inner = String(w.dropFirst().dropLast())
                return Keyword(rawValue: inner) != nil ? inner : nil
            }
            let guesses = EditDistance.suggestions(for: word, among: keywords)
            if !guesses.isEmpty {
                d.help = "did you mean \(Expected.prose(guesses.map { "`\($0)`" }))?"
                d.suggestions = guesses.map { Suggestion(label: $0, replacement: $0, span: token.span) }
            }
        }
        return SyntaxError(diagnostic: d)
    }

    /// E107 for a `(` or `[` that is never closed.
    func unclosed(_ open: Token) -> SyntaxError {
        let close = open.is(.leftParen) ? ")" : "]"
        var d = Diagnostic.error(DiagnosticCode.unbalanced, "unclosed `\(open.text)`", at: open.span,
                                 label: "this `\(open.text)` is never closed",
                                 help: "add `\(close)` before \(current.displayName)")
        d.expected = ["`\(close)`"]
        return SyntaxError(diagnostic: d)
    }

    /// Whether an expectation names an operand rather than punctuation.
    static func isOperand(_ what: String) -> Bool {
        ![Expected.operator, Expected.pipe, Expected.end].contains(what) && !what.hasPrefix("`")
    }

    /// An empty span just after the last real token (or at the start of an empty query).
    var endSpan: SourceSpan {
        let end = tokens[tokens.count - 1].span
        guard tokens.count >= 2 else { return end }
        let last = tokens[tokens.count - 2].span
        return SourceSpan(start: last.end, end: last.end, line: last.endLine, column: last.endColumn,
                          endLine: last.endLine, endColumn: last.endColumn)
    }

    /// Skips to the next `|` (or the end), the resynchronisation point after an error.
    mutating func skipToNextStage() {
        while !atEnd && !current.is(.pipe) { advance() }
        openGroups.removeAll()
        depth = 0
        expectedAt = -1
        expected = []
    }

    mutating func record(_ error: SyntaxError) {
        if let d = error.diagnostic { diagnostics.append(d) }
    }

    // MARK: - Query

    /// `query ::= source ( "|" stage )*`, with recovery at each `|`.
    mutating func parseQuery() -> Query? {
        var source: SourceClause?
        do throws(SyntaxError) {
            source = try parseSource()
            try expectStageBoundary()
        } catch {
            record(error)
            skipToNextStage()
        }
        var stages: [Stage] = []
        var sawShow = false
        while accept(.pipe) != nil {
            do throws(SyntaxError) {
                let stage = try parseStage()
                if sawShow {
                    var d = Diagnostic.error(DiagnosticCode.stageAfterShow, "`\(ASTPrinter.keyword(of: stage))` after `show`",
                                             at: stage.keywordSpan, label: "`show` must be the last stage",
                                             help: "move `show` to the end (it only chooses and lays out columns)")
                    d.expected = [Expected.end]
                    diagnostics.append(d)
                }
                try expectStageBoundary()
                if case .show = stage.kind { sawShow = true }
                if case .pivot = stage.kind { sawShow = true }
                stages.append(stage)
            } catch {
                record(error)
                skipToNextStage()
            }
        }
        guard let source else { return nil }
        let last = stages.last?.span ?? source.span
        return Query(source: source, stages: stages, span: source.span.union(last))
    }

    /// After a source or stage: `|` or the end of the query.
    mutating func expectStageBoundary() throws(SyntaxError) {
        if atEnd || current.is(.pipe) { return }
        expecting(Expected.pipe)
        expecting(Expected.end)
        if case .keyword(let k) = current.kind, Keyword.stageKeywords.contains(k) {
            throw failure(DiagnosticCode.unexpectedToken, "unexpected `\(current.text)`",
                          label: "a new stage needs a `|` before it", help: "write `| \(current.text)`",
                          suggestions: [Suggestion(label: "| \(current.text)", replacement: "| \(current.text)",
                                                   span: current.span)])
        }
        throw unexpected()
    }
}
