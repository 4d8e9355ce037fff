/// One record of a CSV file: its fields, and where each one starts, for error messages.
public struct CSVRecord: Sendable {
    /// The 1-based line where the record starts.
    public internal(set) var line: Int = 0
    /// The byte offset of the record in the reader's (decoded) bytes; `CSVReader.record(at:)` reads it again.
    public internal(set) var offset: Int = 0
    /// The fields, unquoted, in order.
    public internal(set) var fields: [String] = []
    /// Where each field is: one entry per field.
    public internal(set) var positions: [FieldPosition] = []
    /// Whether the last field opened a quote that the file never closed.
    public internal(set) var hasUnterminatedQuote = false
    /// The line and column just past the record's last field, where a missing field would go.
    public internal(set) var endLine: Int = 0
    /// See `endLine`.
    public internal(set) var endColumn: Int = 0

    /// Creates an empty record.
    public init() {}

    /// How many fields.
    public var count: Int { fields.count }

    /// Field `i`, or the empty string when the record is shorter.
    public subscript(i: Int) -> String { i < fields.count ? fields[i] : "" }

    mutating func reset(line: Int, offset: Int) {
        self.line = line
        self.offset = offset
        fields.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        hasUnterminatedQuote = false
    }

    /// The 1-based line of each field's first character (a quoted field may span lines).
    public var fieldLines: [Int] { positions.map(\.line) }
    /// The 1-based column of each field's first character, in Unicode scalars.
    public var fieldColumns: [Int] { positions.map(\.column) }
    /// The byte offset of each field's first character.
    public var fieldOffsets: [Int] { positions.map(\.start) }
    /// The byte offset one past each field's last character.
    public var fieldEnds: [Int] { positions.map(\.end) }

    /// Whether the record is a blank line (one empty, unquoted field).
    var isBlank: Bool { fields.count == 1 && fields[0].isEmpty && positions[0].end == positions[0].start }
}

/// Where one field of a record lies in the file.
public struct FieldPosition: Sendable, Hashable {
    /// The 1-based line of its first character.
    public var line: Int
    /// The 1-based column of its first character, in Unicode scalars.
    public var column: Int
    /// The byte offset of its first character (the opening quote of a quoted field).
    public var start: Int
    /// The byte offset one past its last character.
    public var end: Int
}
