/// How to read one indicator table for `tiq import table`.
public struct TableImportOptions: Sendable {
    /// The table file.
    public var file: String
    /// The level of its territories: `dept`, `commune`, `epci`, `ze2010`, …
    public var level: String
    /// The column holding territory codes.
    public var territoryColumn: String
    /// The indicator code to create or replace.
    public var indicator: String
    /// The unit symbol (`jobs`, `firms`, `EUR`, `%`).
    public var unit: String
    /// The catalog aggregate (`sum`, `ratio(a,b)`, `mean`, `mean weight population`, `none`).
    public var aggregate = "sum"
    /// Long form: the column holding periods (`2020`, `2020-Q1`, `2020-01`, or dates `2020-01-31`, read as months).
    public var periodColumn: String?
    /// Wide form: one column per period, headed by the period (`1998`, `1999`, …).
    public var wide = false
    /// Long form: the value column; by default the only column that is not territory, period or name.
    public var valueColumn: String?
    /// The indicator's readable name (default: the code).
    public var name: String?
    /// Where the data comes from (default: the file name).
    public var source: String?
    /// A longer description.
    public var description = ""
    /// The column holding territory names, used with `addTerritories`.
    public var nameColumn: String?
    /// Declares territories of `level` that the dataset lacks (code and name from the table).
    public var addTerritories = false
    /// Drops rows whose territory is unknown instead of failing (they are counted).
    public var skipUnknown = false
    /// Keeps only rows where each `column == value`.
    public var filters: [(column: String, value: String)] = []

    /// Creates options with the required fields.
    public init(file: String, level: String, territoryColumn: String, indicator: String, unit: String) {
        self.file = file
        self.level = level
        self.territoryColumn = territoryColumn
        self.indicator = indicator
        self.unit = unit
    }
}

/// What `TableImporter.importTable` did.
public struct TableImportSummary: Sendable {
    /// Observations written for the indicator.
    public var observations = 0
    /// Distinct territories with observations.
    public var territories = 0
    /// Territories added to `territories.csv`.
    public var addedTerritories = 0
    /// Rows dropped because their territory is unknown (with `skipUnknown`).
    public var skippedRows = 0
    /// The first and last period.
    public var firstPeriod = "", lastPeriod = ""
    /// The frequency letter.
    public var frequency = ""
    /// Whether an indicator of the same code was replaced.
    public var replaced = false
}
