import TIQCore

/// `tiq run FILE.tiq...`: runs the query in each file and prints the answers.
enum RunCommand: Command {
    static let spec = CommandSpec(
        name: "run",
        summary: "run the TQL query in one or more .tiq files (- for stdin)",
        arguments: "FILE.tiq...",
        discussion: """
            Runs the query in each FILE (`#` comments allowed; `-` reads stdin) on the embedded demo
            or on the dataset in DIR, and prints each answer on stdout. With several files, each
            answer is preceded by a `==> FILE <==` line (on stdout for table and markdown, on stderr
            for the other formats) and separated from the next by an empty line; every file runs even
            when one fails. Diagnostics name the file and line, with a caret under the error; exits 1
            when any query failed, 65 when a file cannot be read.
            """,
        options: [
            .option("--data", "DIR", "a dataset directory, or a snapshot file written by `tiq snapshot`"),
            .option("--format", "F", "table (default), csv, json, markdown, svg, map or xlsx (see `tiq query --help`)"),
            MemoryBudgetOption.spec,
        ] + ChartOptions.specs,
        examples: [
            "tiq run --format csv queries/10-index-2018.tiq > index.csv",
            "tiq run queries/*.tiq > answers.txt",
        ])

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = ArgumentReader(arguments, spec: spec)
        let budget = try MemoryBudgetOption.read(&args, command: name)
        return try MemoryBudget.$current.withValue(budget) { try run(reading: &args) }
    }

    /// The command once its memory budget is bound.
    private static func run(reading args: inout ArgumentReader) throws -> Int32 {
        let data = try args.option("--data")
        let format = try OutputFormat.parse(try args.option("--format"), command: name)
        let chart = try ChartOptions.read(&args, command: name)
        let files = try args.finish()
        guard !files.isEmpty else { throw UsageError("give a .tiq file to run (or - for stdin)", command: name) }
        guard files.filter({ $0 == "-" }).count <= 1 else { throw UsageError("stdin (-) can be read once", command: name) }
        guard format.isText || files.count == 1 else {
            throw UsageError("--format \(format.rawValue) writes one file per answer: run each .tiq file on its own", command: name)
        }
        var execution: QueryExecution
        switch QueryExecution.prepare(data: data, format: format, sourceName: files[0], command: name) {
        case .success(let e): execution = e
        case .failure(let status): return status.code
        }
        execution.chart = chart
        var worst = ExitCode.success
        for (i, file) in files.enumerated() {
            if files.count > 1 {
                if i > 0 { writeOut("\n") }
                if format == .table || format == .markdown { writeOut("==> \(file) <==\n") } else { printError("==> \(file) <==") }
            }
            let text: String
            switch SourceText.read(file) {
            case .success(let t): text = t
            case .failure(let e):
                printError("tiq run: \(e)")
                worst = max(worst, ExitCode.dataError)
                continue
            }
            execution.sourceName = file == "-" ? "<stdin>" : file
            let code = execution.execute(text)
            if code != ExitCode.success && worst == ExitCode.success { worst = code }
        }
        return worst
    }
}
