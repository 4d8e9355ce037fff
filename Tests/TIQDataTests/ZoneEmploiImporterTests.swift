import Testing
import Foundation
@testable import TIQData
import TIQCore
import TIQStore

@Suite("Importing the zones d'emploi 2020")
struct ZoneEmploiImporterTests {
    /// The composition sheet saved as CSV: title lines, then the header, arrondissements folded into their city.
    static let rows: [(codgeo: String, libgeo: String, ze: String, name: String)] = [
        ("01001", "L'Abergement-Clémenciat", "0051", "Bourg-en-Bresse"),
        ("01002", "L'Abergement-de-Varey", "51", "Bourg-en-Bresse"),
        ("13055", "Marseille", "9326", "Marseille"),
        ("13201", "Marseille 1er Arrondissement", "9326", "Marseille"),
        ("2A004", "Ajaccio", "9401", "Ajaccio"),
        ("69123", "Lyon", "8413", "Lyon"),
    ]

    static func text(_ rows: [(codgeo: String, libgeo: String, ze: String, name: String)] = rows) -> String {
        var t = "Zonage en zones d'emploi 2020;;;;;;\nDécoupage de la France en zones d'emploi;;;;;;\n;;;;;;\n"
        t += "CODGEO;LIBGEO;ZE2020;LIBZE2020;ZE2020_PARTIE_REG;DEP;REG\n"
        for r in rows { t += "\(r.codgeo);\(r.libgeo);\(r.ze);\(r.name);\(r.ze);01;84\n" }
        return t
    }

    @Test("commune → ze2020 links, zones with names; indicators roll up to the zones")
    func composition() throws {
        let dir = try PublishedSamples.dataset("ze")
        let file = try PublishedSamples.file("ZE2020_au_01-01-2024.csv", Self.text())
        let summary = try ZoneEmploiImporter.importFile(file, into: dir)
        #expect(summary.zones == 4 && summary.communes == 5 && summary.communesWithoutZone == 1)
        let dataset = try DatasetLoader.load(directory: dir)
        let zones = dataset.territories.filter { $0.level == "ze2020" }
        #expect(Set(zones.map(\.code)) == ["0051", "9326", "9401", "8413"])
        #expect(zones.first { $0.code == "0051" }?.name == "Bourg-en-Bresse")
        var parent: [String: String] = [:]
        for l in dataset.links where l.parent.hasPrefix("ze2020:") { parent[l.child] = l.parent }
        // Brute force over the rows: the commune's zone, padded, arrondissements folded.
        for r in Self.rows {
            let commune = r.codgeo.hasPrefix("132") ? "13055" : r.codgeo
            #expect(parent["commune:\(commune)"] == "ze2020:" + String(repeating: "0", count: 4 - r.ze.count) + r.ze)
        }
        #expect(parent["commune:75056"] == nil)
        _ = try SnapshotBuilder.build(dataset, origin: dir, id: 1)

        let again = #expect(throws: DataError.self) { try ZoneEmploiImporter.importFile(file, into: dir) }
        #expect(again?.message.contains("already has level ze2020") == true)
    }

    @Test("a commune in two zones, or unknown, is an error at its line")
    func errors() throws {
        var rows = Self.rows
        rows[3].ze = "9999"
        let e = #expect(throws: DataError.self) {
            try ZoneEmploiImporter.importFile(try PublishedSamples.file("ze.csv", Self.text(rows)), into: try PublishedSamples.dataset("ze-two"))
        }
        #expect(e?.location?.hasSuffix(":8") == true && e?.message.contains("in zone 9326 and in zone 9999") == true)
        rows = Self.rows + [("99999", "Nowhere", "0051", "Bourg-en-Bresse")]
        let file = try PublishedSamples.file("ze.csv", Self.text(rows))
        let u = #expect(throws: DataError.self) { try ZoneEmploiImporter.importFile(file, into: try PublishedSamples.dataset("ze-unknown")) }
        #expect(u?.location?.hasSuffix(":11") == true)
        let s = try ZoneEmploiImporter.importFile(file, into: try PublishedSamples.dataset("ze-skip"), skipUnknown: true)
        #expect(s.skippedRows == 1 && s.communes == 5)
    }
}
