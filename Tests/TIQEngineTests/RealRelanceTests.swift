import Foundation
import Testing
import TIQCore
import TIQData
import TIQEngine
import TIQStore

/// "France Relance beneficiaries in TI départements vs the others" as one query, on the real
/// series (../shared/data/indicators/france_relance_industrial_beneficiaries_dep_monthly.csv)
/// imported beside the real geography and perimeters as docs/tutorial.md says, checked against
/// a brute-force pass over the raw CSV files.
@Suite(.enabled(if: RealData.isAvailable, "../shared/data is absent: the real-series tests are skipped"))
struct RealRelanceTests {
    /// The query of docs/tutorial.md, word for word (the test checks the tutorial holds it).
    static let query = """
        from relance_benef at dept
        | derive benef = relance_benef@2022-12, per_100k = per(relance_benef@2022-12, population, 100000)
        | agg depts = count(), benef = mean(benef), per_100k = mean(per_100k) by ti1
        """

    /// The real geography and perimeters written to a directory, with the series imported into it.
    static func engine() throws -> Engine {
        let geo = try GeoImporter.read(from: RealData.root + "/geo")
        var dataset = geo.dataset()
        TIPerimeter.append(try TIImporter.read(from: RealData.root + "/ti", communeCodes: geo.communes.map(\.code)),
                           geography: geo, to: &dataset)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-relance-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try DatasetWriter.write(dataset, to: dir)
        var options = TableImportOptions(file: RealData.root + "/indicators/france_relance_industrial_beneficiaries_dep_monthly.csv",
                                         level: "dept", territoryColumn: "departement_code", indicator: "relance_benef", unit: "firms")
        options.periodColumn = "date"
        options.aggregate = "none"
        _ = try TableImporter.importTable(options, into: dir)
        return Engine(snapshot: try SnapshotBuilder.build(try DatasetLoader.load(directory: dir), origin: "real", id: 1))
    }

    @Test func tiDepartementsAgainstTheOthersMatchTheRawFiles() throws {
        let t = try Self.engine().run(Self.query)
        // Brute force: each département's communes and populations, its phase-1 communes, its
        // December 2022 value; the flag is a population share of at least one half.
        var pop: [String: Double] = [:], inside: [String: Double] = [:], n: [String: Int] = [:], nInside: [String: Int] = [:]
        let phase1 = Set(try RealData.rows("ti/commune_membership.csv").filter { $0[0] == "1" }.map { $0[2] })
        for c in try RealData.rows("geo/communes.csv") {
            let dept = c[2], p = Double(c[c.count - 1]) ?? 0
            pop[dept, default: 0] += p
            n[dept, default: 0] += 1
            if phase1.contains(c[0]) { inside[dept, default: 0] += p; nInside[dept, default: 0] += 1 }
        }
        func flag(_ d: String) -> Bool {
            pop[d, default: 0] > 0 ? 2 * inside[d, default: 0] >= pop[d]! : 2 * nInside[d, default: 0] >= n[d, default: 0]
        }
        var values: [Bool: [Double]] = [:], rates: [Bool: [Double]] = [:], count: [Bool: Int] = [:]
        for r in try RealData.rows("indicators/france_relance_industrial_beneficiaries_dep_monthly.csv") where r[r.count - 2] == "2022-12-31" {
            let f = flag(r[0]), v = Double(r[r.count - 1])!
            count[f, default: 0] += 1
            values[f, default: []].append(v)
            if pop[r[0], default: 0] > 0 { rates[f, default: []].append(v / pop[r[0]]! * 100_000) }
        }
        func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
        #expect(t.bools("ti1") == [false, true])
        #expect(t.numbers("depts") == [Double(count[false]!), Double(count[true]!)])
        #expect(count[false]! + count[true]! == 101)
        for (i, f) in [false, true].enumerated() {
            #expect(close(t.numbers("benef")[i], mean(values[f]!)))
            #expect(close(t.numbers("per_100k")[i], mean(rates[f]!)))
        }
    }

    @Test func theTutorialShowsThisQuery() throws {
        let tutorial = try String(contentsOfFile: RealData.repo + "/docs/tutorial.md", encoding: .utf8)
        #expect(tutorial.contains(Self.query))
    }
}
