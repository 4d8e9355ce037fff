import Testing
import TIQCore
@testable import TIQEngine

/// `BoundedCache` against a brute-force LRU written for the test: an array of keys, least
/// recently used first, searched linearly. A seeded random sequence of lookups (some of whose
/// computations fail) must give the same hits, the same evictions and the same order.
@Suite struct BoundedCacheOrderTests {
    /// The obvious LRU: `keys` least recent first; a hit moves its key to the end; an insert
    /// appends, then drops keys from the front while there are more than `capacity`.
    struct ModelLRU {
        let capacity: Int
        var keys: [Int] = []
        var values: [Int: String] = [:]
        var hits = 0, misses = 0, evictions = 0

        /// The stored value (a hit), or nil after counting a miss and storing `made` if any.
        mutating func lookup(_ key: Int, made: String?) -> String? {
            if let v = values[key] {
                hits += 1
                keys.removeAll { $0 == key }
                keys.append(key)
                return v
            }
            misses += 1
            guard let made else { return nil }
            keys.append(key)
            values[key] = made
            while keys.count > capacity {
                values[keys.removeFirst()] = nil
                evictions += 1
            }
            return nil
        }
    }

    struct Failed: Error {}

    @Test(arguments: [1, 2, 3, 7, 16])
    func evictionOrderMatchesABruteForceLRU(capacity: Int) {
        var random = SplitMix64(seed: 0xB0B0_CAFE, "bounded-cache", String(capacity))
        let cache = BoundedCache<Int, String>(capacity: capacity)
        var model = ModelLRU(capacity: capacity)
        for step in 0..<3000 {
            // Keys from a range about three times the capacity: hits, misses and evictions all happen.
            let key = Int(random.next() % UInt64(3 * capacity + 1))
            let fails = random.chance(0.1)
            let made = "v\(key)@\(step)"
            var computed = false
            let got = try? cache.value(key) { () throws(Failed) -> String in
                computed = true
                if fails { throw Failed() }
                return made
            }
            let expected = model.lookup(key, made: fails ? nil : made)
            #expect(computed == (expected == nil), "step \(step): key \(key) computed \(computed)")
            if let expected { #expect(got == expected, "step \(step): key \(key)") }
            #expect(cache.keysByRecency == model.keys, "step \(step)")
            if cache.keysByRecency != model.keys { return }
        }
        #expect(cache.statistics == CacheStatistics(entries: model.keys.count, capacity: capacity,
                                                    hits: model.hits, misses: model.misses, evictions: model.evictions))
        #expect(model.evictions > 0 && model.hits > 0)
    }
}
