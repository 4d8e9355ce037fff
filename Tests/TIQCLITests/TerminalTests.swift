import Foundation
import Testing

/// `tiq repl` in a real terminal: typed keys, Tab, history, Ctrl-C on a long query.
@Suite("tiq repl on a pseudo-terminal")
struct TerminalTests {
    /// A query over every commune with sixty derived series: seconds of work, time to press Ctrl-C.
    static let slowQuery = "from emploi_ind at commune | derive "
        + (1...60).map { "d\($0) = yoy(emploi_ind * \($0) + emploi_ind)" }.joined(separator: ", ")
        + " | agg s = sum(emploi_ind), m = median(d60) by dept"

    @Test("typing, Tab completion, ↑ recall, Ctrl-C cancelling a long query, history kept, Ctrl-D", .timeLimit(.minutes(10)))
    func session() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-pty-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let term = try PseudoTerminal(CLI.tiq, ["repl"], environment: ["XDG_STATE_HOME": state, "NO_COLOR": "1", "TERM": "xterm"])
        try #require(term.waitFor("tiq> ", timeout: 300) != nil, "no prompt: \(term.pending)")

        // Tab completes the level.
        term.type("from emploi_ind at ep\t")
        #expect(term.waitFor("from emploi_ind at epci ", timeout: 30) != nil, "Tab did not complete: \(term.pending)")
        term.type("\u{15}")  // Ctrl-U: clear the line

        // A query, then the same again from history with ↑.
        let quick = "from emploi_ind at france | show name"
        term.type(quick + "\r")
        #expect(term.waitFor("1 row", timeout: 120) != nil, "no answer: \(term.pending)")
        #expect(term.waitFor("tiq> ", timeout: 30) != nil)
        term.type("\u{1B}[A")
        #expect(term.waitFor("tiq> " + quick, timeout: 30) != nil, "↑ did not recall: \(term.pending)")
        term.type("\r")
        #expect(term.waitFor("1 row", timeout: 120) != nil, "recalled query did not run: \(term.pending)")
        #expect(term.waitFor("tiq> ", timeout: 30) != nil)

        // Ctrl-C while the long query runs cancels it; the REPL stays.
        term.type(Self.slowQuery + "\r")
        #expect(term.waitFor("by dept", timeout: 60) != nil)
        Thread.sleep(forTimeInterval: 1.5)
        term.type("\u{03}")
        let cancelled = term.waitFor("cancelled", timeout: 120)
        #expect(cancelled != nil, "Ctrl-C did not cancel: \(term.pending)")
        #expect(cancelled?.contains("rows ·") != true, "the long query finished before Ctrl-C")
        #expect(term.waitFor("tiq> ", timeout: 30) != nil)
        term.type(quick + "\r")
        #expect(term.waitFor("1 row", timeout: 120) != nil, "the REPL did not survive Ctrl-C: \(term.pending)")
        #expect(term.waitFor("tiq> ", timeout: 30) != nil)

        // Ctrl-C at the prompt clears the line; Ctrl-D leaves with status 0.
        term.type("half a que\u{03}")
        #expect(term.waitFor("^C", timeout: 30) != nil)
        term.type("\u{04}")
        #expect(term.waitForExit(timeout: 30) == 0)

        let history = try String(contentsOfFile: state + "/tiq/history", encoding: .utf8)
        #expect(history.contains(quick))
        #expect(!history.contains("half a que"))
    }
}
