import Testing
import Foundation
@testable import TIQData

/// Bad inputs are refused with the file, the line and a fix; small hand-written files.
@Suite("Importer errors")
struct ImporterErrorTests {
    func write(_ files: [String: String]) throws -> String {
        let dir = SharedData.temporaryDirectory("errors")
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    @Test("a commune in two TIs of one phase is refused; the same id in two phases is fine")
    func communeInTwoTIs() throws {
        let territories = "phase,ti_id,name\n1,ti-0101,A\n1,ti-0102,B\n2,ti-0101,C\n"
        let members = "phase,ti_id,member_kind,current_epci_siren\n1,ti-0101,EPCI,1\n"
        var dir = try write(["territoires.csv": territories, "members.csv": members,
                             "commune_membership.csv": "phase,ti_id,commune_code\n1,ti-0101,01001\n2,ti-0101,01001\n1,ti-0102,01002\n"])
        let ok = try TIImporter.read(from: dir, communeCodes: ["01001", "01002"])
        #expect(ok.map(\.communes) == [[0], [1], [0]])
        dir = try write(["territoires.csv": territories, "members.csv": members,
                         "commune_membership.csv": "phase,ti_id,commune_code\n1,ti-0101,01001\n1,ti-0102,01001\n"])
        do {
            _ = try TIImporter.read(from: dir, communeCodes: ["01001"])
            Issue.record("accepted a commune in two TIs of phase 1")
        } catch {
            #expect(error.message.contains("ti-0101") && error.message.contains("ti-0102"))
            #expect(error.location?.hasSuffix("commune_membership.csv:3") == true)
        }
    }

    @Test("a table with two values for one territory and period, or a word for a number, is refused")
    func badTables() throws {
        let dir = try write(["dup.csv": "code;year;v\n01;2020;1\n01;2020;2\n", "word.csv": "code,year,v\n01,2020,douze\n"])
        var options = TableImportOptions(file: dir + "/dup.csv", level: "dept", territoryColumn: "code", indicator: "x", unit: "firms")
        options.periodColumn = "year"
        options.valueColumn = "v"
        #expect(throws: DataError.self) { try TableImporter.read(options) }
        options.file = dir + "/word.csv"
        do {
            _ = try TableImporter.read(options)
            Issue.record("read `douze` as a number")
        } catch {
            #expect(error.location?.hasSuffix("word.csv:2") == true)
        }
    }

    @Test("a long table without --value-column picks the only numeric column, or asks")
    func valueColumn() throws {
        let dir = try write(["one.csv": "code,name,year,v\n01,Ain,2020,3\n", "two.csv": "code,year,a,b\n01,2020,1,2\n"])
        var options = TableImportOptions(file: dir + "/one.csv", level: "dept", territoryColumn: "code", indicator: "x", unit: "firms")
        options.periodColumn = "year"
        #expect(try TableImporter.read(options).rows.map(\.value) == [3])
        options.file = dir + "/two.csv"
        do {
            _ = try TableImporter.read(options)
            Issue.record("guessed between two value columns")
        } catch {
            #expect(error.fix?.contains("--value-column") == true)
        }
    }
}
