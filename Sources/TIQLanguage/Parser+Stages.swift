import TIQCore

/// The source clause and the stages: recursive descent, LL(1) on the first keyword (docs/tql.md, "Grammar").
extension Parser {
    // MARK: - Source

    /// `from a, b at L` | `territories at L` | `lookup "…" at L limit n`.
    mutating func parseSource() throws(SyntaxError) -> SourceClause {
        let start = current.span
        if current.is(.from) {
            advance()
            var indicators = [try expectIdentifier(Expected.indicator)]
            while accept(.comma) != nil { indicators.append(try expectIdentifier(Expected.indicator)) }
            let level = try parseOptionalLevel()
            return SourceClause(.from(indicators: indicators, level: level), span: start.union(previousSpan))
        }
        if current.is(.territories) {
            advance()
            let level = try parseOptionalLevel()
            return SourceClause(.territories(level: level), span: start.union(previousSpan))
        }
        if current.is(.lookup) {
            advance()
            guard case .string(let value) = current.kind else {
                expecting(Expected.string)
                throw unexpected()
            }
            let text = StringLiteral(value, span: advance().span)
            let level = try parseOptionalLevel()
            var limit: Int?
            if accept(.limit) != nil { limit = try expectWholeNumber().0 }
            return SourceClause(.lookup(text: text, level: level, limit: limit), span: start.union(previousSpan))
        }
        if atEnd {
            var d = Diagnostic.error(DiagnosticCode.unexpectedEnd, "empty query", at: current.span,
                                     label: "expected \(Expected.source)",
                                     help: "start with `from indicator at level`, e.g. `from emploi_ind at epci`")
            d.expected = [Expected.source]
            throw SyntaxError(diagnostic: d)
        }
        if current.kind == .invalid { throw SyntaxError(diagnostic: nil) }
        expecting(Expected.source)
        let names = Keyword.sourceKeywords.map(\.rawValue)
        let guesses = EditDistance.suggestions(for: current.text, among: names)
        let help = guesses.isEmpty
            ? "start with `from indicator at level`, `territories at level` or `lookup \"name\"`"
            : "did you mean \(Expected.prose(guesses.map { "`\($0)`" }))?"
        throw failure(DiagnosticCode.unknownSource, "a query starts with `from`, `territories` or `lookup`",
                      label: "expected \(Expected.source)", help: help,
                      suggestions: guesses.map { Suggestion(label: $0, replacement: $0, span: current.span) })
    }

    /// `( "at" ident )?`
    private mutating func parseOptionalLevel() throws(SyntaxError) -> Identifier? {
        guard accept(.at) != nil else { return nil }
        return try expectIdentifier(Expected.level)
    }

    /// The span of the token just consumed.
    var previousSpan: SourceSpan { previous?.span ?? current.span }

    // MARK: - Stages

    /// One stage after `|`, chosen by its keyword.
    mutating func parseStage() throws(SyntaxError) -> Stage {
        let keyword = current
        guard case .keyword(let k) = keyword.kind, Keyword.stageKeywords.contains(k) else {
            throw unknownStage()
        }
        advance()
        let kind: Stage.Kind
        switch k {
        case .where:
            equalsCompares = true
            defer { equalsCompares = false }
            kind = .where(try parseExpression())
        case .period:
            var ranges = [try parsePeriodRange()]
            while accept(.comma) != nil { ranges.append(try parsePeriodRange()) }
            kind = .period(ranges)
        case .derive:
            kind = .derive(try parseBindings(nameRequired: true))
        case .agg:
            let bindings = try parseBindings(nameRequired: true)
            var keys: [Identifier] = []
            if accept(.by) != nil {
                keys.append(try expectIdentifier(Expected.columnName))
                while accept(.comma) != nil { keys.append(try expectIdentifier(Expected.columnName)) }
            }
            kind = .agg(bindings, by: keys)
        case .rollup:
            _ = try expect(.to)
            let level = try expectIdentifier(Expected.level)
            kind = .rollup(to: level, rules: try parseRollupRules())
        case .compare:
            let flag = try parseExpression()
            _ = try expect(.on)
            let on = try parseExpression()
            kind = .compare(flag: flag, on: on, options: try parseInferenceClause())
        case .did:
            let flag = try parseExpression()
            _ = try expect(.pre)
            let pre = try parsePeriodRange()
            _ = try expect(.post)
            let post = try parsePeriodRange()
            _ = try expect(.on)
            let on = try parseExpression()
            kind = .did(flag: flag, pre: pre, post: post, on: on, options: try parseInferenceClause())
        case .fill:
            var columns = [try expectIdentifier(Expected.columnName)]
            while accept(.comma) != nil { columns.append(try expectIdentifier(Expected.columnName)) }
            _ = try expect(.with)
            kind = .fill(columns, with: try parseFillMethod())
        case .top, .bottom:
            let (n, _) = try expectWholeNumber()
            _ = try expect(.by)
            kind = .top(n, by: try parseExpression(), descending: k == .top)
        case .sort:
            var keys = [try parseSortKey()]
            while accept(.comma) != nil { keys.append(try parseSortKey()) }
            kind = .sort(keys)
        case .limit:
            kind = .limit(try expectWholeNumber().0)
        case .show:
            let columns = try parseBindings(nameRequired: false)
            if accept(.by) != nil {
                let key = try expectIdentifier(Expected.columnName)
                if accept(.as) != nil, try parseOption(["wide"], "`wide` (a pivot is wide)") == nil { throw unexpected() }
                kind = .pivot(columns, by: key)
                break
            }
            var layout: Layout?
            if accept(.as) != nil {
                layout = try parseOption(["table", "wide", "long"], Expected.layout).flatMap(Layout.init(rawValue:))
            }
            kind = .show(columns, as: layout)
        default:
            throw unknownStage()
        }
        return Stage(kind, span: keyword.span.union(previousSpan), keywordSpan: keyword.span)
    }

    /// E106 for an unknown word after `|`, with did-you-mean among the stage keywords.
    private mutating func unknownStage() -> SyntaxError {
        expecting(Expected.stage)
        let token = current
        switch token.kind {
        case .identifier(let word):
            let guesses = EditDistance.suggestions(for: word, among: Keyword.stageKeywords.map(\.rawValue))
            let help = guesses.isEmpty
                ? "stages are \(Keyword.stageKeywords.map { "`\($0.rawValue)`" }.joined(separator: " "))"
                : "did you mean \(Expected.prose(guesses.map { "`\($0)`" }))?"
            return failure(DiagnosticCode.unknownStage, "unknown stage `\(word)`", label: "not a stage keyword",
                           help: help, suggestions: guesses.map { Suggestion(label: $0, replacement: $0, span: token.span) })
        case .keyword(let k) where Keyword.sourceKeywords.contains(k):
            return failure(DiagnosticCode.unexpectedToken, "`\(k.rawValue)` cannot follow `|`",
                           label: "expected \(Expected.stage)",
                           help: "a query has one source; list several indicators in one `from a, b`")
        default:
            return unexpected()
        }
    }

    /// `name = expr, …`; in `show` the name is optional.
    private mutating func parseBindings(nameRequired: Bool) throws(SyntaxError) -> [Binding] {
        var bindings = [try parseBinding(nameRequired: nameRequired)]
        while accept(.comma) != nil { bindings.append(try parseBinding(nameRequired: nameRequired)) }
        return bindings
    }

    private mutating func parseBinding(nameRequired: Bool) throws(SyntaxError) -> Binding {
        if case .identifier(let name) = current.kind, peek().is(.assign) {
            let id = Identifier(name, span: advance().span)
            advance()
            return Binding(name: id, value: try parseExpression())
        }
        if nameRequired {
            let id = try expectIdentifier(Expected.binding)
            if current.is(.equalEqual) {
                throw failure(DiagnosticCode.unexpectedToken, "unexpected `==`", label: "expected `=`",
                              help: "a new column is written `\(id.name) = expression`")
            }
            _ = try expect(.assign)
            return Binding(name: id, value: try parseExpression())
        }
        return Binding(name: nil, value: try parseExpression())
    }

    /// `( "(" rule ( "," rule )* ")" )?` with `rule ::= ident "=" aggregate ( "weight" ident )?`.
    private mutating func parseRollupRules() throws(SyntaxError) -> [RollupRule] {
        guard let open = accept(.leftParen) else { return [] }
        openGroups.append(open)
        var rules: [RollupRule] = []
        repeat {
            let indicator = try expectIdentifier(Expected.indicator)
            _ = try expect(.assign)
            let aggregateToken = current
            let names = ["sum", "ratio", "min", "max", "median", "mean"]
            guard let name = try parseOption(names, Expected.rollupAggregate) else { throw unexpected() }
            let aggregate = Identifier(name, span: aggregateToken.span)
            var weight: Identifier?
            if name == "mean", accept(.weight) != nil { weight = try expectIdentifier(Expected.columnName) }
            rules.append(RollupRule(indicator: indicator, aggregate: aggregate, weight: weight))
        } while accept(.comma) != nil
        _ = try expect(.rightParen)
        openGroups.removeLast()
        return rules
    }

    /// `prev | next | linear | number`.
    private mutating func parseFillMethod() throws(SyntaxError) -> FillMethod {
        let negative = current.is(.minus)
        if negative { advance() }
        switch current.kind {
        case .integer(let n):
            advance()
            return .constant(negative ? -Double(n) : Double(n))
        case .number(let v):
            advance()
            return .constant(negative ? -v : v)
        default:
            if negative {
                expecting("a number")
                throw unexpected()
            }
        }
        switch try parseOption(["prev", "next", "linear"], Expected.fillMethod) {
        case "prev": return .previous
        case "next": return .next
        default: return .linear
        }
    }

    /// `e ( "asc" | "desc" )?`
    private mutating func parseSortKey() throws(SyntaxError) -> SortKey {
        let key = try parseExpression()
        if accept(.desc) != nil { return SortKey(key: key, descending: true) }
        _ = accept(.asc)
        return SortKey(key: key, descending: false)
    }

    /// One of a fixed set of words (not reserved): E114 with did-you-mean for a near miss.
    mutating func parseOption(_ words: [String], _ description: String) throws(SyntaxError) -> String? {
        if case .identifier(let word) = current.kind {
            if words.contains(word) {
                advance()
                return word
            }
            expecting(description)
            let guesses = EditDistance.suggestions(for: word, among: words)
            let help = guesses.isEmpty ? "write \(description)" : "did you mean \(Expected.prose(guesses.map { "`\($0)`" }))?"
            throw failure(DiagnosticCode.unknownOption, "unknown option `\(word)`", label: "expected \(description)",
                          help: help, suggestions: guesses.map { Suggestion(label: $0, replacement: $0, span: current.span) })
        }
        expecting(description)
        throw unexpected()
    }
}
