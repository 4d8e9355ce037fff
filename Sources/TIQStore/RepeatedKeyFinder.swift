/// Which rows repeat the key of an earlier row, for tens of millions of rows with small integer
/// keys: each key packs into one `UInt64` (mixed radix over the ranges of its fields), a sorted
/// copy of the packed keys shows which keys repeat, and one pass in row order names the rows
/// that repeat an earlier one. 16 bytes a row at the peak and no allocation per row, where a
/// hash set of arrays allocates every key.
struct RepeatedKeyFinder {
    /// A key no row has: rows that take no part in the check.
    static let none = UInt64.max
    private let lows: [Int]
    private let radices: [UInt64]

    /// A finder for keys of four fields, field `k` in `ranges[k]`; nil when every combination does
    /// not fit below `UInt64.max`.
    init?(ranges: [ClosedRange<Int>]) {
        precondition(ranges.count == 4, "keys have four fields")
        var product: UInt64 = 1
        var radices: [UInt64] = []
        for r in ranges {
            let width = UInt64(r.upperBound - r.lowerBound) + 1
            let (next, overflow) = product.multipliedReportingOverflow(by: width)
            guard !overflow, next < Self.none else { return nil }
            product = next
            radices.append(width)
        }
        lows = ranges.map(\.lowerBound)
        self.radices = radices
    }

    /// The packed key of four fields, each within its range.
    @inline(__always) func pack(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> UInt64 {
        var key = UInt64(a - lows[0])
        key = key * radices[1] + UInt64(b - lows[1])
        key = key * radices[2] + UInt64(c - lows[2])
        return key * radices[3] + UInt64(d - lows[3])
    }

    /// The rows (positions in `keys`) whose key appears at an earlier position, in order;
    /// rows holding `none` are skipped.
    static func repeatedRows(_ keys: [UInt64]) -> [Int] {
        var sorted = keys
        sorted.sort()
        var repeated = Set<UInt64>()
        for (a, b) in zip(sorted, sorted.dropFirst()) where a == b && a != none { repeated.insert(a) }
        guard !repeated.isEmpty else { return [] }
        var seen = Set<UInt64>()
        return keys.indices.filter { repeated.contains(keys[$0]) && !seen.insert(keys[$0]).inserted }
    }
}
