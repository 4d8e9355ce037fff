import TIQCore
import TIQEngine

/// An answer as RFC 4180 CSV: a header of column names, one record per row, CRLF line ends.
///
/// A series column becomes one column per period (`emploi_ind@2018`); numbers are plain (no
/// separators; `%` and `pp` as percent numbers, as on the wire); an absent value is empty.
/// Every number column is followed by its status column, named after it with `_status`
/// (`emploi_ind_status`, `emploi_ind@2018_status`): empty for a plain value, else the status
/// name as in `observations.csv` (`missing`, `secret`, `na`, `undefined`, `estimated`,
/// `provisional`, `break`, `imputed`, `partial`, `approx`).
public enum CSVFormatter {
    /// The suffix of a status column's name.
    public static let statusSuffix = "_status"

    /// The CSV text.
    public static func format(_ table: ResultTable) -> String {
        let cells = ResultCells(table: table)
        var header: [String] = []
        for c in table.columns {
            switch c.kind {
            case .series: header += table.periods.flatMap { ["\(c.name)@\($0)", "\(c.name)@\($0)" + statusSuffix] }
            case .number: header += [c.name, c.name + statusSuffix]
            case .text, .bool, .period: header.append(c.name)
            }
        }
        var out = record(header)
        func number(_ cell: (value: Double, status: ObservationStatus), _ unit: Unit) -> [String] {
            [NumberText.plain(cell.value, unit: unit), cell.status == .ok ? "" : cell.status.description]
        }
        for r in 0..<table.rowCount {
            var fields: [String] = []
            for c in table.columns {
                switch c.kind {
                case .number:
                    fields += number(cells.number(c, row: r), c.unit)
                case .series:
                    for t in table.periods.indices { fields += number(cells.number(c, row: r, period: t), c.unit) }
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
