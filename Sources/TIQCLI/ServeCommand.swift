import Foundation
import TIQCore
import TIQLanguage
import TIQServer
import TIQStore

/// `tiq serve`: the JSON-RPC 2.0 daemon on stdin/stdout (protocol.md).
enum ServeCommand: Command {
    static let spec = CommandSpec(
        name: "serve",
        summary: "answer TQL over line-delimited JSON-RPC 2.0 on stdin/stdout",
        discussion: """
            Reads one JSON-RPC 2.0 message per line on stdin and writes one reply per line on stdout
            (protocol.md describes every method). Logs go to stderr. Ends at `exit`, end of input,
            SIGTERM or SIGINT; SIGHUP reloads the dataset, SIGUSR1 logs a status line.
            """,
        options: [
            .option("--data", "DIR", "serve the dataset in DIR (default: the embedded demo)"),
            .option("--snapshot", "FILE", "serve the store saved in FILE by `tiq snapshot` (opens in a fraction of a CSV load)"),
            .option("--data-root", "DIR", "allow the `load` method to read datasets under DIR (repeatable;\nwith none, `load` is refused)", repeatable: true),
            .option("--timeout-ms", "N", "time limit of every request, counted from its arrival; params.timeoutMs may lower it,\nnot raise it (default 0: none)"),
            .option("--max-message-bytes", "N", "longest message accepted, in bytes (default 16777216)"),
            .option("--max-depth", "N", "deepest JSON nesting accepted, 1-1000 (default 64)"),
            .option("--max-query-bytes", "N", "longest query text (params.q) accepted, in bytes (default 65536)"),
            .option("--max-query-depth", "N", "deepest nesting of operators, calls and parentheses in a query, 1-1000 (default 100)"),
            .option("--max-result-cells", "N", "most cells a query answer may hold before error E401 (default 5000000)"),
            MemoryBudgetOption.spec,
            .option("--max-concurrent", "N", "most requests in flight; beyond, reading pauses (back-pressure) (default 64)"),
            .option("--workers", "N", "threads running queries, explains and loads (default: CPU count, at least 2)"),
            .option("--inline-query-us", "N", "answer a query on the reader thread when its text took under N µs on the\ncurrent snapshot last time (default 200; 0: always on a worker)"),
            .flag("--test-methods", "serve the test-only methods $/test/* (protocol.md, \"Test-only methods\")", hidden: true),
        ],
        examples: [#"echo '{"jsonrpc":"2.0","id":1,"method":"status"}' | tiq serve"#])

    static func run(_ arguments: [String]) throws -> Int32 {
        try run(arguments, transport: .standardIO)
    }

    /// Runs the daemon on `transport`: stdin/stdout for `tiq serve`, a pair of pipes in the
    /// in-process tests, which thus parse the same options as the command line.
    static func run(_ arguments: [String], transport: EndpointTransport) throws -> Int32 {
        var args = ArgumentReader(arguments, spec: spec)
        var config = ServerConfiguration(version: TIQVersion.string)
        config.dataDirectory = try args.option("--data")
        config.dataRoots = try args.options("--data-root")
        let snapshotFile = try args.option("--snapshot")
        config.defaultTimeoutMs = try positive(args.intOption("--timeout-ms"), "--timeout-ms", allowZero: true) ?? 0
        config.maxMessageBytes = try positive(args.intOption("--max-message-bytes"), "--max-message-bytes") ?? config.maxMessageBytes
        config.maxDepth = try positive(args.intOption("--max-depth"), "--max-depth") ?? config.maxDepth
        guard ServerConfiguration.maxDepthRange.contains(config.maxDepth) else {
            throw UsageError("--max-depth must be between 1 and \(ServerConfiguration.maxDepthRange.upperBound), got \(config.maxDepth)", command: name)
        }
        config.maxQueryBytes = try positive(args.intOption("--max-query-bytes"), "--max-query-bytes") ?? config.maxQueryBytes
        config.maxQueryDepth = try positive(args.intOption("--max-query-depth"), "--max-query-depth") ?? config.maxQueryDepth
        guard TQLParser.depthLimitRange.contains(config.maxQueryDepth) else {
            throw UsageError("--max-query-depth must be between \(TQLParser.depthLimitRange.lowerBound) and \(TQLParser.depthLimitRange.upperBound), got \(config.maxQueryDepth)", command: name)
        }
        config.inlineQueryMicroseconds = try positive(args.intOption("--inline-query-us"), "--inline-query-us", allowZero: true) ?? config.inlineQueryMicroseconds
        config.maxResultCells = try positive(args.intOption("--max-result-cells"), "--max-result-cells") ?? config.maxResultCells
        config.memoryBudget = try MemoryBudgetOption.read(&args, command: name)
        config.maxConcurrent = try positive(args.intOption("--max-concurrent"), "--max-concurrent") ?? config.maxConcurrent
        config.workers = try positive(args.intOption("--workers"), "--workers")
            ?? max(2, ProcessInfo.processInfo.activeProcessorCount)
        // Hidden, test-only: enables $/test/sleep and $/test/print (see protocol.md, "Testing").
        config.testMethods = args.flag("--test-methods")
        let extra = try args.finish()
        guard extra.isEmpty else {
            throw UsageError("unexpected argument `\(extra[0])`; give the dataset with --data DIR", command: name)
        }
        // The initial load obeys the budget too; requests bind it themselves (`DaemonMethods`).
        return try MemoryBudget.$current.withValue(config.memoryBudget) { try start(config, snapshotFile: snapshotFile) }
    }

    /// Loads the initial snapshot and serves it.
    private static func start(_ configuration: ServerConfiguration, snapshotFile: String?) throws -> Int32 {
        var config = configuration
        if let snapshotFile {
            guard config.dataDirectory == nil else {
                throw UsageError("give either --data DIR or --snapshot FILE, not both", command: name)
            }
            config.snapshotFile = snapshotFile
            do {
                return Server.run(configuration: config, snapshot: try SnapshotSource.initial(snapshotFile: snapshotFile),
                                  transport: transport)
            } catch {
                printError("tiq serve: \(error.description)")
                return ExitCode.dataError
            }
        }
        let snapshot: Snapshot
        do {
            snapshot = try SnapshotSource.initial(dataDirectory: config.dataDirectory)
        } catch {
            printError("tiq serve: cannot load \(config.dataDirectory ?? "the demo"):\n\(error.description)")
            return ExitCode.dataError
        }
        return Server.run(configuration: config, snapshot: snapshot, transport: transport)
    }

    private static func positive(_ value: Int?, _ option: String, allowZero: Bool = false) throws -> Int? {
        guard let value else { return nil }
        guard value > 0 || (allowZero && value == 0) else {
            throw UsageError("\(option) must be \(allowZero ? "0 or more" : "at least 1"), got \(value)", command: name)
        }
        return value
    }
}
