import Foundation
import Testing
import TIQTestSupport
@testable import TIQCLI

/// `--format xlsx`: the workbook read back by openpyxl (scripts/check_xlsx.py) equals the
/// `--format json` answer of the same query, cell by cell, statuses included.
@Suite("xlsx workbook")
struct XLSXTests {
    /// The interpreter with openpyxl: `TIQ_XLSX_PYTHON` (`.ci/run` sets it) or python3.
    static let python: String = ProcessInfo.processInfo.environment["TIQ_XLSX_PYTHON"] ?? "python3"

    static func hasOpenpyxl() -> Bool {
        (try? run(python, ["-c", "import openpyxl"]).status) == 0
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("CRC-32 of the standard check string is 0xCBF43926")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    @Test("column letters: A, Z, AA, AZ, BA, ZZ, AAA")
    func columnNames() {
        #expect([0, 25, 26, 51, 52, 701, 702].map(SheetXML.columnName) == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"])
    }

    static let queries = [
        // series with missing and secret values, a percent number, text and booleans
        "from emploi_ind at epci | where dept = \"Aisne\" | derive g = growth(emploi_ind, 2018, 2022) | show name, ti1, emploi_ind, g",
        // a warning (W404) and a ranking
        "from emploi_ind at epci | top 10 by emploi_ind@2022 | show code, name, emploi_ind@2022",
        // all secret
        "from emploi_ind at epci | agg emp = sum(emploi_ind) by ti1 | show ti1, emp",
    ]

    @Test("every cell and status read back by openpyxl equals the JSON answer",
          .enabled(if: RequiredInCI.isOn || hasOpenpyxl(), "openpyxl is needed: set TIQ_XLSX_PYTHON to an interpreter that has it (.ci/run does)"),
          arguments: queries)
    func readBack(_ query: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let book = try CLI.run(["query", "--format", "xlsx", query])
        #expect(book.status == 0, "\(book.stderr)")
        let json = try CLI.run(["query", "--format", "json", query])
        #expect(json.status == 0, "\(json.stderr)")
        let xlsx = dir.appendingPathComponent("answer.xlsx"), answer = dir.appendingPathComponent("answer.json")
        try book.stdoutBytes.write(to: xlsx)
        try Data(json.stdout.utf8).write(to: answer)
        let r = try Self.run(Self.python, [CLI.packageRoot + "/scripts/check_xlsx.py", xlsx.path, answer.path, query])
        #expect(r.status == 0, "scripts/check_xlsx.py:\n\(r.output)")
    }

    @Test("xlsx with several files is a usage error")
    func refusals() throws {
        let r = try CLI.run(["run", "--format", "xlsx", CLI.packageRoot + "/queries/10-index-2018.tiq", CLI.packageRoot + "/queries/02-growth-per-ti1.tiq"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("one file per answer"))
    }
}
