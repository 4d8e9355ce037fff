import Foundation
import Testing

/// The VS Code extension's command (editors/vscode/extension.js) in node, against the real
/// `tiq lsp`: editors/vscode/test/run.js stands in for VS Code's `vscode` module and forwards
/// `tiq.runQuery` to the server as the Generic LSP Client does. VS Code itself does not run here.
@Suite struct VSCodeExtensionTests {
    static let node: String? = ["/usr/bin/node", "/usr/local/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Seen: Decodable {
        var commands: [String]
        var serverCommands: [String]
        var table: String
        var errors: [String]
    }

    func runCommand(on document: String, line: Int) throws -> Seen {
        let dir = try EditorChecks.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("q.tiq")
        try Data(document.utf8).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.node!)
        p.arguments = [CLI.packageRoot + "/editors/vscode/test/run.js", file.path, String(line)]
        var env = ProcessInfo.processInfo.environment
        env["TIQ_BINARY"] = CLI.tiq
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return try JSONDecoder().decode(Seen.self, from: data)
    }

    @Test(.enabled(if: node != nil, "node is not installed"))
    func runQueryUnderCursorShowsTheTable() throws {
        let seen = try runCommand(on: EditorChecks.goodQuery + "\n" + EditorChecks.badQuery, line: 1)
        #expect(seen.commands == ["tiq.runQueryUnderCursor"])
        #expect(seen.serverCommands.contains("tiq.runQuery"), "the command the generic client registers")
        #expect(seen.errors.isEmpty)
        try EditorChecks.expectTable(seen.table)
    }

    @Test(.enabled(if: node != nil, "node is not installed"))
    func aFailingQueryShowsItsDiagnostic() throws {
        let document = EditorChecks.goodQuery + "\n" + EditorChecks.badQuery
        let seen = try runCommand(on: document, line: 3)
        #expect(seen.table.isEmpty)
        let expected = try EditorChecks.checkDiagnostics(of: EditorChecks.badQuery)
        try #require(seen.errors.count == 1)
        for d in expected { #expect(seen.errors[0].contains("[\(d.code ?? "")]")) }
        #expect(seen.errors[0].contains("q.tiq:4:"), "the diagnostic names the document's line")
    }
}
