import Testing
import TIQCore

/// The generators against their published reference outputs, and `below(n)`'s contract.
@Suite struct GeneratorTests {
    @Test func xoshiroMatchesTheReferenceImplementation() {
        // Blackman & Vigna's xoshiro256starstar.c from the state (1, 2, 3, 4).
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        #expect((0..<4).map { _ in g.next() } == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240])
    }

    @Test func splitMixMatchesTheReferenceImplementation() {
        // Vigna's splitmix64.c from the seed 0.
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test func seedingIsFourSplitMixOutputs() {
        var sm = SplitMix64(seed: 42)
        var a = Xoshiro256StarStar(state: (sm.next(), sm.next(), sm.next(), sm.next()))
        var b = Xoshiro256StarStar(seed: 42)
        #expect((0..<8).map { _ in a.next() } == (0..<8).map { _ in b.next() })
    }

    @Test func belowStaysInRangeAndCoversIt() {
        var g = Xoshiro256StarStar(seed: 7)
        var seen = Set<Int>()
        for _ in 0..<2_000 {
            let x = g.below(7)
            #expect((0..<7).contains(x))
            seen.insert(x)
        }
        #expect(seen.count == 7)
        #expect((0..<50).allSatisfy { _ in g.below(1) == 0 })
    }
}
