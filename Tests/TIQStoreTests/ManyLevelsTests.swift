import Foundation
import Testing
@testable import TIQStore
import TIQCore

/// A dataset of 800 levels, each one territory linked to the next (a chain), over ten communes:
/// the link walk computes each territory's cover once (it used to walk every longer path anew
/// for each territory, L² walks of L steps: 23 s and 3.6 GB for 800 levels), and the snapshot
/// holds the memberships the chain implies.
@Suite struct ManyLevelsTests {
    static let levels = 800
    static let communes = 10

    /// Territory records: the communes first (level 0), then one territory per chain level.
    static func chain() -> (territoryLevel: [Int], links: [(child: Int, parent: Int, weight: Double)]) {
        let territoryLevel = [Int](repeating: 0, count: communes) + Array(1...levels)
        var links: [(child: Int, parent: Int, weight: Double)] = (0..<communes).map { ($0, communes, 1) }
        for k in 0..<(levels - 1) { links.append((communes + k, communes + k + 1, 1)) }
        return (territoryLevel, links)
    }

    /// The validator refuses a cycle before the cover is used, but building the cover of a
    /// cyclic graph must still end: territories 1 → 2 → 3 → 1 (three levels) and a commune in 1.
    @Test func aCycleEndsTheWalkInsteadOfLoopingForever() {
        let cover = LinkCover(territoryLevel: [0, 1, 2, 3], levelCount: 4, links: [(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 1, 1)])
        #expect(cover.targets.count >= 3, "the commune still lies in 1, 2 and 3")
    }

    @Test func theLinkWalkComputesEachTerritorysCoverOnce() {
        let (territoryLevel, links) = Self.chain()
        let cover = LinkCover(territoryLevel: territoryLevel, levelCount: Self.levels + 1, links: links)
        // Every territory with a link (all but the last of the chain) is walked exactly once.
        #expect(cover.walks == Self.communes + Self.levels - 1)
        #expect(cover.excesses.isEmpty)
        // A commune lies, with weight 1, in every territory of the chain; chain territory k in
        // every later one.
        for t in territoryLevel.indices {
            let expected = t < Self.communes ? Array(Self.communes..<territoryLevel.count) : Array((t + 1)..<territoryLevel.count)
            let entries = cover.entries(of: t)
            #expect(entries.map { cover.targets[$0] } == expected, "territory \(t)")
            #expect(entries.allSatisfy { cover.weights[$0] == 1 }, "territory \(t)")
        }
    }

    @Test func an800LevelDatasetLoadsWithEveryCommuneInTheLastLevel() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-levels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = { (k: Int) in "l" + String(k + 1000).dropFirst() }   // l001 … l800: code order is level order
        var territories = "level,code,name,population\n"
        var links = "child,parent,weight\n"
        var observations = "territory,indicator,period,value,status\n"
        for c in 0..<Self.communes {
            territories += "commune,c\(c),Commune \(c),\(100 + c)\n"
            links += "commune:c\(c),\(name(1)):t1,1\n"
            observations += "commune:c\(c),x,2020,\(c + 1),\n"
        }
        for k in 1...Self.levels {
            territories += "\(name(k)),t\(k),Level \(k),\n"
            if k < Self.levels { links += "\(name(k)):t\(k),\(name(k + 1)):t\(k + 1),1\n" }
        }
        try territories.write(to: dir.appendingPathComponent("territories.csv"), atomically: true, encoding: .utf8)
        try links.write(to: dir.appendingPathComponent("links.csv"), atomically: true, encoding: .utf8)
        try "code,name,unit,aggregate,frequency,source,description\nx,X,jobs,sum,A,test,x\n"
            .write(to: dir.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        try observations.write(to: dir.appendingPathComponent("observations.csv"), atomically: true, encoding: .utf8)

        let snapshot = try DatasetLoader.loadSnapshot(directory: dir.path, id: 1)
        #expect(snapshot.levels.count == Self.levels + 1)
        let commune = try #require(snapshot.levelByName["commune"])
        let last = try #require(snapshot.levelByName[name(Self.levels)])
        let m = try #require(snapshot.membership(from: commune, to: last))
        #expect(m.parentCount == 1)
        #expect(m.children == (0..<UInt32(Self.communes)).map { $0 })
        #expect(m.weights == [Double](repeating: 1, count: Self.communes))
    }
}

/// A grouping level's population is the sum of its communes': when finite populations add up
/// past the largest Double, it is absent and the load says so (W413), naming the territory.
@Suite struct OverflowingPopulationTests {
    @Test func anOverflowingPopulationSumIsAbsentWithW413() throws {
        var d = Dataset()
        d.attributeNames = ["population"]
        // E1 holds two communes whose populations add up past Double.greatestFiniteMagnitude
        // (1.8e308); E2's add up to 300.
        for (c, pop) in [("C1", "1e308"), ("C2", "1.5e308"), ("C3", "100"), ("C4", "200")] {
            d.territories.append(TerritoryRecord(level: "commune", code: c, name: "Commune \(c)", attributes: [pop]))
        }
        for e in ["E1", "E2"] { d.territories.append(TerritoryRecord(level: "epci", code: e, name: "Epci \(e)", attributes: [""])) }
        for (c, e) in [("C1", "E1"), ("C2", "E1"), ("C3", "E2"), ("C4", "E2")] { d.links.append(LinkRecord(child: "commune:\(c)", parent: "epci:\(e)")) }
        d.indicators = [IndicatorRecord(code: "x", name: "jobs", unit: "jobs", aggregate: "sum", frequency: "A", source: "test")]
        var o = ObservationTable()
        o.territoryKeys = ["commune:C1"]
        o.indicatorCodes = ["x"]
        o.territories = [0]; o.indicators = [0]; o.periods = [Period(year: 2020)]; o.values = [1]; o.statuses = [.ok]
        d.observations = o
        let snapshot = try SnapshotBuilder.build(d, origin: "overflow", id: 1)

        #expect(1e308 + 1.5e308 == .infinity, "the sum the test relies on overflows")
        let epci = try #require(snapshot.levelByName["epci"])
        let level = snapshot[level: epci]
        let population = try #require(level.attributes.first { $0.name == "population" })
        guard case .number(let values) = population.column else { Issue.record("population is not a number column"); return }
        #expect(values[0].isNaN, "E1's population is absent")
        #expect(values[1] == 300)
        #expect(snapshot.loadWarnings.count == 1)
        let w = try #require(snapshot.loadWarnings.first)
        #expect(w.code == "W413")
        #expect(w.message.contains("epci:E1") && w.message.contains("population"), "\(w.message)")
    }
}
