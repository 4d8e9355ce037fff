import Foundation
import Testing
import TIQCore
@testable import TIQStore

/// Name search over the 34,875 real communes and the other levels of INSEE's geography.
@Suite(.enabled(if: SharedData.isAvailable, "needs ../shared/data/geo (absent)"))
struct NameIndexTests {
    var s: Snapshot { GeoFixture.snapshot! }
    var communeLevel: LevelID { s.levelByName["commune"]! }

    func firstCode(_ text: String, level: String? = "commune") -> String? {
        guard let m = s.names.search(text, level: level.flatMap { s.levelByName[$0] }, limit: 5).first else { return nil }
        return s[level: m.level].codes[m.row]
    }

    /// Communes named exactly `name` in the CSV, by brute force: (code, département).
    func communesNamed(_ name: String) throws -> [(code: String, dept: String)] {
        try SharedData.lines("geo/communes.csv").dropFirst().compactMap { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return f[1] == name ? (String(f[0]), String(f[2])) : nil
        }
    }

    @Test func foldedNamesFindTheirCommune() throws {
        try #require(GeoFixture.snapshot != nil)
        #expect(firstCode("chalon sur saone") == "71076")
        #expect(firstCode("Chalon-sur-Saône", level: nil) == "71076")
        #expect(firstCode("L'Haÿ-les-Roses") == "94038")
        #expect(firstCode("l hay les roses") == "94038")
        #expect(firstCode("st etienne") == "42218")
        #expect(firstCode("SAINT-ÉTIENNE") == "42218")
        #expect(firstCode("oeuilly").map { ["02565", "51410"].contains($0) } == true)
    }

    @Test func homonymsAreLabelledWithTheirDepartement() throws {
        try #require(GeoFixture.snapshot != nil)
        for name in ["Saint-Martin", "Œuilly"] {
            let expected = try communesNamed(name)
            #expect(expected.count >= 2, "\(name) has homonyms")
            let found = s.names.search(name, level: communeLevel, limit: 100).filter { $0.score == 1 }
            #expect(Set(found.map(\.label)) == Set(expected.map { "\(name) (\($0.dept))" }))
            #expect(Set(found.map { s[level: $0.level].codes[$0.row] }) == Set(expected.map(\.code)))
        }
        #expect(s.names.search("Saint-Martin", level: communeLevel, limit: 100).contains { $0.label == "Saint-Martin (65)" })
        let strasbourg = s.names.search("Strasbourg", level: communeLevel, limit: 1)
        #expect(strasbourg.first?.label == "Strasbourg")          // unique names stay bare
        let commune = s[level: communeLevel]
        let row65 = try #require(commune.rowByCode["65392"])
        #expect(s.names.label(level: communeLevel, row: Int(row65)) == "Saint-Martin (65)")
        #expect(s.names.label(level: communeLevel, row: commune.count) == nil)
    }

    @Test func typosStillRankTheRightCommuneFirst() throws {
        try #require(GeoFixture.snapshot != nil)
        #expect(firstCode("Strasbour") == "67482")
        #expect(firstCode("Strasbour", level: nil) == "67482")
        #expect(firstCode("chalon sur saon") == "71076")
        let m = try #require(s.names.search("Strasbour", level: nil, limit: 3).first)
        #expect(m.score < 1 && m.score > 0.5)
    }

    @Test func codesResolveFirst() throws {
        try #require(GeoFixture.snapshot != nil)
        #expect(firstCode("2A004") == "2A004")
        #expect(firstCode("commune:2a004", level: nil) == "2A004")
        let grandParis = try #require(s.names.search("epci:200054781", level: nil, limit: 1).first)
        #expect(s[level: grandParis.level].name == "epci" && grandParis.score == 1)
        #expect(firstCode("44", level: "region") == "44")
    }

    @Test func epciPrefixesAreOptional() throws {
        try #require(GeoFixture.snapshot != nil)
        let epci = s[level: s.levelByName["epci"]!]
        let row = try #require(epci.names.firstIndex { TextFolding.fold($0).hasPrefix("communaute de communes faucigny glieres") })
        let m = try #require(s.names.search("Faucigny-Glières", level: epci.id, limit: 1).first)
        #expect(m.row == row)
    }

    @Test func prefixListsNamesInOrder() throws {
        try #require(GeoFixture.snapshot != nil)
        let found = s.names.prefix("Chalon", level: communeLevel, limit: 20)
        let brute = try SharedData.lines("geo/communes.csv").dropFirst().compactMap { line -> String? in
            let name = String(line.split(separator: ",", omittingEmptySubsequences: false)[1])
            return TextFolding.fold(name).hasPrefix("chalon") ? TextFolding.fold(name) : nil
        }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(found.count == min(20, brute.count))
        #expect(found.map { TextFolding.fold(s[level: $0.level].names[$0.row]) } == Array(brute.prefix(20)))
        #expect(s.names.prefix("zzzz", level: nil, limit: 5).isEmpty)
    }

    @Test func searchIsFast() throws {
        try #require(GeoFixture.snapshot != nil)
        let queries = ["chalon sur saone", "Strasbour", "st etienne", "l hay les roses", "Saint-Martin", "Montpelier", "bourg"]
        let clock = ContinuousClock()
        let rounds = 20
        let elapsed = clock.measure {
            for _ in 0..<rounds { for q in queries { _ = s.names.search(q, level: nil, limit: 10) } }
        }
        let perQuery = elapsed / (rounds * queries.count)
        print("NameIndex: \(perQuery) per search over \(s.names.count) names")
        #expect(perQuery < .milliseconds(20))          // debug build; release is far below 1 ms
    }
}
