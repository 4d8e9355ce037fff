import TIQStore

/// Builds a `Dataset` from INSEE's geography files (communes with population, EPCIs, départements,
/// régions, France; links commune → epci, commune → dept, dept → region, region → france).
/// A test fixture builder, not an importer: it assumes the files are as SOURCES.md describes.
enum GeoFixture {
    static func dataset(root: String, withTI: Bool = false) throws -> Dataset {
        func table(_ name: String) throws -> [CSVRecord] {
            let records = CSVReader(bytes: Array(try SharedData.lines(name).joined(separator: "\n").utf8)).records()
            return Array(records.dropFirst())
        }
        var d = Dataset()
        d.attributeNames = ["population", "type"]
        for r in try table("geo/communes.csv") {
            d.territories.append(TerritoryRecord(level: "commune", code: r[0], name: r[1], attributes: [r[4], ""]))
            if !r[3].isEmpty { d.links.append(LinkRecord(child: "commune:" + r[0], parent: "epci:" + r[3])) }
            d.links.append(LinkRecord(child: "commune:" + r[0], parent: "dept:" + r[2]))
        }
        for r in try table("geo/epci.csv") {
            d.territories.append(TerritoryRecord(level: "epci", code: r[0], name: r[1], attributes: ["", r[2]]))
        }
        for r in try table("geo/departements.csv") {
            d.territories.append(TerritoryRecord(level: "dept", code: r[0], name: r[1], attributes: ["", ""]))
            d.links.append(LinkRecord(child: "dept:" + r[0], parent: "region:" + r[2]))
        }
        for r in try table("geo/regions.csv") {
            d.territories.append(TerritoryRecord(level: "region", code: r[0], name: r[1], attributes: ["", ""]))
            d.links.append(LinkRecord(child: "region:" + r[0], parent: "france:FR"))
        }
        d.territories.append(TerritoryRecord(level: "france", code: "FR", name: "France", attributes: ["", ""]))
        if withTI {
            for r in try table("ti/territoires.csv") {
                d.territories.append(TerritoryRecord(level: "ti" + r[0], code: r[1], name: r[2], attributes: ["", ""]))
            }
            for r in try table("ti/commune_membership.csv") {
                d.links.append(LinkRecord(child: "commune:" + r[2], parent: "ti\(r[0]):" + r[1]))
            }
        }
        return d
    }

    /// The real geography plus the TI perimeters of both phases (commune → ti1, commune → ti2).
    static let snapshotWithTI: Snapshot? = {
        guard let root = SharedData.root else { return nil }
        do { return try SnapshotBuilder.build(try dataset(root: root, withTI: true), origin: "geo+ti", id: 2) } catch {
            print("GeoFixture: \(error)")
            return nil
        }
    }()

    /// The snapshot of the real geography, built once for every test that needs it.
    static let snapshot: Snapshot? = {
        guard let root = SharedData.root else { return nil }
        do { return try SnapshotBuilder.build(try dataset(root: root), origin: "geo", id: 1) } catch {
            print("GeoFixture: \(error)")
            return nil
        }
    }()
}
