import TIQCore
import TIQEngine

/// An answer as a GitHub-flavoured markdown table, for reports: the same headers, numbers,
/// status marks and sparklines as the text table, then the legend, warnings and coverage.
public enum MarkdownFormatter {
    /// The markdown text.
    public static func format(_ table: ResultTable) -> String {
        let (columns, seen) = TableFormatter().displayColumns(table, rows: table.rowCount)
        guard !columns.isEmpty else { return "_no columns_\n" }
        var out = "| " + columns.map { escape($0.header) }.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { $0.rightAligned ? " ---: |" : " --- |" }.joined() + "\n"
        for r in 0..<table.rowCount {
            out += "| " + columns.map { escape(trailingSpacesTrimmed($0.cells[r])) }.joined(separator: " | ") + " |\n"
        }
        out += "\n"
        if let legend = StatusMarker.legend(seen) { out += "_" + escape(legend) + "_\n\n" }
        for w in table.warnings { out += "> **\(w.severity.rawValue) \(w.code)**: " + escape(w.message) + "\n\n" }
        out += "_" + TableFormatter.coverageLine(table) + "_\n"
        return out
    }

    /// A cell without the padding that aligns marks in the text table.
    static func trailingSpacesTrimmed(_ text: String) -> String {
        var t = Substring(text)
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }

    /// A cell with `|` and line breaks made harmless.
    static func escape(_ text: String) -> String {
        text.replacingAll("\\", with: "\\\\").replacingAll("|", with: "\\|").replacingAll("\n", with: " ")
    }
}
