import TIQCore

/// What kind of values a result column holds.
public enum ResultKind: Sendable, Hashable {
    /// Text: names, codes, attribute values.
    case text
    /// One number per row.
    case number
    /// True or false per row.
    case bool
    /// A period (in long layout).
    case period
    /// One number per period per row: a time series on `periods`.
    case series
}

/// The values of one result column, stored column-wise.
public enum ResultValues: Sendable {
    /// Text per row; nil is absent.
    case text([String?])
    /// A number per row, NaN for absent; `statuses` non-nil when any cell is flagged or absent for a reason.
    case number([Double], statuses: [ObservationStatus]?)
    /// A boolean per row; nil is absent.
    case bool([Bool?])
    /// A period per row.
    case period([Period])
    /// Row-major series: `values[row * periods.count + t]`, NaN for absent.
    case series([Double], statuses: [ObservationStatus]?)
}

/// One column of an answer: its name, unit, kind and values.
public struct ResultColumn: Sendable {
    /// The column name: an attribute, an indicator, a binding, or `period`.
    public var name: String
    /// The unit; `%` and `pp` values are fractions here and percent numbers on the wire.
    public var unit: Unit
    /// What the column holds.
    public var kind: ResultKind
    /// The values.
    public var values: ResultValues
    /// Where each cell's value comes from (parallel to `values`, row-major for a series), for an
    /// indicator read by `from` at a level where it is published and can also be rolled up;
    /// nil for every other column.
    public var sources: [CellSource]?

    /// Creates a column.
    public init(name: String, unit: Unit, kind: ResultKind, values: ResultValues) {
        self.name = name
        self.unit = unit
        self.kind = kind
        self.values = values
    }
}

/// How complete the data behind an answer is.
public struct Coverage: Sendable, Hashable {
    /// Rows that had every value the answer needed.
    public var rowsComplete: Int
    /// Rows considered.
    public var rowsTotal: Int
    /// Cells present among those the answer read (0...1), when meaningful.
    public var cellShare: Double?

    /// Creates a coverage summary.
    public init(rowsComplete: Int, rowsTotal: Int, cellShare: Double? = nil) {
        self.rowsComplete = rowsComplete
        self.rowsTotal = rowsTotal
        self.cellShare = cellShare
    }
}

extension Coverage {
    /// The footer text of the coverage, honest about drops: `kept 5 of 18 region · 13 dropped`
    /// when rows were dropped, `all 18 kept` otherwise, then `12.5% of cells present`. Never
    /// "complete" beside absent cells.
    public func summary(noun: String = "rows") -> String {
        var parts: [String] = []
        if rowsTotal > 0 {
            if rowsComplete < rowsTotal {
                parts.append("kept \(rowsComplete) of \(rowsTotal) \(noun) · \(rowsTotal - rowsComplete) dropped")
            } else {
                parts.append("all \(rowsTotal) \(noun) kept")
            }
        }
        if let share = cellShare {
            let pct = (share * 1000).rounded() / 10
            parts.append("\(pct == pct.rounded() ? String(Int(pct)) + ".0" : String(pct))% of cells present")
        }
        return parts.joined(separator: " · ")
    }
}

/// The answer to a query: columns, the period axis of its series, coverage and warnings.
public struct ResultTable: Sendable {
    /// The columns, in display order.
    public var columns: [ResultColumn]
    /// How many rows.
    public var rowCount: Int
    /// The periods of every `series` column, in order.
    public var periods: [Period]
    /// How complete the data was.
    public var coverage: Coverage
    /// Warnings (dropped rows, approximations, empty periods) and notes (descriptive only).
    public var warnings: [Diagnostic]
    /// The level of the rows when they are territories, nil for groups.
    public var level: String?
    /// The unit of the `diff` row of `compare`/`did` (`pp` for a difference of `%`), when it differs.
    public var diffUnit: Unit?

    /// Creates a result.
    public init(columns: [ResultColumn], rowCount: Int, periods: [Period], coverage: Coverage,
                warnings: [Diagnostic] = [], level: String? = nil) {
        self.columns = columns
        self.rowCount = rowCount
        self.periods = periods
        self.coverage = coverage
        self.warnings = warnings
        self.level = level
    }

    /// The number of cells, counting each period of a series as one.
    public var cellCount: Int {
        columns.reduce(0) { $0 + ($1.kind == .series ? rowCount * periods.count : rowCount) }
    }
}

extension ResultTable {
    /// How many cells of the answer carry `status`.
    public func countStatus(_ status: ObservationStatus) -> Int {
        columns.reduce(0) { n, c in
            switch c.values {
            case .number(_, let s?), .series(_, let s?): return n + s.reduce(0) { $0 + ($1 == status ? 1 : 0) }
            default: return n
            }
        }
    }
}
