import TIQCore
import TIQStore

/// What an importer of a published file did.
public struct PublishedImportSummary: Sendable {
    /// Data rows read.
    public var rows = 0
    /// Observations written, over all indicators.
    public var observations = 0
    /// Distinct communes with observations.
    public var communes = 0
    /// Rows dropped because their commune is not in the dataset (with `skipUnknown`).
    public var skippedRows = 0
    /// Rows without a commune (establishments abroad, blank codes): not counted anywhere.
    public var rowsWithoutCommune = 0
    /// Rows counted in the totals only: their activity code is not a NAF rév. 2 division.
    public var unclassifiedRows = 0
    /// Rows of a second, joined file (Sirene's history) read, and those whose key the first file lacks.
    public var joinedRows = 0, unmatchedJoinedRows = 0
    /// The indicator codes written.
    public var indicators: [String] = []
    /// The first and last period written.
    public var firstPeriod = "", lastPeriod = ""
    /// The largest buffer the file reader held (its memory, independent of the file's size).
    public var peakBufferedBytes = 0
    /// The cells the accumulator held (communes × periods × indicators at most).
    public var accumulatorCells = 0
}

/// The steps every importer of a published commune-level file shares: the communes the
/// dataset knows, and writing the accumulated series into the dataset directory.
enum PublishedImport {
    /// The commune codes of the dataset in `directory`, or an error when it has none.
    static func knownCommunes(in directory: String) throws(DataError) -> Set<String> {
        let codes = try DatasetFiles.territoryCodes(in: directory, level: "commune")
        guard !codes.isEmpty else {
            throw DataError("the dataset has no communes", at: FileIO.join(directory, "territories.csv"),
                            fix: "write the geography first: `tiq import geo --from GEO_DIR --out \(directory)`")
        }
        return codes
    }

    /// The error for a commune the dataset lacks, at the current record of `stream`.
    static func unknownCommune(_ code: String, in directory: String, at stream: RecordStream) -> DataError {
        DataError("commune `\(code)` is not in \(FileIO.join(directory, "territories.csv"))", at: stream.location,
                  fix: "import the geography of the file's COG vintage, or drop such rows with --skip-unknown")
    }

    /// Writes the catalog rows and the cells of `series` into `directory`, replacing earlier
    /// imports of the same indicator codes; fills the counts of `summary`.
    static func write(_ series: CommuneSeries, catalog: [IndicatorRecord], into directory: String,
                      summary: inout PublishedImportSummary) throws(DataError) {
        for record in catalog { _ = try DatasetFiles.upsertIndicator(record, in: directory) }
        let keys = series.communes.map { "commune:" + $0 }
        var communes = Set<Int>(), first: Period?, last: Period?, count = 0
        let cells = series.sortedCells().lazy.map { c in
            communes.insert(c.commune)
            first = min(first ?? c.period, c.period)
            last = max(last ?? c.period, c.period)
            count += 1
            return (territory: c.commune, indicator: c.indicator, period: c.period, value: c.value, status: c.status)
        }
        try DatasetFiles.replaceObservations(of: series.indicators, in: directory, territoryKeys: keys,
                                             hasStatus: series.hasSecret, cells: cells)
        summary.observations = count
        summary.communes = communes.count
        summary.indicators = series.indicators
        summary.firstPeriod = first.map(String.init(describing:)) ?? ""
        summary.lastPeriod = last.map(String.init(describing:)) ?? ""
        summary.accumulatorCells = series.cellCount
    }

    /// The header name folded for matching: lowercase, no accents, every run of other
    /// characters one `_` (`Nombre d'établissements 2006` → `nombre_d_etablissements_2006`).
    static func foldedName(_ name: String) -> String {
        var out = ""
        var pendingUnderscore = false
        for ch in TextFolding.foldCaseAndAccents(name).unicodeScalars {
            let alnum = (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9")
            if alnum {
                if pendingUnderscore && !out.isEmpty { out += "_" }
                pendingUnderscore = false
                out.unicodeScalars.append(ch)
            } else {
                pendingUnderscore = true
            }
        }
        return out
    }
}
