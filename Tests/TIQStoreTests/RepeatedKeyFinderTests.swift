import Testing
@testable import TIQStore

/// `RepeatedKeyFinder` against a brute-force pass with a set of tuples, on seeded random rows
/// with many repeats, negative and wide fields, and rows that take no part.
@Suite struct RepeatedKeyFinderTests {
    @Test(arguments: [1, 2, 3])
    func repeatedRowsMatchABruteForce(seed: UInt64) throws {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let ranges = [0...40, 3...5, -7...1_000_000, 0...9]
        let finder = try #require(RepeatedKeyFinder(ranges: ranges))
        var rows: [(Int, Int, Int, Int)?] = []
        for _ in 0..<5_000 {
            rows.append(next(10) == 0 ? nil : (next(41), 3 + next(3), next(2) == 0 ? -7 + next(3) : 1_000_000 - next(2), next(10)))
        }
        let keys = rows.map { $0.map { finder.pack($0.0, $0.1, $0.2, $0.3) } ?? RepeatedKeyFinder.none }
        var seen: Set<[Int]> = []
        let expected = rows.indices.filter { i in rows[i].map { !seen.insert([$0.0, $0.1, $0.2, $0.3]).inserted } ?? false }
        #expect(!expected.isEmpty)
        #expect(RepeatedKeyFinder.repeatedRows(keys) == expected)
    }

    @Test func keysThatDoNotFitIn64BitsAreRefused() {
        #expect(RepeatedKeyFinder(ranges: [0...Int(Int32.max), 0...Int(Int32.max), 0...3, 0...1]) == nil)
        #expect(RepeatedKeyFinder(ranges: [0...65_535, 0...65_535, 0...65_535, 0...65_534]) != nil)
    }
}
