import TIQCore
import TIQEngine
import TIQStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one query for `tiq query` and `tiq run`: prints the answer on stdout in the chosen format,
/// or the diagnostics on stderr, and returns the exit code.
struct QueryExecution {
    /// The engine to run on.
    var engine: Engine
    /// The output format.
    var format: OutputFormat
    /// The name shown after `-->` in diagnostics (`query`, or the file).
    var sourceName: String
    /// Title, subtitle, source and notes of a chart (`--format svg`).
    var chart = ChartOptions()
    /// The `--data` path (a dataset directory or a snapshot file), nil for the demo: where a
    /// map's contours are read.
    var dataPath: String?

    /// Runs `text`; 0 on success, 1 on a query failure (diagnostics on stderr).
    func execute(_ text: String) -> Int32 {
        let clock = ContinuousClock()
        let start = clock.now
        let table: ResultTable
        do {
            table = try engine.run(text)
        } catch {
            printError(DiagnosticRenderer(color: TerminalStyle.detect(fd: 2).color, sourceName: sourceName)
                .render(error.diagnostics, in: text))
            return ExitCode.failure
        }
        let elapsed = clock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let output: [UInt8]
        do {
            var options = chartOptions(for: text)
            if format == .map { options.map = mapOptions(level: table.level) }
            output = try format.bytes(table, style: TerminalStyle.detect(fd: 1), elapsedMs: ms, context: context(for: text),
                                      chart: options)
        } catch {
            printError("tiq: \(error)")
            return ExitCode.failure
        }
        POSIXIO.writeAll(1, output)
        if format != .table && format != .markdown && format != .json {
            // The answer stays clean for the file; what a person must know goes to stderr.
            for w in table.warnings { printError(w.description) }
        }
        return ExitCode.success
    }

    /// The catalog's source of each indicator `text` names, in catalog order.
    func sources(for text: String) -> [(code: String, source: String)] {
        let words = Set(text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
        return engine.snapshot.indicators.filter { words.contains($0.code) }.map { ($0.code, $0.source) }
    }

    /// The query, its sources and the snapshot, for the notes of a workbook.
    func context(for text: String) -> AnswerContext {
        AnswerContext(query: text, sources: sources(for: text), snapshot: engine.snapshot.id)
    }

    /// The chart options, with the source taken from the catalog when none was given: the
    /// distinct sources of the indicators the query names (`synthetic` for the demo).
    func chartOptions(for text: String) -> ChartOptions {
        var options = chart
        guard options.source == nil else { return options }
        var distinct: [String] = []
        for s in sources(for: text) where !distinct.contains(s.source) { distinct.append(s.source) }
        if !distinct.isEmpty { options.source = distinct.joined(separator: "; ") }
        return options
    }

    /// Loads the snapshot for `--data` (the demo when nil) and makes the execution, or returns
    /// the exit code of a failed load after printing why.
    static func prepare(data: String?, format: OutputFormat, sourceName: String, command: String) -> Result<QueryExecution, ExitStatus> {
        if !format.isText && isatty(1) == 1 {
            printError("tiq \(command): --format \(format.rawValue) writes a binary file, not shown on a terminal: redirect it (`> answer.\(format.rawValue)`)")
            return .failure(ExitStatus(code: ExitCode.usage))
        }
        switch SnapshotLoading.load(data) {
        case .success(let snapshot):
            return .success(QueryExecution(engine: Engine(snapshot: snapshot), format: format, sourceName: sourceName, dataPath: data))
        case .failure(let failure):
            printError("tiq \(command): cannot load \(data ?? "the demo"):\n\(failure)")
            return .failure(ExitStatus(code: ExitCode.dataError))
        }
    }
}

/// An exit code carried through a `Result`.
struct ExitStatus: Error {
    /// The code.
    var code: Int32
}

/// Writes `text` to stdout directly (unbuffered), so it is never reordered with stderr.
func writeOut(_ text: String) {
    POSIXIO.writeAll(1, Array(text.utf8))
}
