#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore
import TIQStore

/// Imports INSEE's Sirene establishment files (data.gouv.fr, "Base Sirene des entreprises et
/// de leurs établissements"), streaming, into yearly commune-level indicators:
///
/// - `<prefix>_creations[_industry|_manufacturing]`: establishments created in the year
///   (`dateCreationEtablissement`);
/// - `<prefix>_closures[…]`: establishments closed in the year;
/// - `<prefix>_active[…]`: establishments active on 31 December.
///
/// **Stock only** (`StockEtablissement`): an establishment is active from its creation; when
/// its `etatAdministratifEtablissement` is `F`, the `dateDebut` of its current period is its
/// closure. **With the history** (`StockEtablissementHistorique`, which has no commune): the
/// periods of each SIRET give every closure (a period `F` after a period `A`, reopenings
/// included) and the active spells; the two files are merge-joined on `siret`, so both must be
/// sorted by SIRET, as INSEE publishes them (checked: an unsorted file is an error at its line).
///
/// Commune, activity and creation come from the stock (the establishment's current commune
/// and activity). Sections come from `activitePrincipaleEtablissement` through `NAFSections`
/// when `nomenclatureActivitePrincipaleEtablissement` is `NAFRev2` (or absent); older
/// nomenclatures count in the totals only. Memory holds the cells of communes × years ×
/// indicators and one SIRET's history, never the rows.
public enum SireneImporter {
    /// How to import.
    public struct Options: Sendable {
        /// The `StockEtablissement` file.
        public var stock: String
        /// The `StockEtablissementHistorique` file, if any.
        public var history: String?
        /// The years written (creations, closures, 31 December stocks).
        public var years: ClosedRange<Int32>
        /// The indicator code prefix.
        public var prefix = "sirene"
        /// Drop establishments of communes the dataset lacks (counted) instead of failing.
        public var skipUnknown = false
        /// The read size of the streaming readers.
        public var chunkSize = 1 << 20

        /// Options for `stock`; the years default to 2000 through last year.
        public init(stock: String, years: ClosedRange<Int32>? = nil) {
            self.stock = stock
            self.years = years ?? 2000...(SireneImporter.currentYear() - 1)
        }
    }

    static let measures: [(code: String, name: String)] = [
        ("creations", "Establishments created"), ("closures", "Establishments closed"),
        ("active", "Establishments active on 31 December"),
    ]

    /// Streams the files of `options` into the dataset directory `directory`, which must hold the communes.
    public static func importFiles(_ options: Options, into directory: String) throws(DataError) -> PublishedImportSummary {
        let known = try PublishedImport.knownCommunes(in: directory)
        let stock = try RecordStream(path: options.stock, chunkSize: options.chunkSize)
        let sc = try StockColumns(stock)
        stock.select(sc.all)
        let history = try options.history.map { p throws(DataError) in try HistoryCursor(path: p, chunkSize: options.chunkSize) }

        var codes: [String] = [], catalog: [IndicatorRecord] = []
        let source = "INSEE Sirene (data.gouv.fr), " + ([options.stock] + (options.history.map { [$0] } ?? []))
            .map { String($0.split(separator: "/").last ?? "") }.joined(separator: " + ")
        for m in measures {
            for (suffix, label) in [("", ""), ("_industry", ", industry (NAF B-E)"), ("_manufacturing", ", manufacturing (NAF C)")] {
                codes.append("\(options.prefix)_\(m.code)\(suffix)")
                catalog.append(IndicatorRecord(code: codes.last!, name: m.name + label, unit: "establishments", aggregate: "sum",
                                               frequency: "A", source: source, description: "tiq import sirene"))
            }
        }
        var series = CommuneSeries(indicators: codes, frequency: .annual)
        var activeDelta: [DeltaKey: Int32] = [:]
        var summary = PublishedImportSummary()
        let years = options.years
        var previousSiret = ""

        while try stock.next() {
            summary.rows += 1
            let siret = try stock.field(sc.siret)
            guard siret >= previousSiret else {
                throw DataError("SIRET `\(siret)` comes after `\(previousSiret)`: the stock is not sorted by SIRET", at: stock.location,
                                fix: "sort it: (head -1 F; tail -n +2 F | LC_ALL=C sort -t, -k3,3) > sorted.csv")
            }
            previousSiret = siret
            let periods = try history?.periods(of: siret, summary: &summary) ?? []
            guard let code = CommuneCodes.normalize(try stock.field(sc.commune)) else { summary.rowsWithoutCommune += 1; continue }
            guard known.contains(code) else {
                if options.skipUnknown { summary.skippedRows += 1; continue }
                throw PublishedImport.unknownCommune(code, in: directory, at: stock)
            }
            let nomenclature = sc.nomenclature.map { stock.fields[$0].trimmingSpaces } ?? ""
            let section = nomenclature.isEmpty || nomenclature == "NAFRev2" ? NAFSections.section(of: try stock.field(sc.activity)) : nil
            if section == nil { summary.unclassifiedRows += 1 }
            let groups = [true] + NAFSections.membership(of: section)
            let commune = series.intern(code)
            let created = try year(stock, sc.creation)

            // Closures and active spells [start, end) in years; nil = unbounded.
            var closures: [Int32] = []
            var spells: [(start: Int32?, end: Int32?)] = []
            if periods.isEmpty {
                let state = try self.state(stock, sc.state)
                if state == "A" {
                    spells.append((created, nil))
                } else {
                    // Closed at an unknown date: never counted active.
                    if let closed = try year(stock, sc.start) {
                        closures.append(closed)
                        spells.append((created, closed))
                    }
                }
            } else {
                for (i, p) in periods.enumerated() {
                    let end = i + 1 < periods.count ? periods[i + 1].start : nil
                    if p.active { spells.append((p.start ?? created, end)) }
                    if !p.active, i > 0, periods[i - 1].active, let s = p.start { closures.append(s) }
                }
            }
            for (g, member) in groups.enumerated() where member {
                if let created, years.contains(created) {
                    series.add(1, commune: commune, period: Period(year: created), indicator: g)
                }
                for c in closures where years.contains(c) {
                    series.add(1, commune: commune, period: Period(year: c), indicator: 3 + g)
                }
                for s in spells {
                    let from = max(s.start ?? years.lowerBound, years.lowerBound)
                    let to = min(s.end ?? (years.upperBound + 1), years.upperBound + 1)
                    guard from < to else { continue }
                    activeDelta[DeltaKey(commune: commune, year: from, group: UInt8(g)), default: 0] += 1
                    activeDelta[DeltaKey(commune: commune, year: to, group: UInt8(g)), default: 0] -= 1
                }
            }
        }
        if let history { try history.finish(summary: &summary) }
        // Every commune of the file gets every year: 0 when nothing happened; stocks are running sums.
        for c in series.communes.indices {
            for g in 0..<3 {
                var running: Int32 = 0
                for y in years {
                    running += activeDelta[DeltaKey(commune: Int32(c), year: y, group: UInt8(g))] ?? 0
                    series.add(0, commune: Int32(c), period: Period(year: y), indicator: g)
                    series.add(0, commune: Int32(c), period: Period(year: y), indicator: 3 + g)
                    series.add(Double(running), commune: Int32(c), period: Period(year: y), indicator: 6 + g)
                }
            }
        }
        summary.peakBufferedBytes = max(stock.peakBufferedBytes, history?.stream.peakBufferedBytes ?? 0)
        try PublishedImport.write(series, catalog: catalog, into: directory, summary: &summary)
        return summary
    }

    struct DeltaKey: Hashable {
        var commune: Int32
        var year: Int32
        var group: UInt8
    }

    /// The columns of the stock file.
    struct StockColumns {
        let siret, creation, commune, activity, state, start: Int
        let nomenclature: Int?
        var all: [Int] { [siret, creation, commune, activity, state, start] + (nomenclature.map { [$0] } ?? []) }

        init(_ s: RecordStream) throws(DataError) {
            siret = try s.column("siret")
            creation = try s.column("dateCreationEtablissement")
            commune = try s.column("codeCommuneEtablissement")
            activity = try s.column("activitePrincipaleEtablissement")
            state = try s.column("etatAdministratifEtablissement")
            start = try s.column("dateDebut")
            nomenclature = try? s.column("nomenclatureActivitePrincipaleEtablissement")
        }
    }

    /// The year of the date (`2019-05-14`) in `column`; nil when empty.
    static func year(_ s: RecordStream, _ column: Int) throws(DataError) -> Int32? {
        let text = try s.field(column).trimmingSpaces
        if text.isEmpty { return nil }
        let u = Array(text.utf8)
        guard u.count >= 4, u[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }), u.count == 4 || u[4] == 45,
              let y = Int32(String(decoding: u[0..<4], as: UTF8.self)) else {
            throw DataError("`\(text)` in column `\(s.header[column])` is not a date", at: s.location,
                            fix: "Sirene dates look like 2019-05-14")
        }
        return y
    }

    /// `A` (active) or `F` (closed) in `column`.
    static func state(_ s: RecordStream, _ column: Int) throws(DataError) -> String {
        let text = try s.field(column).trimmingSpaces
        guard text == "A" || text == "F" else {
            throw DataError("`\(text)` in column `\(s.header[column])` is neither A (active) nor F (closed)", at: s.location)
        }
        return text
    }

    static func currentYear() -> Int32 {
        var t = time(nil)
        var parts = tm()
        gmtime_r(&t, &parts)
        return Int32(parts.tm_year) + 1900
    }
}
