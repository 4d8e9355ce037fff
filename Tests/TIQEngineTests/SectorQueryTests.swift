import Testing
import TIQCore
@testable import TIQEngine
import TIQStore

@Suite("Sector selection in TQL: where naf (issue 16)")
struct SectorQueryTests {
    static let engine = Engine(snapshot: BreakdownFixture.snapshot)
    static let communeOf: [String: String] = ["01": "E1", "02": "E1", "03": "E2", "04": "E2"]

    /// The series column `name` of a table as (value, status) per row and period.
    static func series(_ t: ResultTable, _ name: String) throws -> (values: [Double], statuses: [ObservationStatus]?) {
        let c = try #require(t.columns.first { $0.name == name })
        guard case .series(let v, let s) = c.values else { Issue.record("\(name) is not a series"); return ([], nil) }
        return (v, s)
    }

    static func codes(_ t: ResultTable) throws -> [String] {
        let c = try #require(t.columns.first { $0.name == "code" })
        guard case .text(let v) = c.values else { return [] }
        return v.map { $0 ?? "" }
    }

    /// Brute force at the EPCI: the strict sum of its communes' brute-force values.
    static func expectedEPCI(_ epci: String, year: Int, sections: Set<Character>?) -> (Double?, ObservationStatus) {
        let parts = communeOf.filter { $0.value == epci }.keys.sorted().map { BreakdownFixture.expected(commune: $0, year: year, sections: sections) }
        if let absent = parts.first(where: { $0.0 == nil && $0.1 != .notApplicable }) {
            let secret = parts.contains { $0.0 == nil && $0.1 == .secret }
            return (nil, secret ? .secret : absent.1)
        }
        let present = parts.filter { $0.0 != nil }
        if present.isEmpty { return (nil, .notApplicable) }
        return (present.reduce(0) { $0 + $1.0! }, present.contains { $0.1 == .estimated } ? .estimated : .ok)
    }

    static let cases: [(String, Set<Character>?)] = [
        (#"where naf in ("B".."E")"#, ["B", "C", "D", "E"]),
        (#"where naf == "C""#, ["C"]),
        (#"where naf in ("10", "11", "25")"#, ["C"]),
        (#"where naf in ("J", "A")"#, ["J", "A"]),
    ]

    @Test(arguments: 0..<cases.count)
    func aSelectionSumsTheKeptSectorsAtEveryLevel(_ k: Int) throws {
        let (clause, sections) = Self.cases[k]
        for level in ["commune", "epci"] {
            let t = try Self.engine.run("from jobs at \(level) | \(clause)")
            let (values, statuses) = try Self.series(t, "jobs")
            let years = t.periods.map { Int($0.year) }
            for (r, code) in try Self.codes(t).enumerated() {
                for (q, y) in years.enumerated() {
                    let (v, st) = level == "commune" ? BreakdownFixture.expected(commune: code, year: y, sections: sections)
                                                     : Self.expectedEPCI(code, year: y, sections: sections)
                    let got = values[r * years.count + q]
                    #expect(v.map { $0 == got } ?? got.isNaN, "\(level) \(code) \(y) \(clause): \(got) vs \(String(describing: v))")
                    #expect((statuses?[r * years.count + q] ?? (got.isNaN ? .missing : .ok)) == st, "\(level) \(code) \(y) \(clause)")
                }
            }
        }
    }

    @Test func withoutSelectionTheTotalIsEverySectorAndOtherIndicatorsAreUntouched() throws {
        let t = try Self.engine.run("from jobs at epci")
        let (values, _) = try Self.series(t, "jobs")
        let years = t.periods.map { Int($0.year) }
        for (r, code) in try Self.codes(t).enumerated() {
            for (q, y) in years.enumerated() {
                let (v, _) = Self.expectedEPCI(code, year: y, sections: nil)
                #expect(v.map { $0 == values[r * years.count + q] } ?? values[r * years.count + q].isNaN, "\(code) \(y)")
            }
        }
        let both = try Self.engine.run(#"from jobs, pop at commune | where naf == "C""#)
        #expect(try Self.series(both, "pop").values.filter { !$0.isNaN } == [1000, 1000, 1000, 1000])
    }

    /// Sector rows stored at the EPCI itself win over the sum of its communes' rows (the
    /// finest level is only the fallback): E1's published division 10 in 2020 is 999, while
    /// its communes hold 110.
    @Test func sectorRowsStoredAtTheQueriedLevelWinOverTheCommunes() throws {
        let published = BreakdownFixture.observations + "epci:E1,jobs,2020,999,,10\n"
        let engine = Engine(snapshot: try DatasetLoader.loadSnapshot(directory: try BreakdownFixture.directory(observations: published), id: 2))
        let communeSum = BreakdownFixture.rows.filter { $0.naf == "10" && $0.year == 2020 && ["01", "02"].contains($0.commune) }
            .reduce(0) { $0 + ($1.value ?? 0) }
        #expect(communeSum == 110, "the fixture's communes of E1 hold 110 in division 10 in 2020")
        let t = try engine.run(#"from jobs at epci | where naf == "10""#)
        let (values, _) = try Self.series(t, "jobs")
        let years = t.periods.map { Int($0.year) }
        let r = try #require(try Self.codes(t).firstIndex(of: "E1")), q = try #require(years.firstIndex(of: 2020))
        #expect(values[r * years.count + q] == 999)
        // At commune level nothing changes.
        let c = try engine.run(#"from jobs at commune | where naf == "10""#)
        let cr = try #require(try Self.codes(c).firstIndex(of: "01")), cq = try #require(c.periods.firstIndex { $0.year == 2020 })
        #expect(try Self.series(c, "jobs").values[cr * c.periods.count + cq] == 110)
    }

    static let misuses: [(String, String, Int)] = [
        (#"from jobs at commune | period 2019..2022 | where naf in ("C")"#, "E317", 50),
        (#"from jobs at commune | where naf == "C" | where naf == "F""#, "E317", 49),
        (#"from pop at commune | where naf == "C""#, "E318", 29),
        (#"from jobs at commune | where naf != "C""#, "E318", 30),
        (#"from jobs at commune | where naf in ("C", "Z")"#, "E319", 43),
        (#"from jobs at commune | where naf in ("E".."B")"#, "E319", 38),
    ]

    @Test(arguments: 0..<misuses.count)
    func misusesAreErrorsWithSpans(_ k: Int) throws {
        let (q, code, column) = Self.misuses[k]
        let d = try #require(Self.engine.check(q).first { $0.severity == .error })
        #expect(d.code == code, "\(q): \(d)")
        #expect(d.span?.column == column, "\(q): \(d)")
        #expect(d.help?.isEmpty == false)
    }
}
