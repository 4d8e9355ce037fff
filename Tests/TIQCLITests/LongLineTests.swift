import Foundation
import Testing

/// A data file of one enormous line fails at once with a short error, whether the dataset
/// loader or an importer reads it. The files are sparse (1 GB of zero bytes, no newline, no disk
/// used), and the read must stop long before their end.
@Suite struct LongLineTests {
    /// A temporary directory holding a copy of the mini fixture, removed by the caller.
    private func dataset() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-long-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/Tests/TIQServerTests/Fixtures/mini", toPath: dir)
        return dir
    }

    /// Makes `path` `size` bytes long, the new bytes zeros (a hole: nothing is written).
    private func extend(_ path: String, to size: Int64) throws {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        #expect(truncate(path, off_t(size)) == 0)
    }

    @Test func aOneGigabyteLineInADatasetFileFailsFastWithAShortError() throws {
        let dir = try dataset()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/territories.csv"
        // Its last line runs into the hole: the line number is the count of lines before it, plus one.
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count
        try extend(path, to: 1 << 30)
        let out = try CLI.run(["query", "--data", dir, "from emploi_ind at epci"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("D100") && out.stderr.contains("line \(lines) is longer than 1048576 bytes"), "\(out.stderr.prefix(500))")
        #expect(out.stderr.utf8.count < 1_000, "the error quotes a short excerpt: \(out.stderr.utf8.count) bytes")
    }

    @Test func aOneGigabyteLineInAnImportedTableFailsFastWithAShortError() throws {
        let dir = try dataset()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let table = dir + "-table.csv"
        defer { try? FileManager.default.removeItem(atPath: table) }
        try "code;year;value\n".write(toFile: table, atomically: true, encoding: .utf8)
        try extend(table, to: 1 << 30)
        let out = try CLI.run(["import", "table", table, "--out", dir, "--level", "dept", "--territory-column", "code",
                               "--indicator", "x", "--unit", "jobs", "--period-column", "year"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("line 2 is longer than 1048576 bytes"), "\(out.stderr.prefix(500))")
        #expect(out.stderr.utf8.count < 1_000, "the error quotes a short excerpt: \(out.stderr.utf8.count) bytes")
    }

    @Test(arguments: ["urssaf", "sirene", "ze2020"])
    func aOneGigabyteRecordInAStreamedPublishedFileFailsFastWithAShortError(kind: String) throws {
        let dir = try dataset()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "-\(kind).csv"
        defer { try? FileManager.default.removeItem(atPath: file) }
        // A header, then one record running into a 1 GB hole (and, for one case, an open quote).
        let headers = ["urssaf": "Code commune;Code APE;Nombre d'établissements 2020;Effectifs salariés 2020",
                       "sirene": "siret,codeCommuneEtablissement,dateCreationEtablissement,activitePrincipaleEtablissement,etatAdministratifEtablissement,dateDebut",
                       "ze2020": "CODGEO;LIBGEO;ZE2020;LIBZE2020"]
        try (headers[kind]! + "\n\"").write(toFile: file, atomically: true, encoding: .utf8)
        try extend(file, to: 1 << 30)
        let out = try CLI.run(["import", kind, file, "--out", dir])
        #expect(out.status != 0)
        #expect(out.stderr.contains("line 2 is longer than 1048576 bytes"), "\(out.stderr.prefix(500))")
        #expect(out.stderr.utf8.count < 1_000, "the error quotes a short excerpt: \(out.stderr.utf8.count) bytes")
    }
}
