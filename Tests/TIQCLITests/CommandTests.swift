import Foundation
import Testing

/// `tiq query`, `tiq run`, `tiq check` end to end: the built binary on a fixture dataset, every
/// format checked against the fixture's own rows.
@Suite("tiq query, run and check")
struct CommandTests {
    static let series = "from emploi_ind at commune | show code, emploi_ind"

    @Test("csv: one column per period and its status, every cell equal to the fixture, absences empty")
    func csvMatchesFixture() throws {
        let r = try CLI.run(["query", "--data", Fixture.directory, "--format", "csv", Self.series])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "code," + Fixture.years.map { "emploi_ind@\($0),emploi_ind@\($0)_status" }.joined(separator: ","))
        #expect(lines.count == Fixture.communes.count + 1)
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let row = try #require(Fixture.observations[fields[0]])
            for (t, y) in Fixture.years.enumerated() {
                switch row[y] {
                case .value(let v)?:
                    #expect(Double(fields[2 * t + 1]) == v, "\(fields[0]) \(y)")
                    #expect(fields[2 * t + 2] == "", "\(fields[0]) \(y) is a plain value")
                case .absent(let status)?:
                    #expect(fields[2 * t + 1] == "", "\(fields[0]) \(y) should be empty")
                    #expect(fields[2 * t + 2] == status, "\(fields[0]) \(y) says why it is absent")
                case nil: Issue.record("fixture has no \(fields[0]) \(y)")
                }
            }
        }
    }

    @Test("table: units in the header, separators, absence markers with their legend, sparklines, coverage")
    func tableIsReadable() throws {
        let r = try CLI.run(["query", "--data", Fixture.directory, Self.series])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("emploi_ind (jobs) 2018..2021"))
        for c in Fixture.communes {
            let row = try #require(Fixture.observations[c.code])
            let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix(c.code) })
            if case .value(let first)? = row[2018] { #expect(line.contains(Fixture.grouped(Int(first))), "\(line)") }
            if case .value(let last)? = row[2021] { #expect(line.contains(Fixture.grouped(Int(last))), "\(line)") }
            #expect(line.contains { "▁▂▃▄▅▆▇█".contains($0) }, "no sparkline in \(line)")
        }
        #expect(r.stdout.contains("n/a"), "the `na` cell of 38003 in 2018 is the first value shown")
        #expect(r.stdout.contains("legend: ") && r.stdout.contains("n/a = not applicable"))
        #expect(r.stdout.contains("6 rows at commune"))
        #expect(!r.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test("json: the server's result object, rows equal to the fixture")
    func jsonMatchesFixture() throws {
        let r = try CLI.run(["query", "--data", Fixture.directory, "--format", "json", Self.series])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["periods"] as? [String] == Fixture.years.map(String.init))
        let rows = try #require(object["rows"] as? [[Any]])
        #expect(rows.count == Fixture.communes.count)
        for row in rows {
            let code = try #require(row[0] as? String)
            let values = try #require(row[1] as? [Any])
            for (t, y) in Fixture.years.enumerated() {
                switch Fixture.observations[code]?[y] {
                case .value(let v)?: #expect((values[t] as? NSNumber)?.doubleValue == v)
                default: #expect(values[t] is NSNull)
                }
            }
        }
        let statuses = try #require(object["statuses"] as? [[String: Any]])
        #expect(statuses.contains { $0["status"] as? String == "secret" && $0["period"] as? String == "2019" })
    }

    @Test("markdown: a pipe table with one row per answer row and the coverage line")
    func markdownTable() throws {
        let r = try CLI.run(["query", "--data", Fixture.directory, "--format", "markdown", Self.series])
        #expect(r.status == 0, "\(r.stderr)")
        let tableLines = r.stdout.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(tableLines.count == Fixture.communes.count + 2)
        #expect(tableLines[0] == "| code | emploi_ind (jobs) 2018..2021 |")
        #expect(tableLines[1] == "| --- | --- |")
        #expect(r.stdout.contains("_6 rows at commune"))
    }

    @Test("percentages: growth is shown ×100 with one decimal, recomputed from the fixture")
    func percentages() throws {
        let r = try CLI.run(["query", "--data", Fixture.directory,
                             "from emploi_ind at commune | where code == \"01004\" | derive g = growth(emploi_ind, 2018, 2021) | show code, g"])
        #expect(r.status == 0, "\(r.stderr)")
        guard case .value(let a)? = Fixture.observations["01004"]?[2018], case .value(let b)? = Fixture.observations["01004"]?[2021] else {
            Issue.record("fixture changed"); return
        }
        let expected = String(format: "%.1f%%", (b / a - 1) * 100)
        #expect(r.stdout.contains(expected), "expected \(expected) in\n\(r.stdout)")
        #expect(r.stdout.contains("g (%)"))
    }

    @Test("a bad query exits 1 with the caret diagnostic on stderr and nothing on stdout")
    func badQuery() throws {
        let r = try CLI.run(["query", "--data", Fixture.directory, "from emploi_indus at epci"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("error[E201]"))
        #expect(r.stderr.contains("--> query:1:6"))
        #expect(r.stderr.contains("     ^^^^^^^^^^^^"), "caret under `emploi_indus`:\n\(r.stderr)")
    }

    @Test("usage errors exit 64 with a one-line hint", arguments: [
        ["query"], ["query", "--format", "xml", "from emploi_ind at epci"], ["query", "--bogus", "x"],
        ["run"], ["check"], ["repl", "extra"], ["query", "a", "b"], ["check", "--format", "svg", "x.tiq"],
    ])
    func usageErrors(_ arguments: [String]) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 64, "\(arguments): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test("--help for every new subcommand", arguments: ["query", "run", "check", "repl"])
    func help(_ command: String) throws {
        let r = try CLI.run([command, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("USAGE: tiq \(command)"))
    }

    @Test("run FILE and run - give the same answer as query")
    func runFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-cli-\(UUID().uuidString).tiq").path
        try Data("# a comment\n\(Self.series.replacingOccurrences(of: " | ", with: "\n| "))\n".utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let viaQuery = try CLI.run(["query", "--data", Fixture.directory, "--format", "csv", Self.series])
        let viaFile = try CLI.run(["run", "--data", Fixture.directory, "--format", "csv", file])
        let viaStdin = try CLI.run(["run", "--data", Fixture.directory, "--format", "csv", "-"], stdin: Self.series)
        #expect(viaFile.status == 0 && viaStdin.status == 0)
        #expect(viaFile.stdout == viaQuery.stdout)
        #expect(viaStdin.stdout == viaQuery.stdout)
        let missing = try CLI.run(["run", "--data", Fixture.directory, file + ".nope"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("no such file"))
    }

    @Test("check: 0 on good files, 1 with file:line diagnostics on a bad one, stdin too")
    func check() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-cli-check-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("from emploi_ind at epci\n| show name, emploi_ind\n".utf8).write(to: URL(fileURLWithPath: dir + "/good.tiq"))
        try Data("# header\nfrom emploi_ind at epci\n| show nme\n".utf8).write(to: URL(fileURLWithPath: dir + "/bad.tiq"))
        let good = try CLI.run(["check", "--data", Fixture.directory, dir + "/good.tiq"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stderr.contains("checked 1 file: 0 errors"))
        let both = try CLI.run(["check", "--data", Fixture.directory, dir + "/good.tiq", dir + "/bad.tiq"])
        #expect(both.status == 1)
        #expect(both.stderr.contains("--> \(dir)/bad.tiq:3:8"), "\(both.stderr)")
        #expect(both.stderr.contains("3 | | show nme"))
        let stdin = try CLI.run(["check", "--data", Fixture.directory, "-"], stdin: "from emploi_ind at nowhere")
        #expect(stdin.status == 1)
        #expect(stdin.stderr.contains("<stdin>:1:"))
        let json = try CLI.run(["check", "--data", Fixture.directory, "--format", "json", dir + "/bad.tiq"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect((report.first?["diagnostics"] as? [[String: Any]])?.first?["code"] as? String == "E205")
    }

    @Test("check: a file of several queries is checked query by query, as the editors do, spans in the file")
    func checkSeveralQueries() throws {
        // Two good queries (one spaced out, `|` after a blank line), a comment-only block, and a bad
        // query whose unknown name sits at a place found here by searching the text.
        let text = "from emploi_ind at epci\n| show name\n\nfrom emploi_ind at region\n\n| show name\n\n# notes\n\nfrom emploi_ind at region\n| show nme\n"
        let bad = try #require(text.range(of: "nme"))
        let badOffset = text.utf8.distance(from: text.utf8.startIndex, to: bad.lowerBound)
        let badLine = text[..<bad.lowerBound].filter { $0 == "\n" }.count + 1
        let badColumn = text[..<bad.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).last!.count + 1
        let rendered = try CLI.run(["check", "--data", Fixture.directory, "-"], stdin: text)
        #expect(rendered.status == 1)
        #expect(rendered.stderr.contains("<stdin>:\(badLine):\(badColumn)"), "\(rendered.stderr)")
        #expect(rendered.stderr.contains("1 error"), "only the bad query errs: \(rendered.stderr)")
        let json = try CLI.run(["check", "--data", Fixture.directory, "--format", "json", "-"], stdin: text)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let diagnostics = try #require(report.first?["diagnostics"] as? [[String: Any]])
        try #require(diagnostics.count == 1, "\(diagnostics)")
        let span = try #require(diagnostics[0]["span"] as? [String: Any])
        #expect(span["start"] as? Int == badOffset)
        #expect(span["end"] as? Int == badOffset + 3)
        #expect(span["line"] as? Int == badLine)
        #expect(span["col"] as? Int == badColumn)
    }
}
