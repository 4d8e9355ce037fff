import TIQCore

/// A ranked candidate of a name search.
public struct NameMatch: Sendable, Hashable {
    /// The level of the territory.
    public let level: LevelID
    /// Its row.
    public let row: Int
    /// Similarity in 0...1; 1 is an exact match of the folded name or the code.
    public let score: Double
    /// The name as shown, with the département for homonyms: `Saint-Martin (65)`.
    public let label: String

    /// Creates a match.
    public init(level: LevelID, row: Int, score: Double, label: String) {
        self.level = level
        self.row = row
        self.score = score
        self.label = label
    }
}

/// Fuzzy search over territory names: folded exact keys, codes, then trigram similarity.
///
/// PLACEHOLDER until the store's name index lands: the store owner replaces this file.
public struct NameIndex: Sendable {
    /// Creates an empty index.
    public init() {}

    /// The best matches of `text`, at `level` or at every level, best first.
    public func search(_ text: String, level: LevelID?, limit: Int) -> [NameMatch] { [] }
}
