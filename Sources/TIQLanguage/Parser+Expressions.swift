import TIQCore

/// Expressions, by a Pratt parser driven by `BinaryOperator.precedence` (docs/tql.md, "Grammar").
///
/// Binding powers: `or` 1, `and` 2, prefix `not` 3, comparisons, `in` and `~` 4 (non-associative),
/// `+ -` 5, `* /` 6, prefix `-` 7, postfix `@` and `[…]` 8.
extension Parser {
    /// Binding power of prefix `not`: its operand stops before `and` and `or`.
    static let notPower = 3
    /// Binding power of comparisons, `in` and `~`.
    static let comparisonPower = 4
    /// Binding power of prefix `-`: its operand is a postfix expression.
    static let negatePower = 7

    /// A full expression.
    mutating func parseExpression() throws(SyntaxError) -> Expr {
        try parseExpression(minPower: 0)
    }

    mutating func parseExpression(minPower: Int) throws(SyntaxError) -> Expr {
        let depthOnEntry = depth
        defer { depth = depthOnEntry }
        try deepen()
        var left = try parsePrefix(minPower: minPower)
        var comparedOnce = false
        while true {
            if let op = infixOperator(), op.precedence >= minPower {
                if op.isComparison || current.is(.in) || current.is(.tilde) {
                    if comparedOnce {
                        throw failure(DiagnosticCode.chainedComparison, "comparisons do not chain",
                                      label: "a second comparison", help: "join two comparisons with `and`: a < x and x < b")
                    }
                    comparedOnce = true
                }
                try deepen()
                left = try parseInfix(op, left: left)
                if op.isLogical { comparedOnce = false }
                continue
            }
            if current.is(.in) || current.is(.tilde), Self.comparisonPower >= minPower {
                if comparedOnce {
                    throw failure(DiagnosticCode.chainedComparison, "comparisons do not chain",
                                  label: "a second comparison", help: "join two comparisons with `and`")
                }
                comparedOnce = true
                try deepen()
                left = current.is(.in) ? try parseInList(left) : try parseFuzzy(left)
                continue
            }
            if current.is(.assign), !equalsCompares, Self.comparisonPower >= minPower {
                expecting(Expected.operator)
                throw failure(DiagnosticCode.assignmentAsComparison, "`=` does not compare here",
                              label: "`=` only names a column or an argument", help: "to compare, write `==`",
                              suggestions: [Suggestion(label: "==", replacement: "==", span: current.span)])
            }
            expecting(Expected.operator)
            return left
        }
    }

    /// The binary operator at the current token, if any (`=` reads as `==` inside `where`).
    private func infixOperator() -> BinaryOperator? {
        switch current.kind {
        case .keyword(.or): .or
        case .keyword(.and): .and
        case .symbol(.equalEqual): .equal
        case .symbol(.assign): equalsCompares ? .equal : nil
        case .symbol(.notEqual): .notEqual
        case .symbol(.less): .less
        case .symbol(.lessEqual): .lessOrEqual
        case .symbol(.greater): .greater
        case .symbol(.greaterEqual): .greaterOrEqual
        case .symbol(.plus): .add
        case .symbol(.minus): .subtract
        case .symbol(.star): .multiply
        case .symbol(.slash): .divide
        default: nil
        }
    }

    private mutating func parseInfix(_ op: BinaryOperator, left: Expr) throws(SyntaxError) -> Expr {
        advance()
        // Left-associative: the right operand binds strictly tighter.
        let right = try parseExpression(minPower: op.precedence + 1)
        return Expr(.binary(op, left, right), span: left.span.union(right.span))
    }

    /// `x in ( literal, … )`
    private mutating func parseInList(_ left: Expr) throws(SyntaxError) -> Expr {
        advance()
        let open = try expect(.leftParen)
        openGroups.append(open)
        var items = [try parseListItem()]
        while accept(.comma) != nil { items.append(try parseListItem()) }
        let close = try expect(.rightParen)
        openGroups.removeLast()
        return Expr(.inList(left, items), span: left.span.union(close.span))
    }

    /// A literal, or a range of two (`"B".."E"`, sectors), kept as a two-item `list`.
    private mutating func parseListItem() throws(SyntaxError) -> Expr {
        let low = try parseLiteral()
        guard accept(.dotDot) != nil else { return low }
        let high = try parseLiteral()
        return Expr(.list([low, high]), span: low.span.union(high.span))
    }

    /// `x ~ "text"`
    private mutating func parseFuzzy(_ left: Expr) throws(SyntaxError) -> Expr {
        advance()
        guard case .string(let value) = current.kind else {
            expecting(Expected.string)
            throw unexpected()
        }
        let literal = StringLiteral(value, span: advance().span)
        return Expr(.fuzzy(left, literal), span: left.span.union(literal.span))
    }

    /// `literal ::= string | number | true | false`, numbers optionally negated.
    private mutating func parseLiteral() throws(SyntaxError) -> Expr {
        let start = current.span
        if current.is(.minus) {
            advance()
            let number: Expr
            switch current.kind {
            case .integer(let n): number = Expr(.number(Double(n), isInteger: true), span: advance().span)
            case .number(let v): number = Expr(.number(v, isInteger: false), span: advance().span)
            default:
                expecting("a number")
                throw unexpected()
            }
            return Expr(.unary(.negate, number), span: start.union(number.span))
        }
        switch current.kind {
        case .string(let s): return Expr(.string(s), span: advance().span)
        case .integer(let n): return Expr(.number(Double(n), isInteger: true), span: advance().span)
        case .number(let v): return Expr(.number(v, isInteger: false), span: advance().span)
        case .percent(let v): return Expr(.percent(v), span: advance().span)
        case .keyword(.true): return Expr(.bool(true), span: advance().span)
        case .keyword(.false): return Expr(.bool(false), span: advance().span)
        default:
            expecting(Expected.literal)
            throw unexpected()
        }
    }

    /// Counts one more level of nesting, failing with E116 past `maxDepth`.
    private mutating func deepen() throws(SyntaxError) {
        depth += 1
        if depth > maxDepth {
            throw failure(DiagnosticCode.tooDeep, "expression nested too deeply",
                          label: "more than \(maxDepth) levels of operators, calls or parentheses",
                          help: "split the computation over several `derive` stages\(maxDepth < TQLParser.depthLimitRange.upperBound ? ", or raise the limit (tiq serve --max-query-depth)" : "")")
        }
    }

    // MARK: - Prefix and atoms

    private mutating func parsePrefix(minPower: Int) throws(SyntaxError) -> Expr {
        let start = current
        if start.is(.not), minPower <= Self.notPower {
            advance()
            let operand = try parseExpression(minPower: Self.notPower)
            return Expr(.unary(.not, operand), span: start.span.union(operand.span))
        }
        if start.is(.minus) {
            advance()
            let operand = try parseExpression(minPower: Self.negatePower)
            return Expr(.unary(.negate, operand), span: start.span.union(operand.span))
        }
        return try parsePostfix(parseAtom())
    }

    /// `post ::= atom ( "@" per | "[" prange "]" | "of" ident )*`
    private mutating func parsePostfix(_ atom: Expr) throws(SyntaxError) -> Expr {
        var expr = atom
        while true {
            if current.is(.atSign) || current.is(.leftBracket) { try deepen() }
            if current.is(.atSign) {
                advance()
                let p = try parsePeriod()
                expr = Expr(.at(expr, p), span: expr.span.union(p.span))
            } else if current.identifier == "of", peek().identifier != nil {
                // `x of region`: `of` is a word only here, so it still names columns elsewhere.
                try deepen()
                advance()
                let level = try expectIdentifier(Expected.level)
                expr = Expr(.of(expr, level), span: expr.span.union(level.span))
            } else if current.is(.leftBracket) {
                openGroups.append(advance())
                let range = try parsePeriodRange()
                let close = try expect(.rightBracket)
                openGroups.removeLast()
                expr = Expr(.slice(expr, range), span: expr.span.union(close.span))
            } else {
                return expr
            }
        }
    }

    private mutating func parseAtom() throws(SyntaxError) -> Expr {
        let token = current
        switch token.kind {
        case .integer(let n):
            advance()
            return Expr(.number(Double(n), isInteger: true), span: token.span)
        case .number(let v):
            advance()
            return Expr(.number(v, isInteger: false), span: token.span)
        case .percent(let v):
            advance()
            return Expr(.percent(v), span: token.span)
        case .string(let s):
            advance()
            return Expr(.string(s), span: token.span)
        case .period(let p):
            advance()
            return Expr(.period(p), span: token.span)
        case .keyword(.true), .keyword(.false):
            advance()
            return Expr(.bool(token.is(.true)), span: token.span)
        case .identifier("case") where peek().identifier == "when":
            return try parseCase()
        case .symbol(.leftBracket):
            return try parseList()
        case .identifier(let name):
            advance()
            if current.is(.leftParen) { return try parseCall(Identifier(name, span: token.span)) }
            return Expr(.name(name), span: token.span)
        case .symbol(.leftParen):
            advance()
            openGroups.append(token)
            let inner = try parseExpression()
            let close = try expect(.rightParen)
            openGroups.removeLast()
            return Expr(inner.kind, span: token.span.union(close.span))
        default:
            expecting(Expected.expression)
            if case .keyword(let k) = token.kind, ![.not].contains(k) {
                throw failure(DiagnosticCode.unexpectedToken, "unexpected `\(token.text)`",
                              label: "expected \(Expected.prose(expected))",
                              help: "`\(token.text)` is a reserved word and cannot name a column")
            }
            throw unexpected()
        }
    }

    /// `case when c then v ( when c then v )* ( else e )? end`; the words are not reserved.
    private mutating func parseCase() throws(SyntaxError) -> Expr {
        let start = advance()
        var clauses: [WhenClause] = []
        var otherwise: Expr?
        while current.identifier == "when" {
            advance()
            let condition = try parseExpression()
            try expectWord("then")
            clauses.append(WhenClause(condition: condition, value: try parseExpression()))
        }
        if current.identifier == "else" {
            advance()
            otherwise = try parseExpression()
        } else {
            expecting("`when`")
            expecting("`else`")
        }
        try expectWord("end")
        return Expr(.caseWhen(clauses, otherwise: otherwise), span: start.span.union(previousSpan))
    }

    /// The word `word` (an identifier that is not reserved), or an error expecting it.
    private mutating func expectWord(_ word: String) throws(SyntaxError) {
        if current.identifier == word {
            advance()
            return
        }
        expecting("`\(word)`")
        throw unexpected()
    }

    /// `list ::= "[" expr ( "," expr )* "]"`
    private mutating func parseList() throws(SyntaxError) -> Expr {
        let open = advance()
        openGroups.append(open)
        var items = [try parseExpression()]
        while accept(.comma) != nil { items.append(try parseExpression()) }
        let close = try expect(.rightBracket)
        openGroups.removeLast()
        return Expr(.list(items), span: open.span.union(close.span))
    }

    /// `call ::= ident "(" ( arg ( "," arg )* )? ")"`, `arg ::= ( ident "=" )? ( expr | prange )`.
    private mutating func parseCall(_ name: Identifier) throws(SyntaxError) -> Expr {
        let open = advance()
        openGroups.append(open)
        var args: [Argument] = []
        if accept(.rightParen) == nil {
            repeat { args.append(try parseArgument()) } while accept(.comma) != nil
            _ = try expect(.rightParen)
        }
        openGroups.removeLast()
        return Expr(.call(name, args), span: name.span.union(previousSpan))
    }

    private mutating func parseArgument() throws(SyntaxError) -> Argument {
        var label: Identifier?
        if peek().is(.assign) {
            switch current.kind {
            case .identifier(let name): label = Identifier(name, span: current.span)
            case .keyword(.weight): label = Identifier("weight", span: current.span)
            default: break
            }
            if label != nil {
                advance()
                advance()
            }
        }
        let value = try parseExpression()
        guard current.is(.dotDot) else { return Argument(label: label, value: value) }
        guard let lower = periodLiteral(from: value) else {
            throw failure(DiagnosticCode.malformedLiteral, "a range needs a period at each end",
                          label: "not a period", help: "write a range of periods such as 2014..2023", at: value.span)
        }
        advance()
        let upper = try parsePeriod(Expected.endPeriod)
        let range = PeriodRange(lower: lower, upper: upper)
        return Argument(label: label, value: Expr(.range(range), span: range.span))
    }
}
