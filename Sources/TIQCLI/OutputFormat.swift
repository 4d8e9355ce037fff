import TIQEngine
import TIQProtocol

/// How `tiq query`, `tiq run` and the REPL print an answer.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// An aligned text table with units, sparklines, warnings and coverage.
    case table
    /// RFC 4180 CSV, series expanded to one column per period.
    case csv
    /// The `query` method's JSON result, as `tiq serve` sends it.
    case json
    /// A markdown table.
    case markdown
    /// A standalone SVG chart: lines of series, small multiples, or bars for a ranking.
    case svg

    /// Reads `--format`, or fails with a usage error naming the choices.
    public static func parse(_ text: String?, command: String, allowed: [OutputFormat] = OutputFormat.allCases) throws -> OutputFormat {
        guard let text else { return .table }
        guard let f = OutputFormat(rawValue: text), allowed.contains(f) else {
            throw UsageError("--format is one of \(allowed.map(\.rawValue).joined(separator: "|")), got `\(text)`", command: command)
        }
        return f
    }

    /// The answer in this format, ending with a newline; fails only for `svg` of a non-series answer.
    public func render(_ table: ResultTable, style: TerminalStyle = .plain, maxRows: Int? = nil,
                       elapsedMs: Double = 0, snapshot: Int = 1, chart: ChartOptions = ChartOptions()) throws(SVGChart.NotChartable) -> String {
        switch self {
        case .table: return TableFormatter(style: style, maxRows: maxRows).format(table)
        case .csv: return CSVFormatter.format(table)
        case .json: return ResultJSON.text(table, elapsedMs: elapsedMs, snapshot: snapshot) + "\n"
        case .markdown: return MarkdownFormatter.format(table)
        case .svg: return try SVGChart(options: chart).render(table)
        }
    }
}
