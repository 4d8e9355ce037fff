import TIQCore

/// Identifies a level in one snapshot: its position in `Snapshot.levels`.
public struct LevelID: Sendable, Hashable, Comparable {
    /// The position in `Snapshot.levels`.
    public let raw: Int
    /// Creates a level id.
    public init(_ raw: Int) { self.raw = raw }
    public static func < (a: LevelID, b: LevelID) -> Bool { a.raw < b.raw }
}

/// A value of one territory attribute, column-wise for a whole level.
public enum AttributeColumn: Sendable {
    /// Dictionary-encoded text: `values[codes[row]]`; `codes[row] == .max` means no value.
    case text(codes: [UInt32], values: [String])
    /// A number per row; NaN means no value.
    case number([Double])
    /// True or false per row.
    case flag(Bitset)
    /// A territory of another level per row (the région of an EPCI); `.max` means none.
    case territory(level: LevelID, rows: [UInt32])
}

/// One attribute of the territories of a level.
public struct Attribute: Sendable {
    /// Its name: `population`, `type`, `region`, `ti1`, `ti1_share`, `ti1_name`.
    public let name: String
    /// The values, one per territory.
    public let column: AttributeColumn
    /// Its unit (`hab` for population, `%`-free share in 0...1 for `_share`).
    public let unit: Unit
    /// One line saying what it is, shown by `hover` and `catalog`.
    public let description: String

    /// Creates an attribute.
    public init(name: String, column: AttributeColumn, unit: Unit = .none, description: String = "") {
        self.name = name
        self.column = column
        self.unit = unit
        self.description = description
    }
}

/// Every territory of one level: dense row ids, codes, names and attributes.
public struct LevelTable: Sendable {
    /// The level's name: `commune`, `epci`, `ti1`, `ti2`, `dept`, `region`, `france`.
    public let name: String
    /// Its position in the snapshot.
    public let id: LevelID
    /// Codes (INSEE, SIREN, TI id); the position is the row id.
    public let codes: [String]
    /// Names, by row.
    public let names: [String]
    /// Code → row.
    public let rowByCode: [String: UInt32]
    /// Attributes by name, in a stable order for listing.
    public let attributes: [Attribute]
    /// Attribute name → position in `attributes`.
    public let attributeIndex: [String: Int]

    /// Creates a level table.
    public init(name: String, id: LevelID, codes: [String], names: [String], attributes: [Attribute]) {
        self.name = name
        self.id = id
        self.codes = codes
        self.names = names
        var index: [String: UInt32] = [:]
        index.reserveCapacity(codes.count)
        for (i, c) in codes.enumerated() { index[c] = UInt32(i) }
        self.rowByCode = index
        self.attributes = attributes
        var ai: [String: Int] = [:]
        for (i, a) in attributes.enumerated() { ai[a.name] = i }
        self.attributeIndex = ai
    }

    /// How many territories the level holds.
    public var count: Int { codes.count }

    /// The attribute named `name`, if the level has it.
    public func attribute(_ name: String) -> Attribute? { attributeIndex[name].map { attributes[$0] } }
}
