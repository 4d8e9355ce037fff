import TIQCore
import TIQEngine

/// An answer as a GitHub-flavoured markdown table, for reports: the same headers, numbers,
/// absence markers and sparklines as the text table, then the legend, warnings and coverage.
public enum MarkdownFormatter {
    /// The markdown text.
    public static func format(_ table: ResultTable) -> String {
        let (columns, absences) = TableFormatter().displayColumns(table, rows: table.rowCount)
        guard !columns.isEmpty else { return "_no columns_\n" }
        var out = "| " + columns.map { escape($0.header) }.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { $0.rightAligned ? " ---: |" : " --- |" }.joined() + "\n"
        for r in 0..<table.rowCount {
            out += "| " + columns.map { escape($0.cells[r]) }.joined(separator: " | ") + " |\n"
        }
        out += "\n"
        if let legend = AbsenceMarker.legend(absences) { out += "_" + escape(legend) + "_\n\n" }
        for w in table.warnings { out += "> **\(w.severity.rawValue) \(w.code)**: " + escape(w.message) + "\n\n" }
        out += "_" + TableFormatter.coverageLine(table) + "_\n"
        return out
    }

    /// A cell with `|` and line breaks made harmless.
    static func escape(_ text: String) -> String {
        text.replacingAll("\\", with: "\\\\").replacingAll("|", with: "\\|").replacingAll("\n", with: " ")
    }
}
