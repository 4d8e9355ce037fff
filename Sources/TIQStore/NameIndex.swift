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

/// Fuzzy search over territory names (tql.md §2.8): codes, exact folded keys, alternative keys
/// without articles or EPCI prefixes, then trigram Jaccard similarity with Damerau-Levenshtein
/// as the tie-break; and prefix completion over folded names.
///
/// Every territory of every level is one entry. Built once per snapshot, immutable after.
public struct NameIndex: Sendable {
    let entryLevel: [Int32]
    let entryRow: [UInt32]
    let folded: [String]
    let labels: [String]
    let trigramCounts: [UInt16]
    let exact: [String: [UInt32]]
    let core: [String: [UInt32]]
    let codes: [String: [UInt32]]
    let trigramIDs: [UInt64: UInt32]
    let postingOffsets: [UInt32]
    let postings: [UInt32]
    /// Per level, entries sorted by folded name (bytewise).
    let sortedByLevel: [[UInt32]]

    /// Score of a match on the alternative key (a name without its article or EPCI prefix).
    static let coreScore = 0.98
    /// Trigram similarities below this are not offered.
    static let minimumScore = 0.15

    /// Creates an empty index.
    public init() {
        self.init(levels: [])
    }

    /// Indexes the names and codes of every territory of `levels`.
    public init(levels: [LevelTable]) {
        var entryLevel: [Int32] = [], entryRow: [UInt32] = [], folded: [String] = [], labels: [String] = []
        var exact: [String: [UInt32]] = [:], core: [String: [UInt32]] = [:], codes: [String: [UInt32]] = [:]
        for level in levels {
            let qualifiers = NameIndex.qualifiers(level, levels)
            var levelFolded: [String] = []
            levelFolded.reserveCapacity(level.count)
            var counts: [String: Int] = [:]
            for name in level.names {
                let f = TextFolding.fold(name)
                levelFolded.append(f)
                counts[f, default: 0] += 1
            }
            for row in 0..<level.count {
                let e = UInt32(entryLevel.count)
                let f = levelFolded[row]
                entryLevel.append(Int32(level.id.raw))
                entryRow.append(UInt32(row))
                folded.append(f)
                labels.append((counts[f] ?? 0) > 1 ? "\(level.names[row]) (\(qualifiers[row]))" : level.names[row])
                exact[f, default: []].append(e)
                let c = TextFolding.core(f)
                if c != f { core[c, default: []].append(e) }
                let code = level.codes[row].lowercased()
                codes[code, default: []].append(e)
                codes[level.name + ":" + code, default: []].append(e)
            }
        }
        // Trigram postings: (trigram id, entry) pairs sorted into compressed rows.
        var ids: [UInt64: UInt32] = [:]
        var pairs: [UInt64] = []
        var trigramCounts: [UInt16] = []
        trigramCounts.reserveCapacity(folded.count)
        for (e, f) in folded.enumerated() {
            let grams = NameIndex.trigrams(f)
            trigramCounts.append(UInt16(min(grams.count, Int(UInt16.max))))
            for g in grams {
                let id: UInt32
                if let known = ids[g] { id = known } else { id = UInt32(ids.count); ids[g] = id }
                pairs.append(UInt64(id) << 32 | UInt64(e))
            }
        }
        pairs.sort()
        var offsets = [UInt32](repeating: 0, count: ids.count + 1)
        for p in pairs { offsets[Int(p >> 32) + 1] += 1 }
        for i in 0..<ids.count { offsets[i + 1] += offsets[i] }
        self.entryLevel = entryLevel
        self.entryRow = entryRow
        self.folded = folded
        self.labels = labels
        self.trigramCounts = trigramCounts
        self.exact = exact
        self.core = core
        self.codes = codes
        self.trigramIDs = ids
        self.postingOffsets = offsets
        self.postings = pairs.map { UInt32(truncatingIfNeeded: $0) }
        var sorted: [[UInt32]] = []
        for level in levels {
            var entries = (0..<UInt32(entryLevel.count)).filter { entryLevel[Int($0)] == Int32(level.id.raw) }
            entries.sort { folded[Int($0)].utf8.lexicographicallyPrecedes(folded[Int($1)].utf8) }
            while sorted.count <= level.id.raw { sorted.append([]) }
            sorted[level.id.raw] = entries
        }
        self.sortedByLevel = sorted
    }

    /// How many territories are indexed.
    public var count: Int { folded.count }

    /// The label shown for `row` of `level`: its name, with the département for homonyms.
    public func label(level: LevelID, row: Int) -> String? {
        guard let s = sortedByLevel.indices.contains(level.raw) ? sortedByLevel[level.raw] : nil else { return nil }
        for e in s where entryRow[Int(e)] == UInt32(row) { return labels[Int(e)] }
        return nil
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

    /// The distinct trigrams of a folded name padded with spaces, packed as three 21-bit scalars.
    static func trigrams(_ folded: String) -> [UInt64] {
        var s: [UInt64] = [32]
        for u in folded.unicodeScalars { s.append(UInt64(u.value)) }
        s.append(32)
        guard s.count >= 3 else { return [s.reduce(0) { $0 << 21 | $1 }] }
        var out: [UInt64] = []
        out.reserveCapacity(s.count - 2)
        for i in 0...(s.count - 3) { out.append(s[i] << 42 | s[i + 1] << 21 | s[i + 2]) }
        out.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(out.count)
        for g in out where unique.last != g { unique.append(g) }
        return unique
    }
}
