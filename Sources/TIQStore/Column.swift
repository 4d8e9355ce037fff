import TIQCore

/// Identifies an indicator in one snapshot: its position in `Snapshot.indicators`.
public struct IndicatorID: Sendable, Hashable {
    /// The position in `Snapshot.indicators`.
    public let raw: Int
    /// Creates an indicator id.
    public init(_ raw: Int) { self.raw = raw }
}

/// How an indicator aggregates over territories: the catalog's `aggregate` column.
public enum AggregateRule: Sendable, Hashable, CustomStringConvertible {
    /// Additive: stocks and flows (jobs, firms, euros).
    case sum
    /// A ratio of two additive indicators: `ratio(ebe, va)`.
    case ratio(numerator: String, denominator: String)
    /// A mean, weighted by a territory attribute (`population`) when given.
    case mean(weight: String?)
    /// Not aggregable (a median income): roll-ups are refused.
    case none

    /// The text of the catalog: `sum`, `ratio(ebe,va)`, `mean`, `mean weight population`, `none`.
    public var description: String {
        switch self {
        case .sum: "sum"
        case .ratio(let n, let d): "ratio(\(n),\(d))"
        case .mean(nil): "mean"
        case .mean(let w?): "mean weight \(w)"
        case .none: "none"
        }
    }
}

/// A catalog entry: what an indicator is, how it aggregates, where it comes from.
public struct IndicatorInfo: Sendable {
    /// Its identifier in queries: `emploi_ind`.
    public let code: String
    /// A readable name.
    public let name: String
    /// Its unit.
    public let unit: Unit
    /// How it aggregates.
    public let aggregate: AggregateRule
    /// Its frequency.
    public let frequency: Frequency
    /// Where the data comes from; demo data says `synthetic`.
    public let source: String
    /// A longer description.
    public let description: String
    /// The classification its observations are broken down by (`naf`), nil for none.
    public let breakdown: String?

    /// Creates a catalog entry.
    public init(code: String, name: String, unit: Unit, aggregate: AggregateRule, frequency: Frequency,
                source: String, description: String = "", breakdown: String? = nil) {
        self.breakdown = breakdown
        self.code = code
        self.name = name
        self.unit = unit
        self.aggregate = aggregate
        self.frequency = frequency
        self.source = source
        self.description = description
    }
}

/// Statuses of the cells of a column that are not plain `ok` values, kept beside the values.
///
/// Sparse: sorted cell indices and their statuses, searched by binary search.
public struct StatusStore: Sendable {
    /// Cell indices (`row * periods + period`), increasing.
    public let cells: [UInt32]
    /// The status of each listed cell.
    public let statuses: [ObservationStatus]

    /// A store with no flagged cell: every present value is `ok`, every NaN is `missing`.
    public static let empty = StatusStore(cells: [], statuses: [])

    /// Creates a store from parallel arrays; `cells` must be increasing.
    public init(cells: [UInt32], statuses: [ObservationStatus]) {
        precondition(cells.count == statuses.count)
        self.cells = cells
        self.statuses = statuses
    }

    /// The recorded status of `cell`, or nil when none was recorded.
    public func status(of cell: Int) -> ObservationStatus? {
        var lo = 0, hi = cells.count
        let c = UInt32(cell)
        while lo < hi {
            let mid = (lo + hi) / 2
            if cells[mid] < c { lo = mid + 1 } else { hi = mid }
        }
        return lo < cells.count && cells[lo] == c ? statuses[lo] : nil
    }
}

/// One indicator at one level: a contiguous row-major block of Float64, NaN for absent.
///
/// Row r's series is `values[r * axis.count ..< (r + 1) * axis.count]`.
public struct Column: Sendable {
    /// The indicator.
    public let indicator: IndicatorID
    /// The level of the rows.
    public let level: LevelID
    /// The period axis shared by every row.
    public let axis: PeriodAxis
    /// Row-major values, `rows × axis.count`; NaN is absent.
    public let values: [Double]
    /// Statuses of flagged cells; an unflagged NaN is `missing`, an unflagged value `ok`.
    public let status: StatusStore

    /// Creates a column.
    public init(indicator: IndicatorID, level: LevelID, axis: PeriodAxis, values: [Double], status: StatusStore) {
        self.indicator = indicator
        self.level = level
        self.axis = axis
        self.values = values
        self.status = status
    }

    /// The status of the cell at (`row`, `period`), absence kinds included.
    public func status(row: Int, period: Int) -> ObservationStatus {
        let cell = row * axis.count + period
        if let s = status.status(of: cell) { return s }
        return values[cell].isNaN ? .missing : .ok
    }
}
