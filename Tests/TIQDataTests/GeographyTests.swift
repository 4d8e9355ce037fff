import Testing
@testable import TIQData
import TIQStore

@Suite("Geography: embedded text and INSEE importer")
struct GeographyTests {
    @Test("the embedded geography has the shipped counts and every commune has a known département")
    func embeddedShape() {
        let geo = Geography.embedded
        #expect(geo.regions.count == 18)
        #expect(geo.departements.count == 101)
        #expect(geo.epcis.count == 1_253)
        #expect(geo.communes.count == 34_875)
        let depts = Set(geo.departements.map(\.code))
        #expect(geo.communes.allSatisfy { depts.contains($0.departement) })
        #expect(geo.communes.first { $0.code == "75056" }?.population == 2_187_526)  // Paris, SOURCES.md
    }

    @Test("the embedded geography equals a fresh import of the INSEE files", .enabled(if: SharedData.isAvailable, "needs the real files in ../shared/data"))
    func embeddedMatchesImport() throws {
        let imported = try GeoImporter.read(from: SharedData.path("geo"))
        #expect(imported == Geography.embedded)
    }

    @Test("imported counts and links agree with a brute-force pass over the CSV rows", .enabled(if: SharedData.isAvailable, "needs the real files in ../shared/data"))
    func importMatchesBruteForce() throws {
        let geo = try GeoImporter.read(from: SharedData.path("geo"))
        let communeRows = try SharedData.naiveRows("geo/communes.csv")
        #expect(geo.communes.count == communeRows.count)
        #expect(geo.communes.count == 34_875)
        #expect(geo.regions.count == (try SharedData.naiveRows("geo/regions.csv")).count)
        #expect(geo.departements.count == (try SharedData.naiveRows("geo/departements.csv")).count)
        #expect(geo.epcis.count == Set(try SharedData.naiveRows("geo/epci.csv").map { $0[0] }).count)

        let dataset = geo.dataset()
        var perLevel: [String: Int] = [:]
        for t in dataset.territories { perLevel[t.level, default: 0] += 1 }
        #expect(perLevel == ["commune": 34_875, "epci": 1_253, "dept": 101, "region": 18, "france": 1])
        // commune → epci links: one per commune with a non-empty epci_siren (column 3).
        let withEPCI = communeRows.filter { $0.count > 3 && !$0[3].isEmpty }.count
        #expect(dataset.links.filter { $0.parent.hasPrefix("epci:") }.count == withEPCI)
        #expect(dataset.links.filter { $0.parent.hasPrefix("dept:") }.count == communeRows.count)
        // France's population is the sum of the communes' populations.
        let total = communeRows.reduce(0) { $0 + (Int($1[4]) ?? 0) }
        let pop = dataset.attributeNames.firstIndex(of: "population")!
        #expect(dataset.territories.last?.attributes[pop] == String(total))
    }

    @Test("the compact text rejects garbage with a line number")
    func compactTextErrors() {
        #expect(throws: DataError.self) { try Geography(compactText: "not geo\n") }
        do {
            _ = try Geography(compactText: "tiq-geo 1\nR\t01\tX\nQ\tzzz\n")
            Issue.record("accepted an unknown record")
        } catch {
            #expect(error.location == "embedded geography:3")
        }
    }
}
