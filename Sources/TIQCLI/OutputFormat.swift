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
    /// A standalone SVG choropleth of one column, at a level with contours.
    case map
    /// An Excel workbook: data, statuses and notes sheets (binary: never written to a terminal).
    case xlsx

    /// The `--format` help of `tiq query`: one line per format.
    static let optionHelp = """
        table (default): aligned, units in headers, sparklines for series
        csv: RFC 4180, one column per period for series (x@2018), absent = empty
        json: the result object of the `query` method of `tiq serve`
        markdown: a table for reports
        svg: a chart: lines for series (small multiples beyond 12 rows),
        bars for a label and a number per row
        map: an svg choropleth of one column at a level with contours
        (the demo: dept, region; see tiq import contours)
        xlsx: an Excel workbook (data with units, statuses, notes); redirect to a file
        """

    /// Reads `--format`, or fails with a usage error naming the choices.
    public static func parse(_ text: String?, command: String, allowed: [OutputFormat] = OutputFormat.allCases) throws -> OutputFormat {
        guard let text else { return .table }
        guard let f = OutputFormat(rawValue: text), allowed.contains(f) else {
            throw UsageError("--format is one of \(allowed.map(\.rawValue).joined(separator: "|")), got `\(text)`", command: command)
        }
        return f
    }

    /// Why a binary format cannot be rendered as text.
    public struct NotText: Error, CustomStringConvertible {
        /// The format asked for.
        public var format: OutputFormat
        public var description: String { "--format \(format.rawValue) is a binary file: write it with `tiq query` or `tiq run` and `> answer.\(format.rawValue)`" }
    }

    /// Whether the answer is text (every format but `xlsx`).
    public var isText: Bool { self != .xlsx }

    /// The answer as the bytes to write: the text of `render`, or the workbook for `xlsx`.
    func bytes(_ table: ResultTable, style: TerminalStyle = .plain, elapsedMs: Double = 0,
               context: AnswerContext = AnswerContext(), chart: ChartOptions = ChartOptions()) throws -> [UInt8] {
        if self == .xlsx { return try XLSXFormatter.workbook(table, context: context) }
        return Array(try render(table, style: style, elapsedMs: elapsedMs, snapshot: context.snapshot, chart: chart).utf8)
    }

    /// The answer in this format, ending with a newline; fails for `svg` of an answer with
    /// nothing to draw, and for the binary `xlsx` (see `bytes`).
    public func render(_ table: ResultTable, style: TerminalStyle = .plain, maxRows: Int? = nil,
                       elapsedMs: Double = 0, snapshot: Int = 1, chart: ChartOptions = ChartOptions()) throws -> String {
        switch self {
        case .table: return TableFormatter(style: style, maxRows: maxRows).format(table)
        case .csv: return CSVFormatter.format(table)
        case .json: return ResultJSON.text(table, elapsedMs: elapsedMs, snapshot: snapshot) + "\n"
        case .markdown: return MarkdownFormatter.format(table)
        case .svg: return try SVGChart(options: chart).render(table)
        case .map: return try SVGMap(options: chart).render(table)
        case .xlsx: throw NotText(format: self)
        }
    }
}
