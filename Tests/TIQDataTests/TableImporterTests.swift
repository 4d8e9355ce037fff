import Testing
import Foundation
@testable import TIQData
import TIQCore
import TIQStore

@Suite("Importing indicator tables", .enabled(if: SharedData.isAvailable, "needs the real files in ../shared/data"))
struct TableImporterTests {
    /// A dataset directory holding the real geography.
    func geographyDirectory(_ name: String) throws -> String {
        let dir = SharedData.temporaryDirectory(name)
        try DatasetWriter.write(Geography.embedded.dataset(), to: dir)
        return dir
    }

    @Test("long monthly table by département: dates become months, values match the file")
    func longMonthly() throws {
        let dir = try geographyDirectory("relance")
        let file = SharedData.path("indicators/france_relance_industrial_beneficiaries_dep_monthly.csv")
        var options = TableImportOptions(file: file, level: "dept", territoryColumn: "departement_code",
                                         indicator: "relance_benef", unit: "firms")
        options.periodColumn = "date"
        options.aggregate = "none"
        let summary = try TableImporter.importTable(options, into: dir)
        // Brute force over the file.
        let rows = try SharedData.naiveRows("indicators/france_relance_industrial_beneficiaries_dep_monthly.csv")
        #expect(summary.observations == rows.count)
        #expect(summary.territories == Set(rows.map { $0[0] }).count)
        #expect(summary.frequency == "M" && summary.firstPeriod == "2020-01" && summary.lastPeriod == "2022-12")

        let dataset = try DatasetLoader.load(directory: dir)
        let o = dataset.observations
        var loaded: [String: Double] = [:]
        for i in 0..<o.count { loaded["\(o.territoryKeys[Int(o.territories[i])])|\(o.periods[i])"] = o.values[i] }
        for r in rows {
            let month = String(r[2].prefix(7))
            #expect(loaded["dept:\(r[0])|\(month)"] == Double(r[3]))
        }
        let snapshot = try SnapshotBuilder.build(dataset, origin: dir, id: 1)
        #expect(snapshot.indicatorByCode["relance_benef"] != nil)
    }

    @Test("wide table with ';' and decimal commas, for a level the geography lacks (zones d'emploi)")
    func wideWithNewLevel() throws {
        // Pivot employment_total_ze2010 into one column per year, French style.
        let rows = try SharedData.naiveRows("indicators/employment_total_ze2010_1998_2015.csv")
        var byZone: [String: (name: String, values: [String: String])] = [:]
        for r in rows { byZone[String(r[0]), default: (String(r[1]), [:])].values[String(r[3])] = String(r[4]) }
        let years = (1998...2015).map(String.init)
        var text = "ze2010_code;ze2010_name;" + years.joined(separator: ";") + "\n"
        for (code, z) in byZone.sorted(by: { $0.key < $1.key }) {
            text += "\(code);\(z.name);" + years.map { (z.values[$0] ?? "") + ",0" }.joined(separator: ";") + "\n"
        }
        let tmp = SharedData.temporaryDirectory("ze")
        let file = tmp + "/ze_wide.csv"
        try text.write(toFile: file, atomically: true, encoding: .utf8)

        let dir = try geographyDirectory("ze-dataset")
        var options = TableImportOptions(file: file, level: "ze2010", territoryColumn: "ze2010_code",
                                         indicator: "emploi_total", unit: "jobs")
        options.wide = true
        options.nameColumn = "ze2010_name"
        // Without --add-territories, the unknown level is refused with the fix.
        do {
            _ = try TableImporter.importTable(options, into: dir)
            Issue.record("imported territories of an undeclared level")
        } catch {
            #expect(error.fix?.contains("--add-territories") == true)
        }
        options.addTerritories = true
        let summary = try TableImporter.importTable(options, into: dir)
        #expect(summary.addedTerritories == byZone.count)
        #expect(summary.observations == rows.count)
        #expect(summary.firstPeriod == "1998" && summary.lastPeriod == "2015")

        let dataset = try DatasetLoader.load(directory: dir)
        #expect(dataset.territories.filter { $0.level == "ze2010" }.count == byZone.count)
        let o = dataset.observations
        let sum = (0..<o.count).reduce(0.0) { $0 + (o.values[$1].isNaN ? 0 : o.values[$1]) }
        #expect(sum == rows.reduce(0.0) { $0 + (Double($1[4]) ?? 0) })

        // Importing again replaces the indicator instead of duplicating it.
        let again = try TableImporter.importTable(options, into: dir)
        #expect(again.replaced && again.addedTerritories == 0)
        #expect(try DatasetLoader.load(directory: dir).observations.count == rows.count)
    }

    @Test("values: decimal commas, thousands separators and status words")
    func cellValues() {
        #expect(CellValue.parse("1 234,5")?.0 == 1234.5)
        #expect(CellValue.parse("1.234,5")?.0 == 1234.5)
        #expect(CellValue.parse("12.5")?.0 == 12.5)
        #expect(CellValue.parse("")?.1 == .missing)
        #expect(CellValue.parse("s")?.1 == .secret)
        #expect(CellValue.parse("n/a")?.1 == .notApplicable)
        #expect(CellValue.parse("douze") == nil)
        #expect(TableImporter.normalized("1", level: "dept") == "01")
        #expect(TableImporter.normalized("1001", level: "commune") == "01001")
        #expect(TableImporter.normalized("2A", level: "dept") == "2A")
    }
}
