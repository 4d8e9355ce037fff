import TIQServer

/// `tiq lsp`: a Language Server Protocol server for `.tiq` files on stdin/stdout.
enum LSPCommand: Command {
    static let spec = CommandSpec(
        name: "lsp",
        summary: "serve .tiq files to editors over the Language Server Protocol (stdin/stdout)",
        discussion: """
            Speaks the Language Server Protocol (Content-Length framing) on stdin/stdout, for any
            editor with an LSP client (set-up notes for VS Code, Neovim and Helix are in editors/).
            A .tiq document holds one or more queries separated by blank lines (a line starting
            with `|` continues the query above it). The server offers:

              diagnostics   every query checked as you type (syntax, names, types, units)
              completion    keywords, indicators, levels, attributes, functions, territories
              hover         an indicator's definition, unit, levels, periods and source
              tiq.runQuery  workspace/executeCommand with arguments [uri, line]: runs the query
                            around that 0-based line and returns its table as text

            Requests are answered concurrently: completion and hover at once, a query run on a
            worker (cancel it with $/cancelRequest), and diagnostics on a thread of their own, so a
            long check never holds up a hover. A document over 4 MiB is not checked (one
            diagnostic says to split it). Logs go to stderr; stray output never reaches the
            protocol stream. Ends at `exit` (code 0 after `shutdown`, else 1) or at the end of input.
            """,
        options: [
            .option("--data", "DIR|FILE", "the dataset directory or snapshot file to check and run against\n(default: the embedded demo)"),
            .flag("--test-methods", "test-only: $/test/sleep and $/test/print", hidden: true),
            .option("--test-check-delay-ms", "N", "test-only: the least duration of every check", hidden: true),
        ])

    static func run(_ arguments: [String]) throws -> Int32 {
        try run(arguments, transport: .standardIO)
    }

    /// Runs the language server on `transport`: stdin/stdout for `tiq lsp`, a pair of pipes in
    /// the in-process tests.
    static func run(_ arguments: [String], transport: EndpointTransport) throws -> Int32 {
        var args = ArgumentReader(arguments, spec: spec)
        let data = try args.option("--data")
        // Hidden, test-only: $/test/sleep and $/test/print, and a least duration of every check.
        let testMethods = args.flag("--test-methods")
        let checkDelayMs = try args.intOption("--test-check-delay-ms") ?? 0
        let extra = try args.finish()
        guard extra.isEmpty else {
            throw UsageError("unexpected argument `\(extra[0])`; give the dataset with --data DIR", command: name)
        }
        let loader = LSPEngineLoader(dataDirectory: data)
        let configuration = EndpointConfiguration(name: "tiq lsp", framing: .contentLength, maxMessageBytes: 64 << 20,
                                                  workers: 2, messageLimitHint: "split the document")
        return Endpoint.run(configuration, transport: transport) { connection in
            LSPMethods(loader: loader, connection: connection, testMethods: testMethods, checkDelayMs: max(0, checkDelayMs))
        }
    }
}
