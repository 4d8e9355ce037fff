import TIQCore
import TIQEngine
import TIQProtocol
import TIQWire

/// `tiq check FILE.tiq...`: checks queries without running them, like a compiler.
enum CheckCommand: Command {
    static let spec = CommandSpec(
        name: "check",
        summary: "check .tiq files for errors without running them (for CI and pre-commit)",
        arguments: "FILE.tiq...",
        discussion: """
            Parses and checks every FILE (`-` reads stdin) against the catalog of the embedded demo
            or of the dataset in DIR: syntax, names, types and units. Diagnostics are printed on
            stderr like a compiler's, with a caret under the error; a summary line follows. Exits 1
            when any file has an error (warnings alone exit 0), 65 when a file cannot be read.
            """,
        options: [
            .option("--data", "DIR", "the dataset (directory or snapshot file) whose catalog names are checked against"),
            .option("--format", "F", "table (default): rendered diagnostics on stderr\njson: [{\"file\": …, \"diagnostics\": [...]}] on stdout"),
        ],
        examples: ["tiq check queries/*.tiq"])

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = ArgumentReader(arguments, spec: spec)
        let data = try args.option("--data")
        let format = try OutputFormat.parse(try args.option("--format"), command: name, allowed: [.table, .json])
        let files = try args.finish()
        guard !files.isEmpty else { throw UsageError("give at least one .tiq file to check (or - for stdin)", command: name) }
        let engine: Engine
        switch SnapshotLoading.load(data) {
        case .success(let s): engine = Engine(snapshot: s)
        case .failure(let f):
            printError("tiq check: cannot load \(data ?? "the demo"):\n\(f)")
            return ExitCode.dataError
        }
        let renderer = DiagnosticRenderer(color: TerminalStyle.detect(fd: 2).color)
        var errors = 0, warnings = 0, unreadable = 0
        var report: [JSONValue] = []
        for file in files {
            let name = file == "-" ? "<stdin>" : file
            let text: String
            switch SourceText.read(file) {
            case .success(let t): text = t
            case .failure(let e):
                printError("tiq check: \(e)")
                unreadable += 1
                continue
            }
            let diagnostics = engine.check(text)
            errors += diagnostics.count { $0.severity == .error }
            warnings += diagnostics.count { $0.severity == .warning }
            if format == .json {
                report.append(.object([JSONMember("file", .string(name)), JSONMember("diagnostics", ResultJSON.diagnostics(diagnostics))]))
            } else if !diagnostics.isEmpty {
                var r = renderer
                r.sourceName = name
                printError(r.render(diagnostics, in: text) + "\n")
            }
        }
        if format == .json {
            var w = JSONWriter()
            w.value(.array(report))
            writeOut(w.text + "\n")
        }
        let checked = files.count - unreadable
        printError("checked \(checked) file\(checked == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        if errors > 0 { return ExitCode.failure }
        return unreadable > 0 ? ExitCode.dataError : ExitCode.success
    }
}
