import TIQCore
import TIQEngine
import TIQStore

/// The state of a REPL and what it does with one complete input: a query, or a meta command.
///
/// Shared by the terminal and the scripted (`tiq repl < file`) modes.
final class ReplSession {
    /// The engine queries run on.
    private(set) var engine: Engine
    /// How answers are printed.
    var format: OutputFormat
    /// Print each query's time.
    var timer = false
    /// Print the plan before each answer.
    var explainEach = false
    /// Colour on stdout and stderr.
    let out: TerminalStyle
    let err: TerminalStyle
    /// Rows printed in `table` format before the rest is counted (none in scripts).
    let maxRows: Int?
    /// Queries that failed, for the exit code of a script.
    private(set) var failures = 0
    private var nextSnapshotID = 2

    init(engine: Engine, format: OutputFormat, out: TerminalStyle, err: TerminalStyle, maxRows: Int?) {
        self.engine = engine
        self.format = format
        self.out = out
        self.err = err
        self.maxRows = maxRows
    }

    /// What follows handling an input.
    enum Next { case proceed, quit }

    /// Handles one complete input.
    func handle(_ input: String) -> Next {
        let trimmed = input.trimmingSpaces
        if trimmed.hasPrefix(".") { return meta(trimmed) }
        guard !Self.isBlank(trimmed) else { return .proceed }
        if explainEach { explain(trimmed) }
        runQuery(trimmed)
        return .proceed
    }

    /// Whether the text holds nothing but spaces and `#` comments.
    static func isBlank(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { line in
            let t = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            return t.isEmpty || t.hasPrefix("#")
        }
    }

    private func runQuery(_ text: String) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = CancellableQuery.run(engine, text)
        let elapsed = clock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        switch result {
        case .success(let table):
            do {
                writeOut(try format.render(table, style: out, maxRows: maxRows, elapsedMs: ms, snapshot: engine.snapshot.id))
                if format == .csv {
                    // CSV stays clean for a file or a paste; what a person must know goes to stderr.
                    for w in table.warnings { printError(err.yellow(w.description)) }
                }
            } catch {
                printError("\(error)")
                failures += 1
            }
        case .failure(let failure):
            failures += 1
            if failure.kind == .cancelled {
                printError(err.yellow("cancelled") + " (E402): the query was interrupted; back to the prompt")
            } else {
                printError(DiagnosticRenderer(color: err.color).render(failure.diagnostics, in: text))
            }
        }
        if timer { printError(err.dim("time: " + NumberText.fixed(ms, decimals: 1) + " ms")) }
    }

    private func explain(_ text: String) {
        do {
            let steps = try engine.explain(text)
            let width = steps.map(\.name.count).max() ?? 0
            var s = out.bold("plan") + "\n"
            for step in steps {
                s += "  " + step.name + String(repeating: " ", count: width - step.name.count) + "  " + step.detail
                if let rows = step.rows { s += out.dim("  (\(NumberText.grouped(String(rows))) rows)") }
                s += "\n"
            }
            writeOut(s)
        } catch {
            failures += 1
            printError(DiagnosticRenderer(color: err.color).render(error.diagnostics, in: text))
        }
    }

    // MARK: - Meta commands

    static let help = """
        Type a TQL query and press Enter; a line ending in `|`, `,` or an open parenthesis
        continues on the next line (…>); a line starting with `|` continues the query above and
        runs it again, whole; a pasted multi-line query runs once. Tab completes; ↑/↓ recall
        history; Ctrl-R searches it; Ctrl-C cancels a running query or clears the line; Ctrl-D quits.

          .help                     this help
          .load DIR                 load the dataset in DIR (.load demo: back to the demo)
          .format table|csv|json|markdown
                                    how answers are printed (csv: warnings on stderr)
          .explain QUERY            show the plan of QUERY without running it
          .explain                  toggle showing the plan before every answer
          .timer on|off             print the time each query takes
          .catalog                  the levels and indicators of the loaded data
          .quit                     leave (also Ctrl-D)

        TQL QUICK REFERENCE (docs/tql.md has it all, docs/tutorial.md a worked analysis)
          source    from x, y at LEVEL  ·  territories at LEVEL  ·  lookup "name" at LEVEL limit N
          stages    | where COND            | period 2018..2022        | derive c = EXPR, …
                    | agg c = AGG(x) by k   | rollup to LEVEL          | compare FLAG on EXPR
                    | did FLAG pre a..b post c..d on EXPR            | fill x with prev|next|linear|N
                    | top N by EXPR         | bottom N by EXPR         | sort k [asc|desc], …
                    | limit N               | show c, name = EXPR [as table|wide|long]  (last)
          values    x@2022 (one period)  x[2018..2022] (window)  5%  "text"  2018-Q3  true
          operators + - * /  == != < <= > >=  and or not  in ("a", "b")  name ~ "fuzzy"
          series    growth cagr change (x, a, b)  yoy diff (x)  index(x, base)  slope mean_over
                    sum_over (x, a..b)  first last (x)  complete all any (x, range)  coalesce(x, y)
          in agg    sum(x[, missing = skip])  ratio(num, den)  mean(x[, weight = w])  median
                    min max count()  ·  in derive: total share rank (x)
          example   from emploi_ind at epci | where complete(emploi_ind, 2018, 2022)
                      | compare ti1 on growth(sum(emploi_ind), 2018, 2022)
        """

    private func meta(_ line: String) -> Next {
        let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        let command = String(parts.first ?? "")
        let argument = parts.count > 1 ? String(parts[1]).trimmingSpaces : ""
        switch command {
        case ".help", ".h", ".?":
            writeOut(Self.help + "\n")
        case ".quit", ".exit", ".q":
            return .quit
        case ".format":
            let allowed: [OutputFormat] = [.table, .csv, .json, .markdown]
            if let f = OutputFormat(rawValue: argument), allowed.contains(f) {
                format = f
                printError("format: \(f.rawValue)")
            } else if argument.isEmpty {
                printError("format: \(format.rawValue) (choose with .format table|csv|json|markdown)")
            } else {
                failures += 1
                printError("unknown format `\(argument)`: use .format table|csv|json|markdown")
            }
        case ".timer":
            switch argument {
            case "on": timer = true
            case "off": timer = false
            case "": timer.toggle()
            default:
                failures += 1
                printError("use .timer on or .timer off")
                return .proceed
            }
            printError("timer: \(timer ? "on" : "off")")
        case ".explain":
            if argument.isEmpty {
                explainEach.toggle()
                printError("explain: \(explainEach ? "on (the plan is shown before every answer)" : "off")")
            } else {
                explain(argument)
            }
        case ".catalog":
            let s = engine.snapshot
            writeOut(CatalogCommand.table(s, s.indicators.indices.map { CatalogCommand.entry(s, IndicatorID($0)) }))
        case ".load":
            load(argument)
        default:
            failures += 1
            printError("unknown command `\(command)`; .help lists them")
        }
        return .proceed
    }

    private func load(_ directory: String) {
        let target = directory.isEmpty || directory == "demo" ? nil : directory
        switch SnapshotLoading.load(target, id: nextSnapshotID) {
        case .success(let snapshot):
            nextSnapshotID += 1
            engine = Engine(snapshot: snapshot)
            printError("loaded \(Self.describe(snapshot))")
        case .failure(let failure):
            failures += 1
            printError("cannot load \(target ?? "the demo"); keeping the current data:\n\(failure)")
        }
    }

    /// `the demo: 34,945 communes, 18 indicators`.
    static func describe(_ s: Snapshot) -> String {
        let communes = s.levels.first.map { "\(NumberText.grouped(String($0.count))) \($0.name)s" } ?? "no territories"
        return "\(s.origin): \(communes), \(s.indicators.count) indicators"
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
