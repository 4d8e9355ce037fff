import TIQCore

/// Periods in period positions: `period`, `@`, `[a..b]`, `pre`/`post` and range arguments.
extension Parser {
    /// `per ::= INT | PERIOD`, where the INT must be a 4-digit year.
    mutating func parsePeriod(_ what: String = Expected.period) throws(SyntaxError) -> PeriodLiteral {
        switch current.kind {
        case .period(let p):
            return PeriodLiteral(p, span: advance().span)
        case .integer(let n) where current.isYear:
            return PeriodLiteral(Period(year: Int32(n)), span: advance().span)
        case .integer, .number, .percent:
            expecting(what)
            throw failure(DiagnosticCode.malformedLiteral, "`\(current.text)` is not a period", label: "expected \(what)",
                          help: "write a year with four digits (2018) or a period such as 2018-Q3, 2018-S1, 2018-07")
        default:
            expecting(what)
            throw unexpected()
        }
    }

    /// `prange ::= per ( ".." per )?`
    mutating func parsePeriodRange() throws(SyntaxError) -> PeriodRange {
        let lower = try parsePeriod()
        guard accept(.dotDot) != nil else { return PeriodRange(lower: lower) }
        return PeriodRange(lower: lower, upper: try parsePeriod(Expected.endPeriod))
    }

    /// Reads an already-parsed argument as the first period of a range (`complete(x, 2014..2023)`).
    func periodLiteral(from expr: Expr) -> PeriodLiteral? {
        switch expr.kind {
        case .period(let p):
            return PeriodLiteral(p, span: expr.span)
        case .number(let v, isInteger: true) where expr.span.end - expr.span.start == 4 && v >= 1000 && v <= 9999:
            return PeriodLiteral(Period(year: Int32(v)), span: expr.span)
        default:
            return nil
        }
    }
}
