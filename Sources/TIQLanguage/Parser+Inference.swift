import TIQCore

/// The options after `compare … on e` and `did … on e` (tql grammar `inference`).
extension Parser {
    /// `( "with" "ci" num | "draws" INT | "seed" INT | "model" ("twfe"|"event"|"staggered") | "ref" per
    ///  | "matched" "on" "(" expr ("," expr)* ")" | "k" INT | "caliper" num | "exact" ident
    ///  | "stratified" "by" ident )*`,
    /// each at most once (`exact` may repeat), in any order.
    mutating func parseInferenceClause() throws(SyntaxError) -> InferenceClause {
        var o = InferenceClause()
        var start: SourceSpan?
        var seen = Set<String>()
        while true {
            let token = current
            let word: String
            if token.is(.with) { word = "with" } else if case .identifier(let w) = token.kind, InferenceClause.words.contains(w) { word = w } else { break }
            if word != "exact", seen.contains(word) {
                throw failure(.unexpectedToken, "`\(word)` is given twice", label: "already given", help: "keep one `\(word)`")
            }
            seen.insert(word)
            advance()
            start = start ?? token.span
            switch word {
            case "with":
                _ = try parseOption(["ci"], "`ci`")
                o.level = try parsePositiveNumber("a level in percent such as 95")
            case "draws": o.draws = try expectWholeNumber().0
            case "seed": o.seed = try expectWholeNumber().0
            case "model":
                let t = current
                if let m = try parseOption(["twfe", "event", "staggered"], "`twfe`, `event` or `staggered`") { o.model = Identifier(m, span: t.span) }
            case "ref": o.reference = try parsePeriod()
            case "stratified":
                _ = try expect(.by)
                o.strata = try expectIdentifier(Expected.columnName)
            case "matched":
                _ = try expect(.on)
                let open = try expect(.leftParen)
                openGroups.append(open)
                var covariates = [try parseExpression()]
                while accept(.comma) != nil { covariates.append(try parseExpression()) }
                _ = try expect(.rightParen)
                openGroups.removeLast()
                o.matching = MatchingClause(covariates: covariates, neighbours: o.matching?.neighbours,
                                            caliper: o.matching?.caliper, exact: o.matching?.exact ?? [])
            default:
                guard o.matching != nil else {
                    throw failure(.unexpectedToken, "`\(word)` belongs to `matched on (…)`",
                                  label: "no `matched on` before", help: "write `matched on (covariates) \(word) …`", at: token.span)
                }
                switch word {
                case "k": o.matching?.neighbours = try expectWholeNumber().0
                case "caliper": o.matching?.caliper = try parsePositiveNumber("a caliper in standard deviations such as 0.5")
                default: o.matching?.exact.append(try expectIdentifier(Expected.columnName))
                }
            }
        }
        if let start { o.span = start.union(previousSpan) }
        return o
    }

    /// An integer or decimal number literal.
    private mutating func parsePositiveNumber(_ what: String) throws(SyntaxError) -> Double {
        switch current.kind {
        case .integer(let n): advance(); return Double(n)
        case .number(let v): advance(); return v
        default:
            expecting(what)
            throw unexpected()
        }
    }
}
