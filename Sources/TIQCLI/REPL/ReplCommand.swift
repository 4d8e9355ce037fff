import TIQCore
import TIQEngine
import TIQStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `tiq repl`: the interactive shell, or a line-by-line script reader when
/// stdin is not a terminal.
enum ReplCommand: Command {
    static let spec = CommandSpec(
        name: "repl",
        summary: "interactive TQL shell on the demo or a dataset",
        discussion: """
            An interactive shell: type TQL queries, get aligned tables with units, sparklines,
            warnings and coverage. Line editing (arrows, Home/End, Ctrl-A/E/K/U/W), history kept
            across sessions in $XDG_STATE_HOME/tiq/history (or ~/.local/state/tiq/history), Ctrl-R
            to search it, Tab to complete, multi-line queries (a line ending in `|`, `,` or an open
            parenthesis continues; a line starting with `|` continues the query above and runs it
            again, whole). A pasted multi-line query runs once. Ctrl-C cancels a running query;
            Ctrl-D quits. Type .help for the meta commands (.load, .format, .explain, .timer,
            .catalog, .quit) and a TQL quick reference. With .format csv, warnings go to stderr.

            With stdin not a terminal (`tiq repl < queries.tiq`), reads queries line by line with the
            same continuation rules (and a line starting with `|` continues the query above; a blank
            line ends it), prints plain output, and exits 1 if any query failed.
            """,
        options: [
            .option("--data", "DIR", "load the dataset in DIR (or a snapshot file) instead of the embedded demo"),
            .option("--format", "F", "table (default), csv, json or markdown"),
            .flag("--no-history", "neither read nor write the history file"),
            MemoryBudgetOption.spec,
        ],
        examples: ["printf 'from emploi_ind at region\\n| top 3 by emploi_ind@2022\\n' | tiq repl --no-history"])

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = ArgumentReader(arguments, spec: spec)
        let budget = try MemoryBudgetOption.read(&args, command: name)
        return try MemoryBudget.$current.withValue(budget) { try run(reading: &args) }
    }

    /// The command once its memory budget is bound.
    private static func run(reading args: inout ArgumentReader) throws -> Int32 {
        let data = try args.option("--data")
        let format = try OutputFormat.parse(try args.option("--format"), command: name, allowed: [.table, .csv, .json, .markdown])
        let noHistory = args.flag("--no-history")
        let rest = try args.finish()
        guard rest.isEmpty else {
            throw UsageError("unexpected argument `\(rest[0])`; to run a file use `tiq run FILE` or `tiq repl < FILE`", command: name)
        }
        let interactive = isatty(0) == 1
        let snapshot: Snapshot
        switch SnapshotLoading.load(data) {
        case .success(let s): snapshot = s
        case .failure(let f):
            printError("tiq repl: cannot load \(data ?? "the demo"):\n\(f)")
            return ExitCode.dataError
        }
        let session = ReplSession(engine: Engine(snapshot: snapshot), format: format,
                                  out: interactive ? TerminalStyle.detect(fd: 1) : .plain,
                                  err: interactive ? TerminalStyle.detect(fd: 2) : .plain,
                                  maxRows: interactive ? 100 : nil)
        if interactive {
            CancellableQuery.installSignalHandler(whenIdle: .ignore)
            let history = History(path: noHistory ? nil : History.defaultPath)
            return interactiveLoop(session, history: history)
        }
        CancellableQuery.installSignalHandler(whenIdle: .exit)
        return scriptLoop(session)
    }

    /// Prompts, edits, runs; until `.quit` or Ctrl-D.
    static func interactiveLoop(_ session: ReplSession, history: History) -> Int32 {
        writeOut("tiq \(TIQVersion.string) — \(ReplSession.describe(session.engine.snapshot)). Type .help for help, Ctrl-D to quit.\n")
        var editor = LineEditor(history: history) { [session] text, cursor in
            session.engine.complete(text, cursor: cursor).map { (label: $0.label, insert: $0.insertText, replace: $0.replace) }
        }
        var lines = InteractiveLines()
        while true {
            let prompt = session.out.bold(lines.isEmpty ? "tiq> " : "…> ")
            switch editor.readLine(prompt: prompt, context: lines.text) {
            case .endOfInput:
                if let text = lines.take(), session.handle(text) == .quit { return ExitCode.success }
                return ExitCode.success
            case .interrupted:
                lines = InteractiveLines(last: lines.last)
            case .line(let line):
                for text in lines.add(line, moreFollows: editor.moreFollows) {
                    editor.history.add(text)
                    if session.handle(text) == .quit { return ExitCode.success }
                }
            }
        }
    }

    /// Reads stdin line by line; each complete query is run and its answer printed plainly.
    static func scriptLoop(_ session: ReplSession) -> Int32 {
        var pending: [String] = []
        var first = true
        func flush() -> ReplSession.Next {
            defer { pending = [] }
            let text = pending.joined(separator: "\n")
            guard !ReplSession.isBlank(text) else { return .proceed }
            let isQuery = !text.trimmingSpaces.hasPrefix(".")
            if isQuery && !first && (session.format == .table || session.format == .markdown) { writeOut("\n") }
            if isQuery { first = false }
            return session.handle(text)
        }
        while let line = readLine(strippingNewline: true) {
            let trimmed = line.trimmingSpaces
            if pending.isEmpty {
                if trimmed.isEmpty { continue }
                pending = [line]
            } else if Continuation.needsMore(pending.joined(separator: "\n")) || trimmed.hasPrefix("|")
                        || (trimmed.hasPrefix("#") && !pending[0].trimmingSpaces.hasPrefix(".")) {
                pending.append(line)
                continue
            } else {
                if flush() == .quit { return exitCode(session) }
                if !trimmed.isEmpty { pending = [line] }
                continue
            }
            if trimmed.hasPrefix(".") {
                if flush() == .quit { return exitCode(session) }
            }
        }
        _ = flush()
        return exitCode(session)
    }

    private static func exitCode(_ session: ReplSession) -> Int32 {
        session.failures > 0 ? ExitCode.failure : ExitCode.success
    }
}
