import TIQCore

/// A dataset in memory, in the canonical model of the four CSV files (protocol.md, "Dataset
/// format"): what importers and the demo generator produce, what the CSV loader reads, and
/// what `SnapshotBuilder` turns into an indexed `Snapshot`.
///
/// Observations are kept column-wise so that millions of them cost a few bytes each.
public struct Dataset: Sendable {
    /// `territories.csv`: one record per territory.
    public var territories: [TerritoryRecord] = []
    /// Attribute columns of `territories.csv` beyond `level,code,name`, in file order.
    public var attributeNames: [String] = []
    /// `links.csv`: child → parent memberships.
    public var links: [LinkRecord] = []
    /// `indicators.csv`: the catalog.
    public var indicators: [IndicatorRecord] = []
    /// `observations.csv`, column-wise.
    public var observations = ObservationTable()

    /// An empty dataset.
    public init() {}
}

/// A territory: its level, code, name and attribute values (parallel to `Dataset.attributeNames`;
/// an empty string is no value).
public struct TerritoryRecord: Sendable, Hashable {
    /// The level name: `commune`, `epci`, …
    public var level: String
    /// The code, unique within the level.
    public var code: String
    /// The name.
    public var name: String
    /// Attribute values, parallel to `Dataset.attributeNames`.
    public var attributes: [String]

    /// Creates a territory record.
    public init(level: String, code: String, name: String, attributes: [String] = []) {
        self.level = level
        self.code = code
        self.name = name
        self.attributes = attributes
    }

    /// The key `level:code`.
    public var key: String { "\(level):\(code)" }
}

/// A membership: `child` (a `level:code` key) belongs to `parent` with `weight` (default 1).
public struct LinkRecord: Sendable, Hashable {
    /// The child key, `commune:01001`.
    public var child: String
    /// The parent key, `epci:200069193`.
    public var parent: String
    /// The share of the child inside the parent, in (0, 1].
    public var weight: Double
    /// The first period the link holds (`from` in links.csv); nil: since always.
    public var from: Period?
    /// The last period the link holds, inclusive (`to` in links.csv); nil: still holds.
    public var to: Period?

    /// Creates a link, valid from `from` through `to` (nil: unbounded on that side).
    public init(child: String, parent: String, weight: Double = 1, from: Period? = nil, to: Period? = nil) {
        self.child = child
        self.parent = parent
        self.weight = weight
        self.from = from
        self.to = to
    }

    /// Whether the link holds at some periods only (it has a `from` or a `to`).
    public var isTimed: Bool { from != nil || to != nil }
}

/// A catalog row of `indicators.csv`.
public struct IndicatorRecord: Sendable, Hashable {
    /// The identifier used in queries.
    public var code: String
    /// A readable name.
    public var name: String
    /// The unit symbol.
    public var unit: String
    /// `sum`, `ratio(num,den)`, `mean`, `mean weight <attr>`, `none`.
    public var aggregate: String
    /// `A`, `S`, `Q` or `M`.
    public var frequency: String
    /// Where the data comes from (`synthetic` for generated data).
    public var source: String
    /// A longer description.
    public var description: String
    /// The classification its observations are broken down by (`naf`), or empty.
    public var breakdown: String = ""

    /// Creates a catalog row.
    public init(code: String, name: String, unit: String, aggregate: String, frequency: String,
                source: String, description: String = "", breakdown: String = "") {
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

/// Observations, column-wise: row `i` is (`territories[i]`, `indicators[i]`, `periods[i]`,
/// `values[i]`, `statuses[i]`), with territories and indicators as indices into
/// `territoryKeys` and `indicatorCodes`.
public struct ObservationTable: Sendable {
    /// Distinct territory keys (`level:code`) referenced.
    public var territoryKeys: [String] = []
    /// Distinct indicator codes referenced.
    public var indicatorCodes: [String] = []
    /// Index into `territoryKeys`, per observation.
    public var territories: [UInt32] = []
    /// Index into `indicatorCodes`, per observation.
    public var indicators: [UInt16] = []
    /// The period, per observation.
    public var periods: [Period] = []
    /// The value, NaN when absent.
    public var values: [Double] = []
    /// The status, per observation.
    public var statuses: [ObservationStatus] = []
    /// Distinct breakdown codes referenced (the `naf` column), as written.
    public var breakdownCodes: [String] = []
    /// Index into `breakdownCodes` per observation, `noBreakdown` for a row without one;
    /// empty when no row has a breakdown code.
    public var breakdowns: [UInt32] = []
    /// The `breakdowns` entry of a row without a breakdown code.
    public static let noBreakdown = UInt32.max

    /// The breakdown code index of row `i`, nil when it has none.
    public func breakdown(_ i: Int) -> Int? {
        guard !breakdowns.isEmpty, breakdowns[i] != Self.noBreakdown else { return nil }
        return Int(breakdowns[i])
    }

    /// An empty table.
    public init() {}

    /// How many observations.
    public var count: Int { values.count }
}
