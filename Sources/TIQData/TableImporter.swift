import TIQCore
import TIQStore

/// Imports one indicator table, in long form (one row per territory and period) or wide form
/// (one column per period), into a dataset directory: the catalog row goes to
/// `indicators.csv` and the values to `observations.csv`, replacing any earlier import of
/// the same indicator code and keeping everything else.
public enum TableImporter {
    /// One parsed observation of the table.
    public struct Row: Sendable {
        /// The territory code (zero-padded for `commune`, `dept`, `region` when numeric and short).
        public var code: String
        /// The period.
        public var period: Period
        /// The value, NaN when absent.
        public var value: Double
        /// Its status.
        public var status: ObservationStatus
    }

    /// The parsed table: the catalog row, the observations and the territory names seen.
    public struct Table: Sendable {
        /// The catalog row.
        public var indicator: IndicatorRecord
        /// The observations.
        public var rows: [Row]
        /// Territory code → name, from `nameColumn` (empty when not given).
        public var names: [String: String]
    }

    /// Reads and checks the table described by `options`.
    public static func read(_ options: TableImportOptions) throws(DataError) -> Table {
        let table = try DelimitedText.read(options.file)
        let tc = try table.column(options.territoryColumn)
        let nc = try options.nameColumn.map { c throws(DataError) in try table.column(c) }
        var filters: [(Int, String)] = []
        for f in options.filters { filters.append((try table.column(f.column), f.value)) }
        var rows: [Row] = []
        var names: [String: String] = [:]
        var seen = Set<String>()

        func add(_ record: (line: Int, fields: [String]), code rawCode: String, periodText: String, valueText: String,
                 column: String) throws(DataError) {
            let where_ = "\(table.path):\(record.line)"
            let code = normalized(rawCode.trimmingSpaces, level: options.level)
            guard !code.isEmpty else {
                throw DataError("empty territory code in column `\(options.territoryColumn)`", at: where_)
            }
            guard let period = Period(periodText.trimmingSpaces) else {
                throw DataError("`\(periodText)` is not a period", at: where_,
                                fix: "periods look like 2020, 2020-Q1, 2020-S1, 2020-01 or a date 2020-01-31")
            }
            guard let (value, status) = CellValue.parse(valueText) else {
                throw DataError("`\(valueText)` in column `\(column)` is not a number", at: where_,
                                fix: "write a number (decimal comma or point), or leave it empty when absent")
            }
            guard seen.insert("\(code)|\(period)").inserted else {
                throw DataError("territory `\(code)` has two values for \(period)", at: where_,
                                fix: "keep one row per territory and period, or filter with --filter column=value")
            }
            if let nc, nc < record.fields.count { names[code] = record.fields[nc] }
            rows.append(Row(code: code, period: period, value: value, status: status))
        }

        let records = table.records.filter { r in filters.allSatisfy { $0.0 < r.fields.count && r.fields[$0.0] == $0.1 } }
        if options.wide {
            let periodColumns = table.header.indices.filter { $0 != tc && Period(table.header[$0]) != nil }
            guard !periodColumns.isEmpty else {
                throw DataError("no column is headed by a period", at: table.path,
                                fix: "a wide table has one column per period headed 2015, 2016, …; the columns are: \(table.header.joined(separator: ", "))")
            }
            for r in records {
                let code = try table.field(r, tc)
                for c in periodColumns {
                    try add(r, code: code, periodText: table.header[c], valueText: try table.field(r, c), column: table.header[c])
                }
            }
        } else {
            guard let periodName = options.periodColumn else {
                throw DataError("a long table needs --period-column (or --wide for one column per period)", at: table.path)
            }
            let pc = try table.column(periodName)
            let vc: Int
            if let v = options.valueColumn {
                vc = try table.column(v)
            } else {
                let used = Set([tc, pc] + (nc.map { [$0] } ?? []) + filters.map(\.0))
                let rest = table.header.indices.filter { !used.contains($0) }
                let numeric = rest.filter { c in records.prefix(50).allSatisfy { c < $0.fields.count && CellValue.parse($0.fields[c]) != nil } }
                guard numeric.count == 1 else {
                    throw DataError("cannot tell which column holds the values", at: table.path,
                                    fix: "name it with --value-column; candidates: \((numeric.isEmpty ? rest : numeric).map { table.header[$0] }.joined(separator: ", "))")
                }
                vc = numeric[0]
            }
            for r in records {
                try add(r, code: try table.field(r, tc), periodText: try table.field(r, pc), valueText: try table.field(r, vc),
                        column: table.header[vc])
            }
        }
        guard let first = rows.first else {
            throw DataError("no observation in the table", at: table.path, fix: "check --filter and the column names")
        }
        if let odd = rows.first(where: { $0.period.frequency != first.period.frequency }) {
            throw DataError("periods mix frequencies: \(first.period) and \(odd.period)", at: table.path,
                            fix: "import each frequency as its own indicator")
        }
        let fileName = String(options.file.split(separator: "/").last ?? Substring(options.file))
        let indicator = IndicatorRecord(code: options.indicator, name: options.name ?? options.indicator, unit: options.unit,
                                        aggregate: options.aggregate, frequency: first.period.frequency.letter,
                                        source: options.source ?? fileName, description: options.description)
        return Table(indicator: indicator, rows: rows, names: names)
    }

    /// Reads the table and merges it into the dataset directory `directory` (created if needed).
    public static func importTable(_ options: TableImportOptions, into directory: String) throws(DataError) -> TableImportSummary {
        let table = try read(options)
        try FileIO.makeDirectory(directory)
        var summary = TableImportSummary()
        let codes = Set(table.rows.map(\.code))
        let known = try DatasetFiles.territoryCodes(in: directory, level: options.level)
        let unknown = codes.subtracting(known).sorted()
        var rows = table.rows
        if !unknown.isEmpty {
            if options.addTerritories {
                let added = unknown.map { TerritoryRecord(level: options.level, code: $0, name: table.names[$0] ?? $0) }
                try DatasetFiles.appendTerritories(added, in: directory)
                summary.addedTerritories = added.count
            } else if options.skipUnknown {
                let drop = Set(unknown)
                rows.removeAll { drop.contains($0.code) }
                summary.skippedRows = table.rows.count - rows.count
            } else {
                throw DataError("\(unknown.count) territories of level `\(options.level)` are not in \(directory)/territories.csv (\(unknown.prefix(5).joined(separator: ", "))\(unknown.count > 5 ? ", …" : ""))",
                                at: options.file,
                                fix: "check --level and --territory-column, declare them with --add-territories (and --name-column), or drop them with --skip-unknown")
            }
        }
        summary.replaced = try DatasetFiles.upsertIndicator(table.indicator, in: directory)
        var keys: [String] = []
        var keyIndex: [String: Int] = [:]
        var cells: [(territory: Int, period: Period, value: Double, status: ObservationStatus)] = []
        cells.reserveCapacity(rows.count)
        for r in rows {
            let key = options.level + ":" + r.code
            let k: Int
            if let i = keyIndex[key] { k = i } else { k = keys.count; keyIndex[key] = k; keys.append(key) }
            cells.append((k, r.period, r.value, r.status))
        }
        try DatasetFiles.replaceObservations(of: options.indicator, in: directory, territoryKeys: keys, cells: cells)
        summary.observations = rows.count
        summary.territories = Set(rows.map(\.code)).count
        let periods = rows.map(\.period)
        summary.firstPeriod = periods.min().map(String.init(describing:)) ?? ""
        summary.lastPeriod = periods.max().map(String.init(describing:)) ?? ""
        summary.frequency = table.indicator.frequency
        return summary
    }

    /// Pads short numeric codes to their INSEE width: communes 5, départements and régions 2.
    static func normalized(_ code: String, level: String) -> String {
        let width = ["commune": 5, "dept": 2, "region": 2][level]
        guard let width, code.count < width, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else { return code }
        return String(repeating: "0", count: width - code.count) + code
    }
}
