/// One period of an establishment in Sirene's history: its start year (nil when unknown) and
/// whether it is active.
struct SirenePeriod: Sendable {
    var start: Int32?
    var active: Bool
    /// The full start date, for ordering periods that start in the same year.
    var startDate: String
}

/// Walks `StockEtablissementHistorique` in SIRET order beside the stock: `periods(of:)` skips
/// the history's SIRETs below the one asked for and returns its periods, oldest first. Memory:
/// one SIRET's periods.
final class HistoryCursor {
    let stream: RecordStream
    private let siret, start, state: Int
    private var pending = false
    private var lastSiret = ""

    init(path: String, chunkSize: Int) throws(DataError) {
        stream = try RecordStream(path: path, chunkSize: chunkSize)
        siret = try stream.column("siret")
        start = try stream.column("dateDebut")
        state = try stream.column("etatAdministratifEtablissement")
        stream.select([siret, start, state])
        pending = try advance()
    }

    /// Reads the next row, checking the order; false at the end.
    private func advance() throws(DataError) -> Bool {
        guard try stream.next() else { return false }
        let s = try stream.field(siret)
        guard s >= lastSiret else {
            throw DataError("SIRET `\(s)` comes after `\(lastSiret)`: the history is not sorted by SIRET", at: stream.location,
                            fix: "sort it: (head -1 F; tail -n +2 F | LC_ALL=C sort -t, -k3,3) > sorted.csv")
        }
        lastSiret = s
        return true
    }

    /// The periods of `target`, oldest first (empty when the history lacks it).
    func periods(of target: String, summary: inout PublishedImportSummary) throws(DataError) -> [SirenePeriod] {
        var out: [SirenePeriod] = []
        while pending {
            let s = stream.fields[siret]
            if s > target { break }
            summary.joinedRows += 1
            if s < target {
                summary.unmatchedJoinedRows += 1
            } else {
                let active = try SireneImporter.state(stream, state) == "A"
                out.append(SirenePeriod(start: try SireneImporter.year(stream, start), active: active,
                                        startDate: stream.fields[start].trimmingSpaces))
            }
            pending = try advance()
        }
        return out.sorted { $0.startDate < $1.startDate }
    }

    /// Counts the rows left after the stock's last SIRET.
    func finish(summary: inout PublishedImportSummary) throws(DataError) {
        while pending {
            summary.joinedRows += 1
            summary.unmatchedJoinedRows += 1
            pending = try advance()
        }
    }
}
