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
    /// A standalone SVG line chart of series.
    case svg

    /// The `--format` help of `tiq query`: one line per format.
    static let optionHelp = """
        table (default): aligned, units in headers, sparklines for series
        csv: RFC 4180, one column per period for series (x@2018), absent = empty
        json: the result object of the `query` method of `tiq serve`
        markdown: a table for reports
        svg: a line chart of series answers (one line per row)
        """

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
                       elapsedMs: Double = 0, snapshot: Int = 1) throws(SVGChart.NotChartable) -> String {
        switch self {
        case .table: return TableFormatter(style: style, maxRows: maxRows).format(table)
        case .csv: return CSVFormatter.format(table)
        case .json: return ResultJSON.text(table, elapsedMs: elapsedMs, snapshot: snapshot) + "\n"
        case .markdown: return MarkdownFormatter.format(table)
        case .svg: return try SVGChart().render(table)
        }
    }
}
