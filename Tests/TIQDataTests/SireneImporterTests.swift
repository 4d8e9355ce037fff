import Testing
import Foundation
@testable import TIQData
import TIQCore
import TIQStore

@Suite("Importing Sirene establishment files")
struct SireneImporterTests {
    typealias Establishment = SireneSamples.Establishment
    static let window: ClosedRange<Int32> = 2015...2022

    static func year(_ date: String) -> Int? { date.isEmpty ? nil : Int(date.prefix(4)) }

    /// Brute force, year by year: creations, closures and the 31 December stock of each
    /// establishment, from the stock alone or from its periods in the history.
    static func expected(_ stock: [Establishment], history: [SireneSamples.Period]? = nil) -> [String: Double] {
        var out: [String: Double] = [:]
        for e in stock {
            guard !e.commune.isEmpty else { continue }
            let commune = UrssafImporterTests.commune(e.commune)
            let g = e.nomenclature == "NAFRev2" ? PublishedSamples.groups(ofAPE: e.ape) : (false, false)
            let suffixes = [""] + (g.0 ? ["_industry"] : []) + (g.1 ? ["_manufacturing"] : [])
            let periods = (history ?? []).filter { $0.siret == e.siret }.sorted { $0.start < $1.start }
            for y in window.map(Int.init) {
                let created = year(e.created)
                var closures = 0, active: Bool
                if periods.isEmpty {
                    closures = e.state == "F" && year(e.start) == y ? 1 : 0
                    active = e.state == "A" || (year(e.start).map { $0 > y } ?? false)
                } else {
                    for i in periods.indices.dropFirst() where periods[i].state == "F" && periods[i - 1].state == "A" && year(periods[i].start) == y {
                        closures += 1
                    }
                    active = periods.last { $0.start <= "\(y)-12-31" }?.state == "A"
                }
                active = active && (created.map { $0 <= y } ?? true)
                for s in suffixes {
                    out["sirene_creations\(s)|\(commune)|\(y)", default: 0] += created == y ? 1 : 0
                    out["sirene_closures\(s)|\(commune)|\(y)", default: 0] += Double(closures)
                    out["sirene_active\(s)|\(commune)|\(y)", default: 0] += active ? 1 : 0
                }
                // Every indicator of a commune in the file has every year.
                for m in ["creations", "closures", "active"] {
                    for s in ["", "_industry", "_manufacturing"] { out["sirene_\(m)\(s)|\(commune)|\(y)", default: 0] += 0 }
                }
            }
        }
        return out
    }

    func run(stock: String, history: String? = nil, chunkSize: Int = 1 << 20, into dir: String) throws -> PublishedImportSummary {
        var options = SireneImporter.Options(stock: try PublishedSamples.file("StockEtablissement_utf8.csv", stock), years: Self.window)
        options.history = try history.map { try PublishedSamples.file("StockEtablissementHistorique_utf8.csv", $0) }
        options.chunkSize = chunkSize
        return try SireneImporter.importFiles(options, into: dir)
    }

    @Test("stock only: creations, closures and 31 December stocks by commune, year and group")
    func stockOnly() throws {
        let dir = try PublishedSamples.dataset("sirene-stock")
        let summary = try run(stock: SireneSamples.stock(), chunkSize: 100, into: dir)
        let want = Self.expected(SireneSamples.establishments)
        let got = try UrssafImporterTests.loaded(dir)
        #expect(UrssafImporterTests.same(got, want), "\(got.filter { want[$0.key] != $0.value }.sorted { $0.key < $1.key })")
        #expect(summary.rows == SireneSamples.establishments.count)
        #expect(summary.rowsWithoutCommune == 1 && summary.unclassifiedRows == 1)
        #expect(got["sirene_closures_manufacturing|01001|2019"] == 1 && got["sirene_active|01001|2019"] == 2)
    }

    @Test("with the history: every closure, reopenings, SIRETs the stock lacks")
    func withHistory() throws {
        let dir = try PublishedSamples.dataset("sirene-history")
        let summary = try run(stock: SireneSamples.stock(), history: SireneSamples.historyText(), chunkSize: 90, into: dir)
        let want = Self.expected(SireneSamples.establishments, history: SireneSamples.history)
        let got = try UrssafImporterTests.loaded(dir)
        #expect(UrssafImporterTests.same(got, want), "\(got.filter { want[$0.key] != $0.value }.sorted { $0.key < $1.key })")
        #expect(summary.joinedRows == SireneSamples.history.count && summary.unmatchedJoinedRows == 1)
        #expect(got["sirene_active|01001|2022"] == 2, "the establishment closed in 2020 reopened in 2022")
    }

    @Test("an unsorted stock or history, a bad date or state is an error at its line")
    func badInput() throws {
        let dir = try PublishedSamples.dataset("sirene-bad")
        var rows = SireneSamples.establishments
        rows.swapAt(2, 3)
        var e = #expect(throws: DataError.self) { try run(stock: SireneSamples.stock(rows), into: dir) }
        #expect(e?.location?.hasSuffix("StockEtablissement_utf8.csv:5") == true && e?.message.contains("not sorted") == true)

        var history = SireneSamples.history
        history.swapAt(0, 4)
        e = #expect(throws: DataError.self) { try run(stock: SireneSamples.stock(), history: SireneSamples.historyText(history), into: dir) }
        #expect(e?.location?.hasSuffix("StockEtablissementHistorique_utf8.csv:3") == true, "\(String(describing: e))")

        rows = SireneSamples.establishments
        rows[4].created = "09/09/2016"
        e = #expect(throws: DataError.self) { try run(stock: SireneSamples.stock(rows), into: dir) }
        #expect(e?.location?.hasSuffix(":6") == true && e?.message.contains("dateCreationEtablissement") == true)

        rows = SireneSamples.establishments
        rows[0].state = "X"
        e = #expect(throws: DataError.self) { try run(stock: SireneSamples.stock(rows), into: dir) }
        #expect(e?.location?.hasSuffix(":2") == true && e?.message.contains("neither A") == true)

        rows = SireneSamples.establishments
        rows[1].commune = "01999"
        e = #expect(throws: DataError.self) { try run(stock: SireneSamples.stock(rows), into: dir) }
        #expect(e?.location?.hasSuffix(":3") == true && e?.message.contains("`01999`") == true)
    }
}
