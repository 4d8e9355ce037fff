import Testing
import TIQCore
@testable import TIQEngine
import TIQStore

/// Each engine keeps plans and roll-ups of its snapshot, under typed keys, counts what it does,
/// and frees them with its last copy.
@Suite struct EngineCacheTests {
    /// A snapshot of its own (the demo's parts, shared), so that no other test touches its cache.
    static func freshEngine() -> Engine {
        let a = DemoFixture.snapshot
        let s = Snapshot(levels: a.levels, indicators: a.indicators, columns: a.columns, memberships: a.memberships,
                         names: a.names, origin: "cache test", id: 900)
        return Engine(snapshot: s)
    }

    @Test func aQueryAskedAgainReusesItsPlanAndItsRollUp() throws {
        let engine = Self.freshEngine()
        let q = "from emploi_ind at region | period 2018..2022"
        #expect(engine.cacheStatistics.plans == CacheStatistics(entries: 0, capacity: 256, hits: 0, misses: 0, evictions: 0))
        let first = try engine.run(q)
        let afterFirst = engine.cacheStatistics
        #expect(afterFirst.plans.misses == 1 && afterFirst.plans.hits == 0 && afterFirst.plans.entries == 1)
        // A region reads commune values rolled up: at least one derived series was computed.
        #expect(afterFirst.series.misses >= 1 && afterFirst.series.entries >= 1)
        let second = try engine.run(q)
        let afterSecond = engine.cacheStatistics
        #expect(afterSecond.plans.hits == 1 && afterSecond.plans.misses == 1)
        // The second run computed nothing new: every series it needed was a hit.
        #expect(afterSecond.series.misses == afterFirst.series.misses)
        #expect(afterSecond.series.hits > afterFirst.series.hits)
        #expect(first.rowCount == second.rowCount && first.rowCount > 0)
    }

    @Test func copiesOfAnEngineShareItsCacheAndEachNewEngineCountsForItself() throws {
        let engine = Self.freshEngine()
        _ = try engine.run("from emploi_ind at region | period 2020")
        let copy = engine
        _ = try copy.run("from emploi_ind at region | period 2020")
        // The copy's run was a hit in the one cache both hold.
        #expect(engine.cacheStatistics == copy.cacheStatistics)
        #expect(engine.cacheStatistics.plans.hits == 1 && engine.cacheStatistics.plans.entries == 1)
        // A new engine over the same snapshot starts empty and counts its own hits and misses.
        let other = Engine(snapshot: engine.snapshot)
        #expect(other.cacheStatistics.plans == CacheStatistics(entries: 0, capacity: 256, hits: 0, misses: 0, evictions: 0))
        _ = try other.run("from emploi_ind at region | period 2020")
        #expect(other.cacheStatistics.plans.misses == 1 && other.cacheStatistics.plans.hits == 0)
        #expect(engine.cacheStatistics.plans.misses == 1 && engine.cacheStatistics.plans.hits == 1)
    }

    @Test func releasingTheEngineFreesItsSnapshotAndItsCache() throws {
        weak var cache: EngineCache?
        weak var snapshot: Snapshot?
        do {
            let engine = Self.freshEngine()
            _ = try engine.run("from emploi_ind at region | period 2018..2022")
            #expect(engine.cacheStatistics.series.entries >= 1 && engine.cacheStatistics.plans.entries == 1)
            cache = engine.cache
            snapshot = engine.snapshot
        }
        // Nothing else holds them: no table keyed by snapshot, no call needed to drop them.
        #expect(cache == nil)
        #expect(snapshot == nil)
    }

    @Test func planKeysAreTheExactBytesAndTheNestingLimit() {
        // Canonically equivalent for Swift's String, different texts for the lexer.
        #expect("é" == "e\u{301}")
        #expect(EngineCache.PlanKey("é", maxDepth: 64) != EngineCache.PlanKey("e\u{301}", maxDepth: 64))
        #expect(EngineCache.PlanKey("é", maxDepth: 64) == EngineCache.PlanKey("é", maxDepth: 64))
        #expect(EngineCache.PlanKey("from x", maxDepth: 64) != EngineCache.PlanKey("from x", maxDepth: 3))
    }

    @Test func aParseLimitIsPartOfThePlanSoTheSameTextMayFailUnderALowerLimit() throws {
        let deep = "from emploi_ind at region | period 2020 | derive x = ((((emploi_ind))))"
        let engine = Self.freshEngine()
        _ = try engine.run(deep)
        let shallow = Engine(snapshot: engine.snapshot, maxQueryDepth: 2)
        #expect(throws: QueryFailure.self) { try shallow.run(deep) }
    }

    @Test func theLeastRecentlyUsedEntryGoesFirstAndEvictionsAreCounted() {
        let cache = BoundedCache<Int, String>(capacity: 2)
        var made: [Int] = []
        func get(_ k: Int) -> String { cache.value(k) { made.append(k); return "v\(k)" } }
        #expect(get(1) == "v1" && get(2) == "v2")
        #expect(get(1) == "v1")            // 1 is now the most recent
        #expect(get(3) == "v3")            // evicts 2
        #expect(cache.statistics == CacheStatistics(entries: 2, capacity: 2, hits: 1, misses: 3, evictions: 1))
        #expect(get(1) == "v1")            // still there
        #expect(get(2) == "v2")            // computed again, evicts 3
        #expect(made == [1, 2, 3, 2])
        #expect(cache.statistics.evictions == 2 && cache.statistics.hits == 2)
    }

    @Test func aFailedComputationIsNotStored() {
        struct Boom: Error {}
        let cache = BoundedCache<String, Int>(capacity: 4)
        #expect(throws: Boom.self) { try cache.value("k") { () throws(Boom) -> Int in throw Boom() } }
        #expect(cache.statistics.entries == 0)
        #expect(cache.value("k") { 7 } == 7)
        #expect(cache.statistics.misses == 2)
    }
}
