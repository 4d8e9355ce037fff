/// `tiq run FILE.tiq`: runs the query in a file and prints the answer.
enum RunCommand: Command {
    static let spec = CommandSpec(
        name: "run",
        summary: "run the TQL query in a .tiq file (- for stdin)",
        arguments: "FILE.tiq",
        discussion: """
            Runs the query in FILE (`#` comments allowed; `-` reads stdin) on the embedded demo or
            on the dataset in DIR, and prints the answer on stdout. Diagnostics name the file and
            line, with a caret under the error; a failing query exits 1.
            """,
        options: [
            .option("--data", "DIR", "a dataset directory, or a snapshot file written by `tiq snapshot`"),
            .option("--format", "F", "table (default), csv, json, markdown or svg (see `tiq query --help`)"),
        ],
        examples: ["tiq run --format csv queries/10-index-2018.tiq > index.csv"])

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = ArgumentReader(arguments, spec: spec)
        let data = try args.option("--data")
        let format = try OutputFormat.parse(try args.option("--format"), command: name)
        let rest = try args.finish()
        guard rest.count == 1 else {
            throw UsageError(rest.isEmpty ? "give one .tiq file to run (or - for stdin)" : "expected one file, got \(rest.count); use `tiq check` for several", command: name)
        }
        let text: String
        switch SourceText.read(rest[0]) {
        case .success(let t): text = t
        case .failure(let e):
            printError("tiq run: \(e)")
            return ExitCode.dataError
        }
        let sourceName = rest[0] == "-" ? "<stdin>" : rest[0]
        switch QueryExecution.prepare(data: data, format: format, sourceName: sourceName, command: name) {
        case .success(let execution): return execution.execute(text)
        case .failure(let status): return status.code
        }
    }
}
