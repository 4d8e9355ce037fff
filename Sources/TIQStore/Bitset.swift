/// A fixed-size set of row indices as 64-bit words: membership for `where` as word-wise algebra.
///
/// At EPCI level a bitset is 20 words, at commune level 546: every operation is nanoseconds.
public struct Bitset: Sendable, Hashable {
    /// The words; bit `i % 64` of word `i / 64` is row `i`. Bits past `count` are always zero.
    public private(set) var words: [UInt64]
    /// How many rows the set ranges over.
    public let count: Int

    /// An empty set over `count` rows.
    public init(count: Int) {
        self.count = count
        self.words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    /// The set of every row.
    public static func all(_ count: Int) -> Bitset {
        var b = Bitset(count: count)
        for i in b.words.indices { b.words[i] = ~0 }
        b.clearTail()
        return b
    }

    /// The set of the given rows.
    public init(count: Int, rows: some Sequence<Int>) {
        self.init(count: count)
        for r in rows { insert(r) }
    }

    /// Whether row `i` is in the set.
    /// Inlinable: the engine tests membership row by row in its loops, across the module boundary.
    @inlinable @inline(__always) public func contains(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }

    /// Adds row `i`.
    @inline(__always) public mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }

    /// Removes row `i`.
    @inline(__always) public mutating func remove(_ i: Int) { words[i >> 6] &= ~(1 << UInt64(i & 63)) }

    /// How many rows are in the set.
    @inlinable public var cardinality: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Whether the set is empty.
    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// The intersection.
    public func intersection(_ o: Bitset) -> Bitset { combine(o) { $0 & $1 } }
    /// The union.
    public func union(_ o: Bitset) -> Bitset { combine(o) { $0 | $1 } }
    /// The rows of `self` not in `o`.
    public func subtracting(_ o: Bitset) -> Bitset { combine(o) { $0 & ~$1 } }
    /// Every row not in the set.
    public var complement: Bitset {
        var b = self
        for i in b.words.indices { b.words[i] = ~b.words[i] }
        b.clearTail()
        return b
    }

    /// The rows in increasing order.
    public var rows: [Int] {
        var out: [Int] = []
        out.reserveCapacity(cardinality)
        forEach { out.append($0) }
        return out
    }

    /// Calls `body` with each row in increasing order.
    @inline(__always) public func forEach(_ body: (Int) throws -> Void) rethrows {
        for (wi, word) in words.enumerated() {
            var w = word
            while w != 0 {
                let bit = w.trailingZeroBitCount
                try body(wi << 6 | bit)
                w &= w - 1
            }
        }
    }

    private func combine(_ o: Bitset, _ f: (UInt64, UInt64) -> UInt64) -> Bitset {
        precondition(count == o.count, "bitsets over different row counts")
        var b = self
        for i in b.words.indices { b.words[i] = f(words[i], o.words[i]) }
        return b
    }

    private mutating func clearTail() {
        let extra = words.count * 64 - count
        if extra > 0, !words.isEmpty { words[words.count - 1] &= ~UInt64(0) >> UInt64(extra) }
    }
}
