import Foundation
import Testing

/// What the editor tests check the same way for every editor.
enum EditorChecks {
    /// A query of one name per région and an integer value, and a query with an unknown name.
    static let goodQuery = "from emploi_ind at region\n| show name, emploi_ind@2022\n"
    static let badQuery = "from emploi_indd at region\n"

    /// A fresh directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-editor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The table an editor showed for `goodQuery` holds, row by row, the values that
    /// `tiq query --format csv` gives for it (as the table prints them: digits grouped by commas).
    static func expectTable(_ table: String?, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let csv = try CLI.run(["query", "--format", "csv", goodQuery])
        let rows = csv.stdout.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        try #require(rows.count == 18, "tiq query --format csv: status \(csv.status)\n\(csv.stdout)\n\(csv.stderr)", sourceLocation: sourceLocation)
        let table = try #require(table, sourceLocation: sourceLocation)
        let lines = table.split(separator: "\n")
        for row in rows {
            let name = String(row[0]), value = try #require(Int(row[1]), sourceLocation: sourceLocation)
            let line = lines.first { $0.hasPrefix(name + " ") }
            let grouped = value.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
            #expect(line?.hasSuffix(" " + grouped) == true, "\(name): \(value) not in \(line.map(String.init) ?? "no line")", sourceLocation: sourceLocation)
        }
    }

    /// The codes of the diagnostics that `tiq check` reports for `text`, and their 1-based lines.
    static func checkDiagnostics(of text: String) throws -> [(code: String?, line: Int)] {
        let alone = try CLI.run(["check", "--format", "json", "-"], stdin: text)
        let files = try #require(try JSONSerialization.jsonObject(with: Data(alone.stdout.utf8)) as? [[String: Any]])
        let diagnostics = try #require(files.first?["diagnostics"] as? [[String: Any]])
        return diagnostics.map { ($0["code"] as? String, (($0["span"] as? [String: Any])?["line"] as? Int) ?? 0) }
    }
}
