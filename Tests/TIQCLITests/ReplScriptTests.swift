import Foundation
import Testing

/// `tiq repl < file`: queries read line by line with the continuation rules, plain output.
@Suite("tiq repl with stdin not a terminal")
struct ReplScriptTests {
    @Test("multi-line queries, meta commands, plain output, exit 0")
    func script() throws {
        let script = """
            # two queries, the first over three lines
            from emploi_ind at commune |
              where code == "01004" |
              show code, emploi_ind@2021
            .format csv
            from emploi_ind at commune
            | where code == "01001"
            | show code, emploi_ind@2018
            .timer on
            .help
            """
        let r = try CLI.run(["repl", "--data", Fixture.directory], stdin: script)
        #expect(r.status == 0, "\(r.stderr)")
        guard case .value(let a)? = Fixture.observations["01004"]?[2021], case .value(let b)? = Fixture.observations["01001"]?[2018] else {
            Issue.record("fixture changed"); return
        }
        #expect(r.stdout.contains(Fixture.grouped(Int(a))), "table format first:\n\(r.stdout)")
        #expect(r.stdout.contains("code,emploi_ind@2018,emploi_ind@2018_status\r\n01001,\(Int(b)),\r\n"), "csv after .format csv:\n\(r.stdout)")
        #expect(r.stdout.contains(".explain"), ".help lists the meta commands")
        #expect(!r.stdout.contains("\u{1B}["), "plain output")
        #expect(!r.stdout.contains("tiq>"), "no prompt when not on a terminal")
    }

    @Test("a failing query prints its diagnostic, the script goes on, the exit code is 1")
    func failureGoesOn() throws {
        let r = try CLI.run(["repl", "--data", Fixture.directory],
                            stdin: "from nope at commune\n\nfrom emploi_ind at commune | where code == \"01001\" | show code\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("error[E201]"))
        #expect(r.stdout.contains("01001"))
    }

    @Test(".quit stops reading")
    func quit() throws {
        let r = try CLI.run(["repl", "--data", Fixture.directory], stdin: ".quit\nfrom nope at commune\n")
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
    }
}
