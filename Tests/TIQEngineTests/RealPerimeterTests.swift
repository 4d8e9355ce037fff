import Foundation
import Testing
import TIQCore
import TIQData
import TIQEngine
import TIQStore

/// Queries on the real perimeters: the INSEE geography and the ANCT lists of both phases,
/// imported from ../shared/data, checked against a brute-force pass over the raw CSV files.
@Suite(.enabled(if: RealData.isAvailable, "../shared/data is absent: the real-perimeter tests are skipped"))
struct RealPerimeterTests {
    @Test func theProgrammeHasItsRealCounts() throws {
        let e = try RealData.engine()
        #expect(try e.run("territories at ti1").rowCount == 149)
        #expect(try e.run("territories at ti2").rowCount == 183)
        #expect(try e.run("territories at commune | where ti1").rowCount == 16_152)
        #expect(try e.run("territories at commune | where ti2").rowCount == 18_640)
        #expect(try e.run("territories at commune | where ti1 and ti2").rowCount == 14_332)
    }

    /// queries/11 on the real perimeters: new phase-2 EPCI by région and legal form.
    @Test func newPhase2EntrantsMatchTheANCTLists() throws {
        let text = try String(contentsOf: URL(fileURLWithPath: RealData.repo + "/queries/11-new-ti2-entrants.tiq"), encoding: .utf8)
        let t = try RealData.engine().run(text)

        let communes = try RealData.rows("geo/communes.csv")         // code,name,departement_code,epci_siren,population
        let depts = Dictionary(try RealData.rows("geo/departements.csv").map { ($0[0], $0[2]) }, uniquingKeysWith: { a, _ in a })
        let regions = Dictionary(try RealData.rows("geo/regions.csv").map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        let types = Dictionary(try RealData.rows("geo/epci.csv").map { ($0[0], $0[$0.count - 1]) }, uniquingKeysWith: { a, _ in a })
        var phase: [String: Set<String>] = ["1": [], "2": []]
        for r in try RealData.rows("ti/commune_membership.csv") { phase[r[0]]!.insert(r[2]) }
        var members: [String: [(code: String, dept: String, pop: Double)]] = [:]
        for c in communes where !c[3].isEmpty {
            members[c[3], default: []].append((c[0], c[2], Double(c[c.count - 1]) ?? 0))
        }
        func share(_ cs: [(code: String, dept: String, pop: Double)], _ p: String) -> Bool {
            let total = cs.reduce(0) { $0 + $1.pop }
            guard total > 0 else { return 2 * cs.filter { phase[p]!.contains($0.code) }.count >= cs.count }
            return 2 * cs.filter { phase[p]!.contains($0.code) }.reduce(0) { $0 + $1.pop } >= total
        }
        var expected: [String: Int] = [:]
        for (siren, cs) in members {
            let type = types[siren] ?? ""
            guard share(cs, "2"), !share(cs, "1"), type == "CA" || type == "CC" else { continue }
            var byRegion: [String: Double] = [:]
            for c in cs { byRegion[depts[c.dept]!, default: 0] += c.pop }
            let region = byRegion.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key
            expected["\(regions[region]!)|\(type)", default: 0] += 1
        }
        let got = zip(zip(t.texts("region"), t.texts("type")), t.numbers("n")).map { ("\($0.0!)|\($0.1!)", Int($1)) }
        #expect(Dictionary(uniqueKeysWithValues: got) == expected)
        #expect(got.map(\.0) == got.map(\.0).sorted())
    }
}

/// The real data beside the repository and a snapshot built from it once.
enum RealData {
    static let repo: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let root = URL(fileURLWithPath: repo + "/../shared/data").standardizedFileURL.path
    static let isAvailable = FileManager.default.fileExists(atPath: root + "/ti/commune_membership.csv")

    nonisolated(unsafe) private static var cached: Engine?

    static func engine() throws -> Engine {
        if let cached { return cached }
        let geo = try GeoImporter.read(from: root + "/geo")
        var dataset = geo.dataset()
        let perimeters = try TIImporter.read(from: root + "/ti", communeCodes: geo.communes.map(\.code))
        TIPerimeter.append(perimeters, geography: geo, to: &dataset)
        let e = Engine(snapshot: try SnapshotBuilder.build(dataset, origin: "real", id: 1))
        cached = e
        return e
    }

    /// Data lines of a CSV file without quoted commas in the columns read (the test reads
    /// codes and numbers; names may hold commas, so columns are taken from both ends).
    static func rows(_ relative: String) throws -> [[String]] {
        try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}
