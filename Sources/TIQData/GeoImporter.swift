/// Reads the INSEE reference geography (`regions.csv`, `departements.csv`, `epci.csv`,
/// `communes.csv`, as shipped in the shared data directory) into a `Geography`.
///
/// Columns are found by name, so extra columns and other column orders are fine. Every
/// reference is checked: a commune's département and EPCI, a département's région.
public enum GeoImporter {
    /// Reads the four files in `directory`.
    public static func read(from directory: String) throws(DataError) -> Geography {
        var geo = Geography()
        let regions = try DelimitedText.read(FileIO.join(directory, "regions.csv"))
        let (rc, rn) = (try regions.column("code"), try regions.column("name"))
        for r in regions.records {
            geo.regions.append(.init(code: try regions.field(r, rc), name: try regions.field(r, rn)))
        }
        let regionCodes = Set(geo.regions.map(\.code))

        let depts = try DelimitedText.read(FileIO.join(directory, "departements.csv"))
        let (dc, dn, dr) = (try depts.column("code"), try depts.column("name"), try depts.column("region_code"))
        for r in depts.records {
            let region = try depts.field(r, dr)
            guard regionCodes.contains(region) else {
                throw DataError("unknown région `\(region)`", at: "\(depts.path):\(r.line)",
                                fix: "add it to regions.csv")
            }
            geo.departements.append(.init(code: try depts.field(r, dc), name: try depts.field(r, dn), region: region))
        }
        let deptCodes = Set(geo.departements.map(\.code))

        let epcis = try DelimitedText.read(FileIO.join(directory, "epci.csv"))
        let (es, en, et) = (try epcis.column("siren"), try epcis.column("name"), try epcis.column("type"))
        for r in epcis.records {
            geo.epcis.append(.init(siren: try epcis.field(r, es), name: try epcis.field(r, en), type: try epcis.field(r, et)))
        }
        let epciIndex = geo.epciIndex

        let communes = try DelimitedText.read(FileIO.join(directory, "communes.csv"))
        let cc = try communes.column("code"), cn = try communes.column("name")
        let cd = try communes.column("departement_code"), ce = try communes.column("epci_siren")
        let cp = try communes.column("population")
        geo.communes.reserveCapacity(communes.records.count)
        for r in communes.records {
            let where_ = "\(communes.path):\(r.line)"
            let dept = try communes.field(r, cd)
            guard deptCodes.contains(dept) else {
                throw DataError("unknown département `\(dept)`", at: where_, fix: "add it to departements.csv")
            }
            let siren = try communes.field(r, ce)
            var epci: Int?
            if !siren.isEmpty {
                guard let e = epciIndex[siren] else {
                    throw DataError("unknown EPCI `\(siren)`", at: where_, fix: "add it to epci.csv or leave the field empty")
                }
                epci = e
            }
            let popText = try communes.field(r, cp)
            var population: Int?
            if !popText.isEmpty {
                guard let p = Int(popText) else {
                    throw DataError("population `\(popText)` is not a whole number", at: where_)
                }
                population = p
            }
            geo.communes.append(.init(code: try communes.field(r, cc), name: try communes.field(r, cn),
                                      departement: dept, epci: epci, population: population))
        }
        return geo
    }
}
