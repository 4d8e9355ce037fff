import Foundation
import Testing

/// Editing keys and colour on a real pseudo-terminal, on the small fixture (fast to load).
@Suite("editing and colour on a pseudo-terminal")
struct TerminalEditingTests {
    @Test("Tab lists several candidates, a line ending in | continues, Ctrl-R finds and runs, .quit", .timeLimit(.minutes(5)))
    func editing() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-pty-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let term = try PseudoTerminal(CLI.tiq, ["repl", "--data", Fixture.directory],
                                      environment: ["XDG_STATE_HOME": state, "NO_COLOR": "1", "TERM": "xterm"])
        try #require(term.waitFor("tiq> ", timeout: 120) != nil, "no prompt: \(term.pending)")

        term.type("from emploi_ind at \t")
        let listing = term.waitFor("tiq> from emploi_ind at ", timeout: 30)
        #expect(listing?.contains("commune") == true && listing?.contains("dept") == true, "no candidate list: \(term.pending)")
        term.type("\u{15}")

        term.type("from emploi_ind at france |\r")
        #expect(term.waitFor("…> ", timeout: 30) != nil, "no continuation prompt: \(term.pending)")
        term.type("show name\r")
        #expect(term.waitFor("1 row", timeout: 60) != nil, "multi-line query did not run: \(term.pending)")
        #expect(term.waitFor("tiq> ", timeout: 30) != nil)

        term.type("\u{12}franc")
        #expect(term.waitFor("(reverse-i-search)`franc': from emploi_ind at france | show name", timeout: 30) != nil,
                "reverse search did not find: \(term.pending)")
        term.type("\r")
        #expect(term.waitFor("1 row", timeout: 60) != nil, "the match did not run: \(term.pending)")
        #expect(term.waitFor("tiq> ", timeout: 30) != nil)

        // Ctrl-A, then Ctrl-K deletes the whole line; Ctrl-E and Ctrl-W edit the end.
        term.type("junk\u{01}\u{0B}from emploi_ind at france | show name nme\u{17}\u{05}\r")
        #expect(term.waitFor("1 row", timeout: 60) != nil, "edited line did not run: \(term.pending)")
        term.type(".quit\r")
        #expect(term.waitForExit(timeout: 30) == 0)
    }

    @Test("raw mode while editing; the terminal is restored when SIGTERM ends the REPL", .timeLimit(.minutes(5)))
    func restoresOnSignal() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-pty-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let term = try PseudoTerminal(CLI.tiq, ["repl", "--data", Fixture.directory],
                                      environment: ["XDG_STATE_HOME": state, "NO_COLOR": "1", "TERM": "xterm"])
        try #require(term.waitFor("tiq> ", timeout: 120) != nil, "no prompt: \(term.pending)")
        let echoAndLines = UInt32(ECHO | ICANON)
        #expect(term.localModes & echoAndLines == 0, "not in raw mode at the prompt")
        term.signal(SIGTERM)
        #expect(term.waitForExit(timeout: 30) != nil)
        #expect(term.localModes & echoAndLines == echoAndLines, "echo and canonical mode not restored")
    }

    @Test("colour on a terminal, none with NO_COLOR")
    func colour() throws {
        let query = ["query", "--data", Fixture.directory, "from emploi_ind at commune | show code, emploi_ind"]
        let coloured = try PseudoTerminal(CLI.tiq, query, environment: ["TERM": "xterm", "NO_COLOR": ""])
        #expect(coloured.waitFor("\u{1B}[1m", timeout: 60) != nil, "no ANSI bold on a terminal: \(coloured.pending)")
        #expect(coloured.waitForExit(timeout: 60) == 0)
        let plain = try PseudoTerminal(CLI.tiq, query, environment: ["TERM": "xterm", "NO_COLOR": "1"])
        let all = plain.waitFor("of cells present", timeout: 60)
        #expect(all != nil)
        #expect(all?.contains("\u{1B}[") == false, "colour despite NO_COLOR")
        #expect(plain.waitForExit(timeout: 60) == 0)
    }
}
