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

/// Fuzzy search over territory names (docs/tql.md, `lookup`): codes, exact folded keys, alternative keys
/// without articles or EPCI prefixes, then trigram Jaccard similarity with Damerau-Levenshtein
/// as the tie-break; prefix completion over folded names; and "names starting with" over names
/// folded for case and accents only (`namesStarting(with:level:limit:)`).
///
/// Every territory of every level is one entry. Keys map to their first entry and entries
/// sharing a key are chained, so building allocates no array per key. Built once per
/// snapshot (about 0.1 s for 36k names in release, of which the prefix index of
/// `namesStarting(with:level:limit:)` takes about 14 ms), immutable after.
public struct NameIndex: Sendable {
    /// End of a chain of entries sharing a key.
    static let none = UInt32.max

    let levelNames: [String]
    /// The first entry of each level (a level's entries are contiguous, in row order); -1 if absent.
    let levelStart: [Int]
    let entryLevel: [Int32]
    let entryRow: [UInt32]
    let folded: [String]
    let labels: [String]
    let trigramCounts: [UInt16]
    /// Folded name → first entry; `exactNext` chains homonyms.
    let exactHead: [String: UInt32]
    let exactNext: [UInt32]
    /// Alternative key (`TextFolding.core`) → first entry, when it differs from the folded name.
    let coreHead: [String: UInt32]
    let coreNext: [UInt32]
    /// Lowercased code → first entry; `codeNext` chains equal codes of different levels.
    let codeHead: [String: UInt32]
    let codeNext: [UInt32]
    /// Packed trigram → position in `postingOffsets`.
    let trigramIDs: [UInt64: UInt32]
    let postingOffsets: [UInt32]
    /// Entries per trigram, increasing.
    let postings: [UInt32]
    /// Per level, entries sorted by folded name.
    let sortedByLevel: [[UInt32]]
    /// Names folded for case and accents only, sorted per level: "names starting with".
    let plainNames: NamePrefixIndex

    /// Score of a match on the alternative key (a name without its article or EPCI prefix).
    static let coreScore = 0.98
    /// The best score a trigram match can have, below any exact match.
    static let fuzzyCeiling = 0.97
    /// Trigram similarities below this are not offered.
    static let minimumScore = 0.15

    /// Creates an empty index.
    public init() {
        self.init(levels: [])
    }

    /// Indexes the names and codes of every territory of `levels`.
    public init(levels: [LevelTable]) {
        let total = levels.reduce(0) { $0 + $1.count }
        var entryLevel: [Int32] = [], entryRow: [UInt32] = [], folded: [String] = [], labels: [String] = []
        entryLevel.reserveCapacity(total); entryRow.reserveCapacity(total)
        folded.reserveCapacity(total); labels.reserveCapacity(total)
        var exact = KeyChains(capacity: total), core = KeyChains(capacity: total), codes = KeyChains(capacity: total)
        var levelNames: [String] = [], levelStarts: [Int] = []
        var plain = NamePrefixIndex.Builder()
        for level in levels {
            while levelNames.count <= level.id.raw { levelNames.append(""); levelStarts.append(-1) }
            levelNames[level.id.raw] = level.name
            let levelStart = folded.count
            levelStarts[level.id.raw] = levelStart
            for row in 0..<level.count {
                let e = UInt32(folded.count)
                let f = TextFolding.fold(level.names[row])
                entryLevel.append(Int32(level.id.raw))
                entryRow.append(UInt32(row))
                folded.append(f)
                plain.append(level.names[row])
                exact.add(f, e)
                let c = TextFolding.core(f)
                core.add(c == f ? nil : c, e)
                codes.add(level.codes[row].lowercased(), e)
            }
            // Homonyms within the level get a qualifier: `Saint-Martin (65)`.
            var qualifiers: [String]?
            for row in 0..<level.count {
                let e = levelStart + row
                var homonym = false
                var other = exact.head[folded[e]] ?? Self.none
                while other != Self.none {
                    if Int(other) != e && Int(other) >= levelStart { homonym = true; break }
                    other = exact.next[Int(other)]
                }
                if homonym {
                    if qualifiers == nil { qualifiers = Self.qualifiers(level, levels) }
                    labels.append("\(level.names[row]) (\(qualifiers![row]))")
                } else {
                    labels.append(level.names[row])
                }
            }
        }
        let grams = TrigramPostings(folded)
        self.levelNames = levelNames
        self.levelStart = levelStarts
        self.entryLevel = entryLevel
        self.entryRow = entryRow
        self.folded = folded
        self.labels = labels
        self.trigramCounts = grams.counts
        self.exactHead = exact.head
        self.exactNext = exact.next
        self.coreHead = core.head
        self.coreNext = core.next
        self.codeHead = codes.head
        self.codeNext = codes.next
        self.trigramIDs = grams.ids
        self.postingOffsets = grams.offsets
        self.postings = grams.postings
        var sorted = [[UInt32]](repeating: [], count: levelNames.count)
        for e in 0..<UInt32(total) { sorted[Int(entryLevel[Int(e)])].append(e) }
        for l in sorted.indices {
            sorted[l].sort { folded[Int($0)] != folded[Int($1)] ? folded[Int($0)] < folded[Int($1)] : $0 < $1 }
        }
        self.sortedByLevel = sorted
        self.plainNames = NamePrefixIndex(plain, entryLevel: entryLevel, levelCount: levelNames.count)
    }

    /// How many territories are indexed.
    public var count: Int { folded.count }

    /// The entries chained from `head`.
    func chain(_ head: UInt32?, _ next: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        var e = head ?? Self.none
        while e != Self.none { out.append(e); e = next[Int(e)] }
        return out
    }

    /// What tells homonyms apart: the `dept` attribute's code, else the territory's own code.
    static func qualifiers(_ level: LevelTable, _ levels: [LevelTable]) -> [String] {
        if let dept = level.attribute("dept") {
            switch dept.column {
            case .territory(let l, let rows) where l.raw < levels.count:
                return rows.indices.map { r in
                    rows[r] == .max || Int(rows[r]) >= levels[l.raw].count ? level.codes[r] : levels[l.raw].codes[Int(rows[r])]
                }
            case .text(let codes, let values):
                return codes.indices.map { r in codes[r] == .max || Int(codes[r]) >= values.count ? level.codes[r] : values[Int(codes[r])] }
            default: break
            }
        }
        return level.codes
    }
}

/// Keys mapped to chains of entries, built without one array per key.
struct KeyChains {
    var head: [String: UInt32] = [:]
    var next: [UInt32] = []

    init(capacity: Int) {
        head.reserveCapacity(capacity)
        next.reserveCapacity(capacity)
    }

    /// Adds entry `e` (which must be the next entry number) under `key`, or under no key.
    mutating func add(_ key: String?, _ e: UInt32) {
        guard let key else { next.append(NameIndex.none); return }
        // Prepend, then entries of one key read newest first; callers sort results anyway.
        next.append(head[key] ?? NameIndex.none)
        head[key] = e
    }
}
