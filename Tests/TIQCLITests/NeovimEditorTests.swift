import Foundation
import Testing
import TIQTestSupport

/// The Neovim set-up of editors/neovim/tiq.lua in a real, headless Neovim (Debian's 0.7 in CI):
/// the `.tiq` filetype, `tiq lsp` attached, diagnostics, hover, completion and the run-query
/// command, each compared with what the command line says of the same text.
@Suite struct NeovimEditorTests {
    static let nvim: String? = ["/usr/bin/nvim", "/usr/local/bin/nvim"].first { FileManager.default.isExecutableFile(atPath: $0) }
    /// What the headless driver (editors/neovim/test/headless.lua) saw.
    struct Seen: Decodable {
        struct Diagnostic: Decodable { var line: Int; var col: Int; var code: String?; var message: String }
        var filetype: String
        var attached: Bool
        var diagnostics: [Diagnostic]?
        var hover: String?
        var completions: [String]?
        var table: String?
        var run_error: String?
    }

    func drive(_ document: String, in dir: URL) throws -> Seen {
        let nvim = try #require(Self.nvim, "Neovim is required here (TIQ_SUITES_NO_SKIP=1) but not installed")
        let file = dir.appendingPathComponent("q.tiq"), out = dir.appendingPathComponent("seen.json")
        try Data(document.utf8).write(to: file)
        let root = CLI.packageRoot
        let p = Process()
        p.executableURL = URL(fileURLWithPath: nvim)
        p.arguments = ["--headless", "-u", "NONE", "-i", "NONE",
                       "--cmd", "let g:tiq_cmd = ['\(CLI.tiq)', 'lsp']",
                       "--cmd", "luafile \(root)/editors/neovim/tiq.lua",
                       "-c", "luafile \(root)/editors/neovim/test/headless.lua", file.path]
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["TIQ_NVIM_OUT"] = out.path
        env["TIQ_NVIM_PLUGIN"] = "\(root)/editors/neovim/tiq.lua"
        env["TIQ_NVIM_HOVER_LINE"] = "0"; env["TIQ_NVIM_HOVER_COL"] = "7"      // on `emploi_ind`
        env["TIQ_NVIM_COMPLETE_LINE"] = "1"; env["TIQ_NVIM_COMPLETE_COL"] = "2" // after `| `
        env["TIQ_NVIM_RUN_LINE"] = "1"                                          // inside the good query
        env["XDG_STATE_HOME"] = dir.path; env["XDG_DATA_HOME"] = dir.path; env["XDG_CONFIG_HOME"] = dir.path
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return try JSONDecoder().decode(Seen.self, from: Data(contentsOf: out))
    }

    @Test(.enabled(if: nvim != nil || RequiredInCI.isOn, "Neovim is not installed (.ci/run installs Debian's)"))
    func diagnosticsHoverCompletionAndRunQueryReachNeovim() throws {
        let dir = try EditorChecks.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seen = try drive(EditorChecks.goodQuery + "\n" + EditorChecks.badQuery, in: dir)
        #expect(seen.filetype == "tiq")
        try #require(seen.attached, "tiq lsp did not attach")

        // Diagnostics: exactly what `tiq check` reports for the bad query alone, moved to its line.
        let expected = try EditorChecks.checkDiagnostics(of: EditorChecks.badQuery)
        let badLine = EditorChecks.goodQuery.split(separator: "\n").count + 1  // 0-based line of the bad query
        let seenDiagnostics = seen.diagnostics ?? []
        #expect(seenDiagnostics.map(\.code) == expected.map(\.code))
        #expect(seenDiagnostics.map(\.line) == expected.map { $0.line - 1 + badLine })
        #expect(seenDiagnostics.first?.message.contains("emploi_indd") == true)

        // Hover names the indicator with the name and unit that the catalog gives it.
        let catalog = try CLI.run(["catalog", "--format", "json"])
        let indicators = try #require((try JSONSerialization.jsonObject(with: Data(catalog.stdout.utf8)) as? [String: Any])?["indicators"] as? [[String: Any]])
        let entry = try #require(indicators.first { $0["code"] as? String == "emploi_ind" })
        let hover = try #require(seen.hover)
        #expect(hover.contains(entry["name"] as! String))
        #expect(hover.contains("unit `\(entry["unit"] as! String)`"))

        // Completion after `| ` offers the stage keywords.
        for stage in ["where", "derive", "show", "rollup"] { #expect(seen.completions?.contains(stage) == true, "\(stage)") }

        // The run-query command's table holds the values `tiq query --format csv` gives.
        #expect(seen.run_error == nil)
        try EditorChecks.expectTable(seen.table)
    }
}
