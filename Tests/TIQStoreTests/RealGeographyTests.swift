import Foundation
import Testing
import TIQCore
@testable import TIQStore

/// The builder on INSEE's real geography, checked against a brute-force pass over the CSV lines.
@Suite(.enabled(if: SharedData.isAvailable, "needs ../shared/data/geo (absent)"))
struct RealGeographyTests {
    /// One line of geo/communes.csv, split by hand (the file has no quoted fields).
    struct CommuneLine {
        let code: String, name: String, dept: String, epci: String, population: Int?
    }

    static let communes: [CommuneLine] = {
        guard let lines = try? SharedData.lines("geo/communes.csv") else { return [] }
        return lines.dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return CommuneLine(code: f[0], name: f[1], dept: f[2], epci: f[3], population: Int(f[4]))
        }
    }()

    static let regionOfDept: [String: String] = {
        guard let lines = try? SharedData.lines("geo/departements.csv") else { return [:] }
        var m: [String: String] = [:]
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            m[String(f[0])] = String(f[2])
        }
        return m
    }()

    var s: Snapshot { GeoFixture.snapshot! }
    func table(_ name: String) -> LevelTable { s[level: s.levelByName[name]!] }
    func numbers(_ l: LevelTable, _ a: String) -> [Double] {
        if case .number(let v)? = l.attribute(a)?.column { return v }
        Issue.record("\(l.name).\(a) is not a number attribute")
        return []
    }
    func rows(_ l: LevelTable, _ a: String) -> [UInt32] {
        if case .territory(_, let r)? = l.attribute(a)?.column { return r }
        Issue.record("\(l.name).\(a) is not a territory attribute")
        return []
    }

    @Test func snapshotBuilds() throws {
        let snapshot = try #require(GeoFixture.snapshot)
        #expect(snapshot.levels.map(\.name) == ["commune", "epci", "dept", "region", "france"])
    }

    @Test func levelCountsMatchTheFiles() throws {
        try #require(GeoFixture.snapshot != nil)
        #expect(table("commune").count == Self.communes.count)
        #expect(table("commune").count == 34_875)
        #expect(table("epci").count == (try SharedData.lines("geo/epci.csv").count - 1))
        #expect(table("epci").count == 1_253)
        #expect(table("dept").count == 101)
        #expect(table("region").count == 18)
        #expect(table("france").count == 1)
    }

    @Test func populationsAreSumsOfCommunes() throws {
        try #require(GeoFixture.snapshot != nil)
        var byEPCI: [String: Int] = [:], byRegion: [String: Int] = [:], total = 0
        for c in Self.communes {
            guard let p = c.population else { continue }
            if !c.epci.isEmpty { byEPCI[c.epci, default: 0] += p }
            byRegion[Self.regionOfDept[c.dept] ?? "?", default: 0] += p
            total += p
        }
        let epci = table("epci"), epciPop = numbers(epci, "population")
        for (row, code) in epci.codes.enumerated() {
            // No commune with a known population (Mayotte): the population is unknown, not 0.
            #expect(byEPCI[code].map { epciPop[row] == Double($0) } ?? epciPop[row].isNaN, "EPCI \(code)")
        }
        let region = table("region"), regionPop = numbers(region, "population")
        for (row, code) in region.codes.enumerated() {
            #expect(byRegion[code].map { regionPop[row] == Double($0) } ?? regionPop[row].isNaN, "region \(code)")
        }
        #expect(numbers(table("france"), "population") == [Double(total)])
        let paris = try #require(epci.rowByCode["200054781"])       // Métropole du Grand Paris
        #expect(epciPop[Int(paris)] > 7_000_000)
    }

    @Test func communesCarryTheirEPCIAndDepartement() throws {
        try #require(GeoFixture.snapshot != nil)
        let commune = table("commune"), epci = table("epci"), dept = table("dept"), region = table("region")
        let epciRows = rows(commune, "epci"), deptRows = rows(commune, "dept"), regionRows = rows(commune, "region")
        let epciShare = numbers(commune, "epci_share")
        var islands: [String] = []
        for c in Self.communes {
            let row = Int(try #require(commune.rowByCode[c.code]))
            if c.epci.isEmpty {
                islands.append(c.code)
                #expect(epciRows[row] == .max && epciShare[row] == 0, "\(c.name) has no EPCI")
            } else {
                #expect(epciRows[row] != .max && epci.codes[Int(epciRows[row])] == c.epci, "\(c.code)")
            }
            #expect(dept.codes[Int(deptRows[row])] == c.dept)
            #expect(region.codes[Int(regionRows[row])] == Self.regionOfDept[c.dept])
        }
        #expect(islands.sorted() == ["22016", "29083", "29155", "85113"])
        let m = try #require(s.membership(from: s.levelByName["commune"]!, to: s.levelByName["epci"]!))
        #expect(m.children.count == Self.communes.count - 4)
        #expect(m.exact.cardinality == epci.count)
    }

    @Test func epciAttributesComeFromTheFile() throws {
        try #require(GeoFixture.snapshot != nil)
        let epci = table("epci")
        guard case .text(let codes, let values)? = epci.attribute("type")?.column else { Issue.record("type"); return }
        #expect(Set(values) == ["CC", "CA", "CU", "ME"])
        #expect(codes.allSatisfy { $0 != .max })
        #expect(epci.attribute("dept") != nil && epci.attribute("region") != nil)
    }
}
