import TIQCore

/// The optional validity of a link (`from`, `to` in links.csv; protocol.md, "Links in time"):
/// a link holds from the first month of `from` through the last month of `to`, and a period
/// reads the links that hold on its first month. Periods of any frequency compare through
/// their months, so an annual `from 2023` holds for `2023-Q1` and `2023-07`.
extension Period {
    /// The month the period starts, as `year × 12 + month − 1`.
    public var firstMonth: Int32 {
        let span = 12 / frequency.periodsPerYear
        return year &* 12 &+ (subperiod - 1) &* span
    }

    /// The month the period ends, as `year × 12 + month − 1`.
    public var lastMonth: Int32 { firstMonth &+ 12 / frequency.periodsPerYear &- 1 }
}

extension LinkRecord {
    /// The months the link holds, inclusive; unbounded sides are `Int32.min`/`Int32.max`.
    var months: ClosedRange<Int32>? {
        let a = from?.firstMonth ?? .min, b = to?.lastMonth ?? .max
        return a <= b ? a...b : nil
    }
}

/// The `from` and `to` columns of links.csv, when the header has them: each cell empty
/// (unbounded) or a period such as `2023`, `2023-Q2`, `2023-07`.
struct LinkValidityColumns {
    let from: Int?
    let to: Int?

    init(_ t: CSVTableReader) {
        from = t.column("from")
        to = t.column("to")
    }

    /// The validity of `rec`, or nil after reporting a cell that is not a period (D115).
    func read(_ rec: CSVRecord, _ t: CSVTableReader, collector: inout DiagnosticCollector) -> (Period?, Period?)? {
        var ok = true
        func period(_ k: Int?, _ name: String) -> Period? {
            guard let k else { return nil }
            let text = rec[k].trimmingASCIISpaces()
            guard !text.isEmpty else { return nil }
            if let p = Period(text) { return p }
            collector.error(.malformedPeriod, "`\(name)` `\(text)` is not a period", at: t.location(rec, k),
                            help: "write a period such as `2023`, `2023-Q2`, `2023-S1` or `2023-07`, or leave it empty for no \(name == "from" ? "start" : "end")")
            ok = false
            return nil
        }
        let a = period(from, "from"), b = period(to, "to")
        return ok ? (a, b) : nil
    }
}
