import Testing
import Foundation
@testable import TIQData
import TIQCore
import TIQStore

@Suite("Importing Open Urssaf commune × APE files")
struct UrssafImporterTests {
    typealias Row = PublishedSamples.UrssafRow

    /// The test's own commune rule: pad to 5, arrondissements to their city.
    static func commune(_ raw: String) -> String {
        let c = raw.count < 5 ? String(repeating: "0", count: 5 - raw.count) + raw : raw
        if c.hasPrefix("751") { return "75056" }
        if c.hasPrefix("6938") { return "69123" }
        if c.hasPrefix("132") { return "13055" }
        return c
    }

    /// Brute force over the sample rows: (indicator, commune, period) → sum, NaN for secret.
    static func expected(_ rows: [Row], periods: [Period], prefix: String = "urssaf") -> [String: Double] {
        var out: [String: Double] = [:]
        for r in rows {
            let g = PublishedSamples.groups(ofAPE: r.ape)
            for (i, cell) in r.cells.enumerated() {
                for (measure, text) in [("estab", cell.estab), ("jobs", cell.jobs)] {
                    if text.isEmpty { continue }
                    let v = text == "s" ? Double.nan : Double(text.replacingOccurrences(of: " ", with: ""))!
                    var codes = ["\(prefix)_\(measure)"]
                    if g.industry { codes.append("\(prefix)_\(measure)_industry") }
                    if g.manufacturing { codes.append("\(prefix)_\(measure)_manufacturing") }
                    for code in codes {
                        let key = "\(code)|\(commune(r.commune))|\(periods[i])"
                        out[key] = text == "s" ? .nan : (out[key] ?? 0) + v
                    }
                }
            }
        }
        return out
    }

    /// The observations of the dataset in `dir`: (indicator, commune, period) → value (NaN for secret).
    static func loaded(_ dir: String) throws -> [String: Double] {
        let o = try DatasetLoader.load(directory: dir).observations
        var out: [String: Double] = [:]
        for i in 0..<o.count {
            let key = "\(o.indicatorCodes[Int(o.indicators[i])])|\(o.territoryKeys[Int(o.territories[i])].dropFirst(8))|\(o.periods[i])"
            out[key] = o.statuses[i] == .secret ? .nan : o.values[i]
        }
        return out
    }

    static func same(_ a: [String: Double], _ b: [String: Double]) -> Bool {
        a.count == b.count && a.allSatisfy { k, v in b[k].map { $0 == v || ($0.isNaN && v.isNaN) } ?? false }
    }

    @Test("yearly wide file with the portal's labels: every cell is the sum over APE rows, by group")
    func yearlyWide() throws {
        let dir = try PublishedSamples.dataset("urssaf-yearly")
        let file = try PublishedSamples.file("urssaf.csv", PublishedSamples.urssafYearly())
        let summary = try UrssafImporter.importFile(.init(file: file), into: dir)
        let periods = PublishedSamples.urssafYears.map { Period(year: Int32($0)) }
        let want = Self.expected(PublishedSamples.urssafRows, periods: periods)
        let got = try Self.loaded(dir)
        #expect(Self.same(got, want), "got \(got.sorted { $0.key < $1.key })\nwant \(want.sorted { $0.key < $1.key })")
        #expect(summary.rows == PublishedSamples.urssafRows.count)
        #expect(summary.unclassifiedRows == 1)
        #expect(summary.observations == want.count)
        #expect(got["urssaf_jobs_industry|01002|2020"]!.isNaN, "a secret contribution makes the sum secret")
        #expect(got["urssaf_jobs|75056|2020"] == Double(118 + 95), "arrondissements fold into Paris")
        let indicators = try DatasetLoader.load(directory: dir).indicators
        #expect(Set(indicators.map(\.code)) == Set(["jobs", "estab"].flatMap { m in ["", "_industry", "_manufacturing"].map { "urssaf_\(m)\($0)" } }))
        #expect(indicators.allSatisfy { $0.frequency == "A" && $0.aggregate == "sum" })

        // Importing again replaces, never duplicates.
        _ = try UrssafImporter.importFile(.init(file: file), into: dir)
        #expect(Self.same(try Self.loaded(dir), want))
    }

    @Test("quarterly wide file with field names, ',' separated and a small read size")
    func quarterlyFieldNames() throws {
        let dir = try PublishedSamples.dataset("urssaf-q")
        let quarters = ["2020t1", "2020t2", "2020t3"]
        var text = "code_commune,code_ape,intitule_commune," + quarters.flatMap { ["nombre_d_etablissements_\($0)", "effectifs_salaries_\($0)"] }.joined(separator: ",") + "\n"
        for r in PublishedSamples.urssafRows {
            text += "\(r.commune),\(r.ape),\"Name, with comma\"," + r.cells.flatMap { [$0.estab, "\"\($0.jobs)\""] }.joined(separator: ",") + "\n"
        }
        var options = UrssafImporter.Options(file: try PublishedSamples.file("urssaf_q.csv", text))
        options.prefix = "urssaf_q"
        options.chunkSize = 64
        _ = try UrssafImporter.importFile(options, into: dir)
        let periods = (1...3).map { Period(year: 2020, frequency: .quarter, subperiod: Int32($0)) }
        #expect(Self.same(try Self.loaded(dir), Self.expected(PublishedSamples.urssafRows, periods: periods, prefix: "urssaf_q")))
    }

    @Test("long quarterly file: the quarter from dernier_jour_du_trimestre")
    func quarterlyLong() throws {
        let dir = try PublishedSamples.dataset("urssaf-long")
        var text = "annee;trimestre;dernier_jour_du_trimestre;code_commune;code_ape;nombre_d_etablissements;effectifs_salaries_brut\n"
        var rows: [Row] = []
        for (i, r) in PublishedSamples.urssafRows.enumerated() {
            // Each sample row's first cell, in the quarter i % 4 + 1 of 2021.
            let q = i % 4 + 1
            text += "2021;T\(q);2021-\(String(format: "%02d", q * 3))-\(q == 1 || q == 4 ? 31 : 30);\(r.commune);\(r.ape);\(r.cells[0].estab);\(r.cells[0].jobs)\n"
            rows.append(Row(commune: r.commune, ape: r.ape, cells: [r.cells[0]]))
        }
        _ = try UrssafImporter.importFile(.init(file: try PublishedSamples.file("urssaf_long.csv", text)), into: dir)
        var want: [String: Double] = [:]
        for (i, r) in rows.enumerated() {
            for (k, v) in Self.expected([r], periods: [Period(year: 2021, frequency: .quarter, subperiod: Int32(i % 4 + 1))]) {
                want[k] = v.isNaN || (want[k]?.isNaN ?? false) ? .nan : (want[k] ?? 0) + v
            }
        }
        #expect(Self.same(try Self.loaded(dir), want))
    }

    @Test("a commune the dataset lacks is an error at its line, or a counted skip")
    func unknownCommune() throws {
        var rows = PublishedSamples.urssafRows
        rows.insert(Row(commune: "99999", ape: "1071C", cells: [("1", "1"), ("1", "1"), ("1", "1")]), at: 3)
        let file = try PublishedSamples.file("urssaf_unknown.csv", PublishedSamples.urssafYearly(rows))
        let dir = try PublishedSamples.dataset("urssaf-unknown")
        let error = #expect(throws: DataError.self) { try UrssafImporter.importFile(.init(file: file), into: dir) }
        #expect(error?.location == "\(file):5" && error?.message.contains("`99999`") == true, "\(String(describing: error))")
        var options = UrssafImporter.Options(file: file)
        options.skipUnknown = true
        let summary = try UrssafImporter.importFile(options, into: dir)
        #expect(summary.skippedRows == 1)
        let periods = PublishedSamples.urssafYears.map { Period(year: Int32($0)) }
        #expect(Self.same(try Self.loaded(dir), Self.expected(PublishedSamples.urssafRows, periods: periods)))
    }

    @Test("a value that is not a number is an error naming the line and the column")
    func badNumber() throws {
        var rows = PublishedSamples.urssafRows
        rows[6].cells[1].jobs = "12a"
        let file = try PublishedSamples.file("urssaf_bad.csv", PublishedSamples.urssafYearly(rows))
        let error = #expect(throws: DataError.self) {
            try UrssafImporter.importFile(.init(file: file), into: try PublishedSamples.dataset("urssaf-bad"))
        }
        #expect(error?.location == "\(file):8")
        #expect(error?.message.contains("`12a`") == true && error?.message.contains("Effectifs salariés 2020") == true)
    }

    @Test("a file without the commune or value columns is refused with the list of its columns")
    func wrongLayout() throws {
        let dir = try PublishedSamples.dataset("urssaf-layout")
        let noCommune = try PublishedSamples.file("a.csv", "commune;code_ape;effectifs_salaries_2020\n01001;1071C;3\n")
        let e1 = #expect(throws: DataError.self) { try UrssafImporter.importFile(.init(file: noCommune), into: dir) }
        #expect(e1?.fix?.contains("commune, code_ape, effectifs_salaries_2020") == true)
        let noValues = try PublishedSamples.file("b.csv", "code_commune;code_ape;total\n01001;1071C;3\n")
        let e2 = #expect(throws: DataError.self) { try UrssafImporter.importFile(.init(file: noValues), into: dir) }
        #expect(e2?.message.contains("no value columns") == true)
        let empty = SharedData.temporaryDirectory("urssaf-nogeo")
        let e3 = #expect(throws: DataError.self) {
            try UrssafImporter.importFile(.init(file: try PublishedSamples.file("c.csv", PublishedSamples.urssafYearly())), into: empty)
        }
        #expect(e3?.message.contains("no communes") == true)
    }
}
