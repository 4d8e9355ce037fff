import Foundation
import Testing
@testable import TIQCLI

/// Issue 17: at a terminal, a line starting with `|` continues the query, and a pasted
/// multi-line query runs once, as when piped; `.format csv` keeps the warnings.
@Suite("tiq repl: continuation lines and pastes")
struct TerminalPasteTests {
    /// The query lines of a `queries/` file: what remains without `#` comments and blank lines.
    static func queryLines(_ file: String) throws -> [String] {
        try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
            .filter { let t = $0.trimmingCharacters(in: .whitespaces); return !t.isEmpty && !t.hasPrefix("#") }
    }

    static var queryFiles: [String] {
        let dir = CLI.packageRoot + "/queries"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".tiq") }.sorted().map { dir + "/" + $0 }
    }

    @Test("every file in queries/, pasted: one input, the whole query; typed by hand: the last run is the whole query")
    func queryFilesGatherWhole() throws {
        let files = Self.queryFiles
        #expect(files.count >= 10, "queries/ not found")
        for file in files {
            let all = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let expected = try Self.queryLines(file)
            // Pasted: every line but the last arrives with more input waiting; the paste ends with a line break.
            var pasted = InteractiveLines()
            var inputs: [String] = []
            for (i, line) in all.enumerated() { inputs += pasted.add(line, moreFollows: i < all.count - 1) }
            inputs += pasted.add("", moreFollows: false)
            #expect(inputs.count == 1, "\(file): \(inputs)")
            let lines = inputs.first.map { $0.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") } }
            #expect(lines == expected, "\(file)")
            // Typed line by line, Enter by hand each time: each run is a prefix, the last one the whole query.
            var typed = InteractiveLines()
            var runs: [String] = []
            for line in all { runs += typed.add(line, moreFollows: false) }
            #expect(runs.last?.split(separator: "\n").map(String.init) == expected, "\(file): \(runs)")
            #expect(!runs.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("|") }, "\(file): a run starts with |")
        }
    }

    @Test("a pasted block with two queries and a meta command: each runs once, in order")
    func pasteOfSeveralInputs() {
        var g = InteractiveLines()
        var inputs: [String] = []
        for line in ["from a", "| show x", "", "# next", ".timer on", "from b", "  | where y"] { inputs += g.add(line, moreFollows: true) }
        inputs += g.add("", moreFollows: false)
        #expect(inputs == ["from a\n| show x", ".timer on", "from b\n  | where y"])
    }

    /// Starts `tiq repl` on the CLI fixture in a pseudo-terminal and waits for the prompt.
    static func repl() throws -> PseudoTerminal {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-pty-\(UUID().uuidString)").path
        let term = try PseudoTerminal(CLI.tiq, ["repl", "--data", Fixture.directory, "--no-history"],
                                      environment: ["XDG_STATE_HOME": state, "NO_COLOR": "1", "TERM": "xterm"])
        try #require(term.waitFor("tiq> ", timeout: 120) != nil, "no prompt: \(term.pending)")
        return term
    }

    @Test("in a terminal: bracketed paste runs once, a fast paste runs once, a typed | line continues", .timeLimit(.minutes(5)))
    func terminal() throws {
        let term = try Self.repl()
        // Bracketed paste, as a terminal sends it (ESC [ 200 ~ … ESC [ 201 ~), ending with a line break.
        term.type("\u{1B}[200~from emploi_ind at commune\r| where code == \"01001\"\r| show code, emploi_ind@2018\r\u{1B}[201~")
        let first = term.waitFor("1 row at commune", timeout: 60)
        #expect(first != nil, "the pasted query did not run: \(term.pending)")
        #expect(first?.contains("6 rows") == false && first?.contains("E111") == false, "the first line ran alone: \(first ?? "")")
        #expect(term.waitFor("tiq> ", timeout: 30) != nil)
        // A paste without brackets: the lines arrive at once.
        term.type("from emploi_ind at commune\n| where code == \"01004\"\n| show code, emploi_ind@2021\n")
        let second = term.waitFor("1 row at commune", timeout: 60)
        #expect(second != nil, "the fast paste did not run: \(term.pending)")
        #expect(second?.contains("6 rows") == false && second?.contains("E111") == false, "the first line ran alone: \(second ?? "")")
        #expect(term.waitFor("tiq> ", timeout: 30) != nil)
        // Typed by hand: the first line runs, then `| …` continues it (no E111).
        term.type("from emploi_ind at dept\r")
        #expect(term.waitFor("2 rows at dept", timeout: 60) != nil, "\(term.pending)")
        #expect(term.waitFor("tiq> ", timeout: 30) != nil)
        term.type("| where code == \"38\"\r")
        let third = term.waitFor("1 row at dept", timeout: 60)
        #expect(third != nil && third?.contains("E111") == false, "the | line did not continue the query: \(third ?? term.pending)")
        #expect(third?.contains("Isère") == true)
        #expect(term.waitFor("tiq> ", timeout: 30) != nil)
        // Nothing ran twice: the next answer is the next query's.
        term.type("from emploi_ind at region | show name\r")
        let fourth = term.waitFor("1 row at region", timeout: 60)
        #expect(fourth != nil && fourth?.contains("at commune") == false && fourth?.contains("at dept") == false, "\(fourth ?? term.pending)")
        // Ctrl-D ends the session at a prompt: wait for it, or the key may arrive while the
        // answer is still being drawn (seen under load: no exit within 30 s).
        #expect(term.waitFor("tiq> ", timeout: 30) != nil)
        term.type("\u{04}")
        #expect(term.waitForExit(timeout: 30) == 0)
    }

    /// The first query block of the README, as a newcomer copies it.
    static func readmeExample() throws -> [String] {
        let readme = try String(contentsOfFile: CLI.packageRoot + "/README.md", encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "```\n").dropFirst().first, "no code block in README.md")
        return block.split(separator: "\n").map(String.init)
    }

    @Test("the README's example on the demo: pasted, it runs once; typed line by line, the last answer is the whole query", .timeLimit(.minutes(10)))
    func readmeExampleOnTheDemo() throws {
        let lines = try Self.readmeExample()
        try #require(lines.count > 1 && lines.dropFirst().allSatisfy { $0.hasPrefix("|") }, "the README's example changed: \(lines)")
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-pty-\(UUID().uuidString)").path
        let term = try PseudoTerminal(CLI.tiq, ["repl", "--no-history"], environment: ["XDG_STATE_HOME": state, "NO_COLOR": "1", "TERM": "xterm"])
        try #require(term.waitFor("tiq> ", timeout: 300) != nil, "no prompt: \(term.pending)")
        // The coverage line of a `compare` answer is about groups: it has no "at epci".
        term.type("\u{1B}[200~" + lines.joined(separator: "\n") + "\n\u{1B}[201~")
        let pasted = term.waitFor("diff", timeout: 120)
        #expect(pasted != nil, "the pasted example gave no comparison: \(term.pending)")
        #expect(pasted?.contains("rows at epci") == false && pasted?.contains("E111") == false, "a line ran alone: \(pasted ?? "")")
        #expect(term.waitFor("tiq> ", timeout: 30) != nil)
        // Typed: each line after the REPL answered the one before.
        for (i, line) in lines.enumerated() {
            term.type(line + "\r")
            let answer = term.waitFor(i == lines.count - 1 ? "diff" : "rows at epci", timeout: 120)
            #expect(answer != nil && answer?.contains("E111") == false, "line \(i + 1): \(answer ?? term.pending)")
            #expect(term.waitFor("tiq> ", timeout: 30) != nil)
        }
        term.type("\u{04}")
        #expect(term.waitForExit(timeout: 30) == 0)
    }

    @Test(".format csv keeps the warnings, on stderr")
    func csvWarnings() throws {
        let query = "from emploi_ind at commune | where emploi_ind@2019 > 0 | show code, emploi_ind@2019"
        let table = try CLI.run(["query", "--data", Fixture.directory, query])
        let warning = try #require(table.stdout.split(separator: "\n").first { $0.contains("warning[W") }, "the query should warn: \(table.stdout)")
        let r = try CLI.run(["repl", "--data", Fixture.directory], stdin: ".format csv\n" + query + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains(warning), "warning lost with .format csv: \(r.stderr)")
        #expect(!r.stdout.contains("warning"), "the CSV stays clean")
    }
}
