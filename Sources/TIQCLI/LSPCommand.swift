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

            Logs go to stderr. Ends at `exit` (code 0 after `shutdown`) or at the end of input.
            """,
        options: [
            .option("--data", "DIR|FILE", "the dataset directory or snapshot file to check and run against\n(default: the embedded demo)"),
        ])

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = ArgumentReader(arguments, spec: spec)
        let data = try args.option("--data")
        let extra = try args.finish()
        guard extra.isEmpty else {
            throw UsageError("unexpected argument `\(extra[0])`; give the dataset with --data DIR", command: name)
        }
        return LSPServer(loader: LSPEngineLoader(dataDirectory: data)).run()
    }
}
