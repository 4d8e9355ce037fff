import TIQCore

/// Names folded for case and accents only (`TextFolding.foldCaseAndAccents`), sorted per level,
/// so that "names starting with" is a binary search and a short scan.
///
/// Unlike the search keys of `NameIndex`, nothing else is normalised: `"Sain"` finds
/// `Saint-Étienne` (whose search key is `st etienne`), `"la "` finds `La Rochelle` but not
/// `Laval`, the way SQL's `ILIKE 'p%'` does (but accent-insensitive). All names live in one
/// byte buffer and are compared as bytes, so building it for 36k names costs a few
/// milliseconds and no string per name.
struct NamePrefixIndex: Sendable {
    /// The folded names of every entry, back to back.
    private let bytes: [UInt8]
    /// Entry `e`'s name is `bytes[offsets[e]..<offsets[e + 1]]`.
    private let offsets: [UInt32]
    /// Per level, its entries in folded-name order (ties by entry, i.e. by row).
    private let sortedByLevel: [[UInt32]]

    /// Accumulates the folded names of the entries, in entry order.
    struct Builder {
        var bytes: [UInt8] = []
        var offsets: [UInt32] = [0]

        /// Adds the next entry's `name`.
        mutating func append(_ name: String) {
            TextFolding.appendCaseAndAccentFold(of: name, to: &bytes)
            offsets.append(UInt32(bytes.count))
        }
    }

    /// Sorts the names of `builder` within each level; `entryLevel[e]` is entry `e`'s level.
    init(_ builder: Builder, entryLevel: [Int32], levelCount: Int) {
        bytes = builder.bytes
        offsets = builder.offsets
        var sorted = [[UInt32]](repeating: [], count: levelCount)
        for e in entryLevel.indices where entryLevel[e] >= 0 && Int(entryLevel[e]) < levelCount {
            sorted[Int(entryLevel[e])].append(UInt32(e))
        }
        let offsets = self.offsets
        bytes.withUnsafeBufferPointer { buffer in
            for l in sorted.indices {
                sorted[l].sort { a, b in
                    let c = Self.compare(buffer, offsets, a, b)
                    return c != 0 ? c < 0 : a < b
                }
            }
        }
        sortedByLevel = sorted
    }

    /// Creates an empty index.
    init() {
        self.init(Builder(), entryLevel: [], levelCount: 0)
    }

    /// Up to `limit` entries of level `level` whose folded name starts with `prefix` (already
    /// folded), in folded-name order.
    func entries(startingWith prefix: [UInt8], level: Int, limit: Int) -> [UInt32] {
        guard limit > 0, level >= 0, level < sortedByLevel.count else { return [] }
        let entries = sortedByLevel[level]
        return bytes.withUnsafeBufferPointer { buffer in
            prefix.withUnsafeBufferPointer { p in
                // First entry whose name is not below the prefix: every name starting with the
                // prefix follows it, contiguously.
                var lo = 0, hi = entries.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if Self.compare(buffer, offsets, entries[mid], p) < 0 { lo = mid + 1 } else { hi = mid }
                }
                var found: [UInt32] = []
                while lo < entries.count, found.count < limit, Self.starts(buffer, offsets, entries[lo], with: p) {
                    found.append(entries[lo])
                    lo += 1
                }
                return found
            }
        }
    }

    /// Orders two entries by folded name, as bytes.
    func precedes(_ a: UInt32, _ b: UInt32) -> Bool {
        let c = bytes.withUnsafeBufferPointer { Self.compare($0, offsets, a, b) }
        return c != 0 ? c < 0 : a < b
    }

    private static func name(_ buffer: UnsafeBufferPointer<UInt8>, _ offsets: [UInt32], _ e: UInt32) -> UnsafeBufferPointer<UInt8> {
        let start = Int(offsets[Int(e)]), end = Int(offsets[Int(e) + 1])
        return UnsafeBufferPointer(rebasing: buffer[start..<end])
    }

    private static func compare(_ buffer: UnsafeBufferPointer<UInt8>, _ offsets: [UInt32], _ a: UInt32, _ b: UInt32) -> Int {
        compare(name(buffer, offsets, a), name(buffer, offsets, b))
    }

    private static func compare(_ buffer: UnsafeBufferPointer<UInt8>, _ offsets: [UInt32], _ a: UInt32,
                                _ key: UnsafeBufferPointer<UInt8>) -> Int {
        compare(name(buffer, offsets, a), key)
    }

    /// Lexicographic comparison of two byte strings: negative, zero or positive.
    private static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(x.count, y.count)
        var i = 0
        while i < n {
            if x[i] != y[i] { return Int(x[i]) - Int(y[i]) }
            i += 1
        }
        return x.count - y.count
    }

    private static func starts(_ buffer: UnsafeBufferPointer<UInt8>, _ offsets: [UInt32], _ e: UInt32,
                               with p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = name(buffer, offsets, e)
        return n.count >= p.count && n.prefix(p.count).elementsEqual(p)
    }
}
