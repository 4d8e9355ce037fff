import TIQCore

/// Prints a query back as canonical TQL: one stage per line after a leading `|`, single spaces
/// around operators, `==` for equality, and only the parentheses precedence needs.
///
/// `TQLParser.parse(ASTPrinter.print(q)).query` equals `q` up to spans (see `Query.erasingSpans()`).
public enum ASTPrinter {
    /// The canonical text of `query`.
    public static func print(_ query: Query) -> String {
        ([source(query.source)] + query.stages.map { "| " + stage($0) }).joined(separator: "\n")
    }

    /// The canonical text of the source clause.
    public static func source(_ s: SourceClause) -> String {
        switch s.kind {
        case .from(let indicators, let level):
            return "from " + indicators.map(\.name).joined(separator: ", ") + (level.map { " at \($0.name)" } ?? "")
        case .territories(let level):
            return "territories" + (level.map { " at \($0.name)" } ?? "")
        case .lookup(let text, let level, let limit):
            return "lookup \(quote(text.value))" + (level.map { " at \($0.name)" } ?? "")
                + (limit.map { " limit \($0)" } ?? "")
        }
    }

    /// The keyword of a stage: `where`, `top`, `bottom`, …
    public static func keyword(of s: Stage) -> String {
        switch s.kind {
        case .where: "where"
        case .period: "period"
        case .derive: "derive"
        case .agg: "agg"
        case .rollup: "rollup"
        case .compare: "compare"
        case .did: "did"
        case .fill: "fill"
        case .top(_, _, let descending): descending ? "top" : "bottom"
        case .sort: "sort"
        case .limit: "limit"
        case .show, .pivot: "show"
        }
    }

    /// The canonical text of one stage, without the leading `|`.
    public static func stage(_ s: Stage) -> String {
        let k = keyword(of: s)
        switch s.kind {
        case .where(let e):
            return "\(k) \(expr(e))"
        case .period(let ranges):
            return "\(k) " + ranges.map(range).joined(separator: ", ")
        case .derive(let bindings):
            return "\(k) " + bindings.map(binding).joined(separator: ", ")
        case .agg(let bindings, let keys):
            let by = keys.isEmpty ? "" : " by " + keys.map(\.name).joined(separator: ", ")
            return "\(k) " + bindings.map(binding).joined(separator: ", ") + by
        case .rollup(let level, let rules):
            let r = rules.map { "\($0.indicator.name) = \($0.aggregate.name)" + ($0.weight.map { " weight \($0.name)" } ?? "") }
            return "\(k) to \(level.name)" + (r.isEmpty ? "" : " (" + r.joined(separator: ", ") + ")")
        case .compare(let flag, let on, let options):
            return "\(k) \(expr(flag)) on \(expr(on))" + inference(options)
        case .did(let flag, let pre, let post, let on, let options):
            return "\(k) \(expr(flag)) pre \(range(pre)) post \(range(post)) on \(expr(on))" + inference(options)
        case .fill(let columns, let method):
            return "\(k) " + columns.map(\.name).joined(separator: ", ") + " with " + fill(method)
        case .top(let n, let key, _):
            return "\(k) \(n) by \(expr(key))"
        case .sort(let keys):
            return "\(k) " + keys.map { expr($0.key) + ($0.descending ? " desc" : "") }.joined(separator: ", ")
        case .limit(let n):
            return "\(k) \(n)"
        case .show(let columns, let layout):
            return "\(k) " + columns.map(binding).joined(separator: ", ") + (layout.map { " as \($0.rawValue)" } ?? "")
        case .pivot(let columns, let key):
            return "\(k) " + columns.map(binding).joined(separator: ", ") + " by \(key.name) as wide"
        }
    }

    static func binding(_ b: Binding) -> String {
        (b.name.map { "\($0.name) = " } ?? "") + expr(b.value)
    }

    /// The text of a fill method.
    static func fill(_ m: FillMethod) -> String {
        switch m {
        case .previous: "prev"
        case .next: "next"
        case .linear: "linear"
        case .constant(let v): (v < 0 || (v == 0 && v.sign == .minus) ? "-" : "") + number(abs(v), isInteger: isIntegral(v))
        }
    }

    /// `2018`, `2014..2023`.
    public static func range(_ r: PeriodRange) -> String {
        r.lower.period.description + (r.upper.map { ".." + $0.period.description } ?? "")
    }

    /// A string literal with `"` and `\` escaped.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            if c == "\"" || c == "\\" { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(c)
        }
        return out + "\""
    }

    /// A number as the lexer reads it back: integers without a fraction, others with one.
    static func number(_ v: Double, isInteger: Bool) -> String {
        if isInteger, isIntegral(v) { return String(Int64(v)) }
        let s = v.description
        return s.contains(".") || s.contains("e") ? s : s + ".0"
    }

    /// Whether `v` is a whole number small enough to print exactly as an integer.
    static func isIntegral(_ v: Double) -> Bool {
        v.isFinite && abs(v) < 9.0e15 && Double(Int64(v)) == v
    }

    /// A percent literal whose lexed value (`n / 100`) is exactly `v`.
    static func percent(_ v: Double) -> String {
        let scaled = v * 100
        for candidate in [scaled, scaled.nextUp, scaled.nextDown] {
            let text = isIntegral(candidate) ? String(Int64(candidate)) : candidate.description
            if let back = Double(text), back / 100 == v { return text + "%" }
        }
        return scaled.description + "%"
    }

    // MARK: - Expressions

    /// An item of `in (…)`: a literal, or a range `"B".."E"` (parsed as a two-item list).
    static func listItem(_ e: Expr) -> String {
        if case .list(let bounds) = e.kind, bounds.count == 2 { return expr(bounds[0]) + ".." + expr(bounds[1]) }
        return expr(e)
    }

    /// The canonical text of an expression.
    public static func expr(_ e: Expr) -> String {
        switch e.kind {
        case .number(let v, let isInteger): return number(v, isInteger: isInteger)
        case .percent(let v): return percent(v)
        case .string(let s): return quote(s)
        case .period(let p): return p.description
        case .bool(let b): return b ? "true" : "false"
        case .name(let n): return n
        case .range(let r): return range(r)
        case .call(let f, let args):
            let a = args.map { ($0.label.map { "\($0.name) = " } ?? "") + expr($0.value) }
            return "\(f.name)(" + a.joined(separator: ", ") + ")"
        case .unary(.negate, let x):
            return "-" + operand(x, atLeast: Parser.negatePower)
        case .unary(.not, let x):
            return "not " + operand(x, atLeast: Parser.notPower)
        case .binary(let op, let l, let r):
            let leftMin = op.isComparison ? op.precedence + 1 : op.precedence
            return operand(l, atLeast: leftMin) + " \(op.rawValue) " + operand(r, atLeast: op.precedence + 1)
        case .at(let x, let p):
            return operand(x, atLeast: postfixPower) + "@" + p.period.description
        case .slice(let x, let r):
            return operand(x, atLeast: postfixPower) + "[" + range(r) + "]"
        case .inList(let x, let items):
            return operand(x, atLeast: Parser.comparisonPower + 1) + " in (" + items.map(listItem).joined(separator: ", ") + ")"
        case .fuzzy(let x, let s):
            return operand(x, atLeast: Parser.comparisonPower + 1) + " ~ " + quote(s.value)
        case .of(let x, let level):
            return operand(x, atLeast: postfixPower) + " of " + level.name
        case .list(let items):
            return "[" + items.map(expr).joined(separator: ", ") + "]"
        case .caseWhen(let clauses, let otherwise):
            let whens = clauses.map { " when \(expr($0.condition)) then \(expr($0.value))" }.joined()
            return "case" + whens + (otherwise.map { " else \(expr($0))" } ?? "") + " end"
        }
    }

    private static let postfixPower = 8
    private static let atomPower = 9

    /// How tightly an expression binds, on the scale of the Pratt parser.
    static func power(_ e: Expr) -> Int {
        switch e.kind {
        case .binary(let op, _, _): op.precedence
        case .unary(.not, _): Parser.notPower
        case .unary(.negate, _): Parser.negatePower
        case .inList, .fuzzy: Parser.comparisonPower
        case .at, .slice, .of: postfixPower
        default: atomPower
        }
    }

    private static func operand(_ e: Expr, atLeast minimum: Int) -> String {
        power(e) >= minimum ? expr(e) : "(" + expr(e) + ")"
    }
}
