import TIQCore
import TIQStore

/// Imports the Open Urssaf files of private-sector employer establishments and salaried jobs
/// by commune × APE (open.urssaf.fr, dataset `etablissements-et-effectifs-salaries-au-niveau-commune-x-ape-last`
/// and its quarterly counterparts), streaming, into commune-level indicators:
///
/// - `<prefix>_jobs`, `<prefix>_jobs_industry` (NAF sections B-E), `<prefix>_jobs_manufacturing` (C);
/// - `<prefix>_estab`, `<prefix>_estab_industry`, `<prefix>_estab_manufacturing`.
///
/// Layouts read (header names matched without case, accents or punctuation, so both the
/// portal's labels `Code commune`, `Nombre d'établissements 2006` and its field names
/// `code_commune`, `nombre_d_etablissements_2006` work):
///
/// - **wide**: `code_commune`, `code_ape` (or `ape`), then one column per measure and period:
///   `nombre_d_etablissements_YYYY` / `effectifs_salaries_YYYY` (yearly, end of year), or with a
///   quarter suffix `YYYYT1`…`YYYYT4` (quarterly);
/// - **long**: one row per commune × APE × quarter, the period in `dernier_jour_du_trimestre`
///   (a date) or in `annee` + `trimestre`, the values in `effectifs_salaries[_brut]` and
///   `nombre_d_etablissements[_brut]`.
///
/// Other columns (région, EPCI, labels, NA17/NA38/NA88 sectors) are ignored: the section
/// comes from the APE code through `NAFSections`, the one mapping.
public enum UrssafImporter {
    /// How to import.
    public struct Options: Sendable {
        /// The Urssaf file.
        public var file: String
        /// The indicator code prefix (`urssaf`).
        public var prefix = "urssaf"
        /// Drop rows of communes the dataset lacks (counted) instead of failing.
        public var skipUnknown = false
        /// The source text of the catalog rows (default: Urssaf and the file name).
        public var source: String?
        /// The read size of the streaming reader (tests use small ones).
        public var chunkSize = 1 << 20

        /// Options for `file`.
        public init(file: String) { self.file = file }
    }

    /// The measures, in indicator order.
    static let measures: [(key: String, code: String, name: String, unit: String)] = [
        ("effectifs_salaries", "jobs", "Salaried jobs, private sector", "jobs"),
        ("nombre_d_etablissements", "estab", "Employer establishments, private sector", "establishments"),
    ]

    /// Streams `options.file` into the dataset directory `directory`, which must hold the communes.
    public static func importFile(_ options: Options, into directory: String) throws(DataError) -> PublishedImportSummary {
        let known = try PublishedImport.knownCommunes(in: directory)
        let stream = try RecordStream(path: options.file, chunkSize: options.chunkSize)
        let folded = stream.header.map(PublishedImport.foldedName)
        func find(_ names: String...) -> Int? { names.lazy.compactMap { n in folded.firstIndex(of: n) }.first }
        guard let communeColumn = find("code_commune") else {
            throw DataError("no commune code column (`Code commune` / `code_commune`)", at: "\(options.file):1",
                            fix: "the columns are: \(stream.header.joined(separator: ", "))")
        }
        guard let apeColumn = find("code_ape", "ape") else {
            throw DataError("no APE column (`Code APE` / `code_ape`)", at: "\(options.file):1",
                            fix: "the columns are: \(stream.header.joined(separator: ", "))")
        }
        // Value columns: (column, measure, period) for the wide layout.
        var wide: [(column: Int, measure: Int, period: Period)] = []
        for (c, name) in folded.enumerated() {
            for (m, measure) in measures.enumerated() where name.hasPrefix(measure.key + "_") {
                if let p = widePeriod(String(name.dropFirst(measure.key.count + 1))) { wide.append((c, m, p)) }
            }
        }
        var long: (period: LongPeriod, values: [(column: Int, measure: Int)])?
        if wide.isEmpty {
            var values: [(Int, Int)] = []
            for (m, measure) in measures.enumerated() {
                if let c = find(measure.key + "_brut", measure.key) { values.append((c, m)) }
            }
            let period: LongPeriod? = find("dernier_jour_du_trimestre").map { .date($0) }
                ?? find("annee").flatMap { y in find("trimestre").map { .yearQuarter(y, $0) } }
            guard let period, !values.isEmpty else {
                throw DataError("no value columns: neither `Effectifs salariés 2006`… / `Nombre d'établissements 2006`… (wide) nor `dernier_jour_du_trimestre` with `effectifs_salaries` (long)",
                                at: "\(options.file):1", fix: "the columns are: \(stream.header.joined(separator: ", "))")
            }
            long = (period, values)
        } else if let odd = wide.first(where: { $0.period.frequency != wide[0].period.frequency }) {
            throw DataError("the period columns mix frequencies: `\(stream.header[wide[0].column])` and `\(stream.header[odd.column])`",
                            at: "\(options.file):1", fix: "import yearly and quarterly files separately, with different --prefix")
        }
        let used = Set(wide.map(\.measure) + (long?.values.map(\.measure) ?? []))
        var codes: [String] = []
        var catalog: [IndicatorRecord] = []
        let frequency = wide.first?.period.frequency.letter ?? "Q"
        let source = options.source ?? "Urssaf (open.urssaf.fr), " + String(options.file.split(separator: "/").last ?? "")
        for (m, measure) in measures.enumerated() where used.contains(m) {
            for (suffix, label) in [("", ""), ("_industry", ", industry (NAF B-E)"), ("_manufacturing", ", manufacturing (NAF C)")] {
                let code = "\(options.prefix)_\(measure.code)\(suffix)"
                codes.append(code)
                catalog.append(IndicatorRecord(code: code, name: measure.name + label, unit: measure.unit, aggregate: "sum",
                                               frequency: frequency, source: source,
                                               description: "sum over the APE codes of each commune; tiq import urssaf"))
            }
        }
        let indicatorBase: [Int: Int] = Dictionary(uniqueKeysWithValues: measures.indices.filter(used.contains).enumerated().map { ($1, $0 * 3) })
        var series = CommuneSeries(indicators: codes, frequency: wide.first?.period.frequency ?? .quarter)
        var summary = PublishedImportSummary()
        stream.select([communeColumn, apeColumn] + wide.map(\.column) + (long.map { l in l.values.map(\.column) + l.period.columns } ?? []))

        while try stream.next() {
            summary.rows += 1
            guard let code = CommuneCodes.normalize(try stream.field(communeColumn)) else { summary.rowsWithoutCommune += 1; continue }
            guard known.contains(code) else {
                if options.skipUnknown { summary.skippedRows += 1; continue }
                throw PublishedImport.unknownCommune(code, in: directory, at: stream)
            }
            let section = NAFSections.section(of: try stream.field(apeColumn))
            if section == nil { summary.unclassifiedRows += 1 }
            let groups = NAFSections.membership(of: section)
            let commune = series.intern(code)
            func add(_ column: Int, measure: Int, period: Period) throws(DataError) {
                let text = try stream.field(column)
                guard let (value, status) = wholeNumber(text) ?? CellValue.parse(text) else {
                    throw DataError("`\(text)` in column `\(stream.header[column])` is not a number", at: stream.location,
                                    fix: "write a number, or leave the cell empty when absent")
                }
                let base = indicatorBase[measure]!
                let secret = status == .secret
                series.add(value, secret: secret, commune: commune, period: period, indicator: base)
                for (g, member) in groups.enumerated() where member {
                    series.add(value, secret: secret, commune: commune, period: period, indicator: base + 1 + g)
                }
            }
            if let long {
                let period = try long.period.read(stream)
                for v in long.values { try add(v.column, measure: v.measure, period: period) }
            } else {
                for w in wide { try add(w.column, measure: w.measure, period: w.period) }
            }
        }
        summary.peakBufferedBytes = stream.peakBufferedBytes
        try PublishedImport.write(series, catalog: catalog, into: directory, summary: &summary)
        return summary
    }

    /// A plain whole number (`0`…`999999999999`), the common case, without `CellValue`'s general rules.
    @inline(__always) static func wholeNumber(_ text: String) -> (Double, ObservationStatus)? {
        var n = 0, digits = 0
        for b in text.utf8 {
            guard b >= 48 && b <= 57, digits < 12 else { return nil }
            n = n * 10 + Int(b - 48)
            digits += 1
        }
        return digits > 0 ? (Double(n), .ok) : nil
    }

    /// `2006` → the year; `2020t1`, `2020_t1`, `2020q1` → the quarter; else nil.
    static func widePeriod(_ text: String) -> Period? {
        let t = text.replacingAll("_", with: "")
        guard t.count >= 4, let year = Int32(t.prefix(4)), year >= 1900, year <= 2200 else { return nil }
        let rest = t.dropFirst(4)
        if rest.isEmpty { return Period(year: year) }
        guard rest.count == 2, rest.first == "t" || rest.first == "q", let q = Int32(rest.dropFirst()), (1...4).contains(q) else { return nil }
        return Period(year: year, frequency: .quarter, subperiod: q)
    }

    /// Where a long file keeps the quarter.
    enum LongPeriod: Sendable {
        /// A date column: `2020-03-31` or `31/03/2020`.
        case date(Int)
        /// A year column and a quarter column (`1`…`4`, `T1`…`T4`).
        case yearQuarter(Int, Int)

        var columns: [Int] {
            switch self {
            case .date(let c): [c]
            case .yearQuarter(let y, let q): [y, q]
            }
        }

        func read(_ stream: RecordStream) throws(DataError) -> Period {
            switch self {
            case .date(let c):
                let text = try stream.field(c).trimmingSpaces
                let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).compactMap { Int32($0) }
                if parts.count == 3 {
                    let (year, month) = parts[0] > 31 ? (parts[0], parts[1]) : (parts[2], parts[1])
                    if (1...12).contains(month) { return Period(year: year, frequency: .quarter, subperiod: (month - 1) / 3 + 1) }
                }
                throw DataError("`\(text)` in column `\(stream.header[c])` is not a date", at: stream.location,
                                fix: "dates look like 2020-03-31 or 31/03/2020")
            case .yearQuarter(let y, let q):
                let yt = try stream.field(y).trimmingSpaces, qt = try stream.field(q).trimmingSpaces
                let digits = qt.filter(\.isNumber)
                guard let year = Int32(yt), let quarter = Int32(digits), (1...4).contains(quarter) else {
                    throw DataError("`\(yt)` / `\(qt)` is not a year and a quarter", at: stream.location,
                                    fix: "the year is 2020, the quarter 1 to 4 (or T1 to T4)")
                }
                return Period(year: year, frequency: .quarter, subperiod: quarter)
            }
        }
    }
}
