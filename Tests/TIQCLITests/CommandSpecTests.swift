import Foundation
import Testing
import TIQCLI

/// Each command's options are declared once (`CommandSpec`); help, usage and the docs follow,
/// and every example a `--help` shows runs.
@Suite("command declarations, help and docs")
struct CommandSpecTests {
    /// Every example of every command, with the command's name.
    static let examples: [HelpExample] = CommandRegistry.all.flatMap { c in
        c.spec.examples.enumerated().map { HelpExample(command: c.spec.name, index: $0.offset, script: $0.element) }
    }

    /// Whether the real data the import examples read is next to the package.
    static let sharedData = FileManager.default.fileExists(atPath: CLI.packageRoot + "/../shared/data/geo")

    @Test("every example of every --help exits 0", arguments: examples)
    func exampleRuns(_ example: HelpExample) throws {
        if example.script.contains("../shared/data") && !Self.sharedData { return }  // the real data is not in the repository
        let dir = try HelpExample.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The import examples build on one another: run the earlier ones of the same command first.
        for earlier in Self.examples where earlier.command == example.command && earlier.index < example.index {
            _ = try CLI.shell(earlier.script, in: dir + "/work")
        }
        let r = try CLI.shell(example.script, in: dir + "/work")
        #expect(r.status == 0, "`\(example.script)` exited \(r.status): \(r.stderr)")
        #expect(!r.stderr.contains("error["), "`\(example.script)` printed a diagnostic: \(r.stderr)")
    }

    @Test("help shows every visible option, and hidden ones nowhere")
    func helpListsTheDeclaredOptions() {
        for c in CommandRegistry.all {
            for o in c.spec.options {
                #expect(c.help.contains(o.synopsis) != o.hidden, "tiq \(c.name) --help and \(o.name)")
                #expect(c.spec.usage.contains(o.name) != o.hidden || c.spec.forms != nil, "usage of tiq \(c.name) and \(o.name)")
            }
            let names = c.spec.options.map(\.name)
            #expect(Set(names).count == names.count, "tiq \(c.name) declares an option twice")
        }
    }

    @Test("an unknown option is a usage error with the nearest declared option")
    func unknownOptionSuggestsTheDeclaredOne() throws {
        let r = try CLI.run(["query", "--dat", "x", "from emploi_ind at region"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown option `--dat`") && r.stderr.contains("did you mean `--data`?"), "\(r.stderr)")
    }

    @Test("docs/cli.md holds the options reference generated from the declarations")
    func cliDocsReferenceIsCurrent() throws {
        let doc = try String(contentsOfFile: CLI.packageRoot + "/docs/cli.md", encoding: .utf8)
        let expected = CommandRegistry.all.map { $0.spec.markdownReference }.joined(separator: "\n")
        let actual = Self.generatedBlock(of: doc)
        #expect(actual == expected, "docs/cli.md's options reference (between `\(Self.begin)` and `\(Self.end)`) differs from the declarations; put there:\n\(expected)")
    }

    static let begin = "<!-- BEGIN options reference: generated from CommandSpec, checked by CommandSpecTests -->"
    static let end = "<!-- END options reference -->"

    /// The text between the markers, without the blank lines next to them; nil without markers.
    static func generatedBlock(of doc: String) -> String? {
        let parts = doc.components(separatedBy: begin)
        guard parts.count == 2 else { return nil }
        let inner = parts[1].components(separatedBy: end)
        guard inner.count == 2 else { return nil }
        var text = Substring(inner[0])
        while text.first == "\n" { text = text.dropFirst() }
        while text.last == "\n" { text = text.dropLast() }
        return String(text) + "\n"
    }

    @Test("protocol.md's table of `tiq serve` options lists exactly the declared ones")
    func protocolServeOptionsMatch() throws {
        let doc = try String(contentsOfFile: CLI.packageRoot + "/protocol.md", encoding: .utf8)
        let section = try #require(doc.components(separatedBy: "## Starting the daemon").dropFirst().first?
            .components(separatedBy: "\n## ").first)
        let listed = Set(section.split(separator: "\n").filter { $0.hasPrefix("| `--") }.compactMap {
            $0.dropFirst(3).split(separator: " ").first.map { String($0.filter { $0 != "`" }) }
        })
        let serve = try #require(CommandRegistry.all.first { $0.name == "serve" })
        #expect(listed == Set(serve.spec.visibleOptions.map(\.name)),
                "protocol.md lists \(listed.sorted()); tiq serve declares \(serve.spec.visibleOptions.map(\.name))")
    }
}

/// One example line of a command's `--help`.
struct HelpExample: Sendable, CustomStringConvertible {
    /// The command whose help shows it.
    let command: String
    /// Its position among that command's examples.
    let index: Int
    /// The shell text.
    let script: String

    var description: String { "tiq \(command) example \(index + 1)" }

    /// A fresh directory holding `work/` (where examples run, with `queries` linked from the
    /// package) and `shared` (linked to the package's `../shared`, for `../shared/data/...`).
    static func workspace() throws -> String {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("tiq-help-\(UUID().uuidString)").path
        try fm.createDirectory(atPath: dir + "/work", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: dir + "/work/queries", withDestinationPath: CLI.packageRoot + "/queries")
        try fm.createSymbolicLink(atPath: dir + "/shared", withDestinationPath: CLI.packageRoot + "/../shared")
        return dir
    }
}
