import Testing
@testable import TIQData
import TIQStore

@Suite("Importing the ANCT TI perimeters", .enabled(if: SharedData.isAvailable, "needs the real files in ../shared/data"))
struct TIImporterTests {
    static func imported() throws -> (Dataset, [TIPerimeter]) {
        let geo = try GeoImporter.read(from: SharedData.path("geo"))
        var dataset = geo.dataset()
        let perimeters = try TIImporter.read(from: SharedData.path("ti"), communeCodes: geo.communes.map(\.code))
        TIPerimeter.append(perimeters, geography: geo, to: &dataset)
        return (dataset, perimeters)
    }

    @Test("TI and commune counts per phase agree with a brute-force pass over the CSV rows")
    func counts() throws {
        let (dataset, _) = try Self.imported()
        // Brute force: distinct (phase, ti_id) and (phase, commune) in commune_membership.csv;
        // TI names in territoires.csv (quoted names contain commas, so count phase prefixes only).
        let rows = try SharedData.naiveRows("ti/commune_membership.csv")
        for phase in ["1", "2"] {
            let mine = rows.filter { $0[0] == phase }
            let level = "ti" + phase
            let tiCount = dataset.territories.filter { $0.level == level }.count
            let territoryRows = try SharedData.naiveRows("ti/territoires.csv").filter { $0[0] == phase }
            #expect(tiCount == territoryRows.count)
            #expect(Set(mine.map { $0[1] }).count <= tiCount)
            let links = dataset.links.filter { $0.parent.hasPrefix(level + ":") }
            #expect(links.count == Set(mine.map { $0[2] }).count)
            #expect(links.count == mine.count, "a commune listed twice in phase \(phase)")
        }
        #expect(dataset.territories.filter { $0.level == "ti1" }.count == 149)
        #expect(dataset.territories.filter { $0.level == "ti2" }.count == 183)
        #expect(dataset.links.filter { $0.parent.hasPrefix("ti1:") }.count == 16_152)
        #expect(dataset.links.filter { $0.parent.hasPrefix("ti2:") }.count == 18_640)
    }

    @Test("no commune is in two TIs of one phase; ti-0101 is a different territory in each phase")
    func keys() throws {
        let (dataset, _) = try Self.imported()
        for level in ["ti1", "ti2"] {
            let children = dataset.links.filter { $0.parent.hasPrefix(level + ":") }.map(\.child)
            #expect(Set(children).count == children.count)
        }
        let cap = dataset.territories.first { $0.key == "ti1:ti-0101" }
        let basseTerre = dataset.territories.first { $0.key == "ti2:ti-0101" }
        #expect(cap?.name == "Communauté d'agglomération Cap Excellence")
        #expect(basseTerre?.name == "Basse-Terre")
    }

    @Test("member kinds and EPCI SIRENs come from members.csv")
    func members() throws {
        let (dataset, perimeters) = try Self.imported()
        let kinds = dataset.attributeNames.firstIndex(of: "member_kinds")!
        let epcis = dataset.attributeNames.firstIndex(of: "member_epcis")!
        let ti = dataset.territories.first { $0.key == "ti1:ti-8416" }  // takes single communes (SOURCES.md)
        #expect(ti?.attributes[kinds].contains("COMMUNE") == true)
        #expect(ti?.attributes[epcis].contains("244200770") == true)
        // Brute force: member rows per (phase, ti) against n_members.
        let memberRows = try SharedData.naiveRows("ti/members.csv")
        let p = perimeters.first { $0.phase == 1 && $0.id == "ti-8416" }
        #expect(p?.memberKinds.count == memberRows.filter { $0[0] == "1" && $0[1] == "ti-8416" }.count)
    }

    @Test("the complete dataset (geography + TI) written to disk loads and builds a snapshot")
    func loads() throws {
        let (dataset, _) = try Self.imported()
        let dir = SharedData.temporaryDirectory("ti")
        try DatasetWriter.write(dataset, to: dir)
        let snapshot = try DatasetLoader.loadSnapshot(directory: dir, id: 1)
        #expect(snapshot.levels.map(\.name) == ["commune", "epci", "ti2", "ti1", "dept", "region", "france"]
                || snapshot.levels.map(\.name) == ["commune", "epci", "ti1", "ti2", "dept", "region", "france"])
        #expect(snapshot.levelByName["ti1"].map { snapshot[level: $0].count } == 149)
        #expect(snapshot.levelByName["ti2"].map { snapshot[level: $0].count } == 183)
        #expect(snapshot.levelByName["epci"].map { snapshot[level: $0].count } == 1_253)
        #expect(snapshot.levelByName["dept"].map { snapshot[level: $0].count } == 101)
        #expect(snapshot.levelByName["region"].map { snapshot[level: $0].count } == 18)
        #expect(snapshot.levelByName["commune"].map { snapshot[level: $0].count } == 34_875)
    }

    @Test("an unknown commune is an error naming the file, the line and the fix")
    func unknownCommune() throws {
        do {
            _ = try TIImporter.read(from: SharedData.path("ti"), communeCodes: ["01001"])
            Issue.record("accepted communes outside the geography")
        } catch {
            #expect(error.location?.hasSuffix("commune_membership.csv:2") == true)
            #expect(error.fix != nil)
        }
    }
}
