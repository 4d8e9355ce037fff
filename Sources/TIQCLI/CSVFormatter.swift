import TIQCore
import TIQEngine

/// An answer as RFC 4180 CSV: a header of column names, one record per row, CRLF line ends.
///
/// A series column becomes one column per period (`emploi_ind@2018`); numbers are plain (no
/// separators; `%` and `pp` as percent numbers, as on the wire); an absent value is empty.
public enum CSVFormatter {
    /// The CSV text.
    public static func format(_ table: ResultTable) -> String {
        let cells = ResultCells(table: table)
        var header: [String] = []
        for c in table.columns {
            if c.kind == .series {
                header += table.periods.map { "\(c.name)@\($0)" }
            } else {
                header.append(c.name)
            }
        }
        var out = record(header)
        for r in 0..<table.rowCount {
            var fields: [String] = []
            for c in table.columns {
                switch c.kind {
                case .number:
                    fields.append(NumberText.plain(cells.number(c, row: r).value, unit: c.unit))
                case .series:
                    for t in table.periods.indices {
                        fields.append(NumberText.plain(cells.number(c, row: r, period: t).value, unit: c.unit))
                    }
                case .text, .bool, .period:
                    fields.append(cells.text(c, row: r) ?? "")
                }
            }
            out += record(fields)
        }
        return out
    }

    /// One record: fields joined by commas, quoted when they hold a comma, a quote or a line break.
    public static func record(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\r\n"
    }

    /// A field, quoted (with inner quotes doubled) when it must be.
    public static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement`, without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
