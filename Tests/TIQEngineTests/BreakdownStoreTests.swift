import Foundation
import Testing
import TIQCore
@testable import TIQStore

@Suite("Sector breakdowns in the store (issue 16)")
struct BreakdownStoreTests {
    static func load() throws -> Snapshot { BreakdownFixture.snapshot }

    /// Every commune-year of a selection against the brute force over the rows.
    static func checkSums(_ s: Snapshot, sections: Set<Character>?) throws {
        let jobs = try #require(s.indicatorByCode["jobs"]), commune = try #require(s.levelByName["commune"])
        let b = try #require(s.breakdown(jobs, at: commune))
        let rows = s[level: commune].count
        let (values, statuses) = b.sum(rows: rows) { code in sections.map { $0.contains(NAFCode.ancestor(of: code, depth: 0)!.first!) } ?? true }
        for (r, code) in s[level: commune].codes.enumerated() {
            for y in BreakdownFixture.years {
                let q = Int(Period(year: Int32(y)).ordinal - b.axis.start)
                let (v, st) = BreakdownFixture.expected(commune: code, year: y, sections: sections)
                let got = values[r * b.axis.count + q]
                #expect(v.map { $0 == got } ?? got.isNaN, "\(code) \(y) \(String(describing: sections)): \(got) vs \(String(describing: v))")
                #expect(statuses[r * b.axis.count + q] == st, "\(code) \(y) \(String(describing: sections))")
            }
        }
    }

    @Test func selectionsSumTheLeavesAsTheBruteForceDoes() throws {
        let s = try Self.load()
        for sections: Set<Character>? in [nil, ["C"], ["B", "C", "D", "E"], ["J"], ["A"]] {
            try Self.checkSums(s, sections: sections)
        }
    }

    @Test func theTotalColumnIsTheSumOfEveryCode() throws {
        let s = try Self.load()
        let jobs = try #require(s.indicatorByCode["jobs"]), commune = try #require(s.levelByName["commune"])
        let total = try #require(s.column(jobs, at: commune))
        for (r, code) in s[level: commune].codes.enumerated() {
            for y in BreakdownFixture.years {
                let q = Int(Period(year: Int32(y)).ordinal - total.axis.start)
                let (v, st) = BreakdownFixture.expected(commune: code, year: y, sections: nil)
                let got = total.values[r * total.axis.count + q]
                #expect(v.map { $0 == got } ?? got.isNaN, "\(code) \(y)")
                #expect(total.status(row: r, period: q) == st, "\(code) \(y)")
            }
        }
        #expect(s.breakdown(try #require(s.indicatorByCode["pop"]), at: commune) == nil)
        #expect(s[indicator: jobs].breakdown == "naf")
    }

    @Test func countsAreStoredAsFloat32AtEightBytesAnObservation() throws {
        let s = try Self.load()
        let b = try #require(s.breakdowns.values.first)
        guard case .float(let v) = b.values else { Issue.record("counts should be stored as Float32"); return }
        #expect(v.count == BreakdownFixture.rows.count)
        #expect(b.cells.count == BreakdownFixture.rows.count)
        #expect(b.codes == ["05", "10", "11", "25", "35", "38", "45", "62"])
    }

    @Test func aSnapshotFileKeepsTheBreakdown() throws {
        let s = try Self.load()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-breakdown-\(UUID().uuidString).snap").path
        try SnapshotFile.write(s, to: path)
        let back = try SnapshotFile.read(path: path, id: 2)
        #expect(back[indicator: try #require(back.indicatorByCode["jobs"])].breakdown == "naf")
        #expect(back.breakdowns.count == s.breakdowns.count)
        for sections: Set<Character>? in [nil, ["C"], ["B", "C", "D", "E"]] { try Self.checkSums(back, sections: sections) }
    }

    @Test func nafCodesAreReadInEveryPublishedForm() {
        #expect(NAFCode.canonical("1071C")! == ("10.71C", 4))
        #expect(NAFCode.canonical("10.71c")! == ("10.71C", 4))
        #expect(NAFCode.canonical("10.7")! == ("10.7", 2))
        #expect(NAFCode.canonical("c")! == ("C", 0))
        #expect(NAFCode.canonical("04") == nil)
        #expect(NAFCode.canonical("Z") == nil)
        #expect(NAFCode.ancestor(of: "10.71C", depth: 0) == "C")
        #expect(NAFCode.ancestor(of: "10.71C", depth: 2) == "10.7")
        #expect(NAFCode.contains("10", "10.71C") && NAFCode.contains("C", "10") && !NAFCode.contains("B", "10"))
    }

    /// (indicators.csv, observations.csv, code, file, line, column)
    static let broken: [(String, String, String, String, Int, Int)] = [
        ("code,name,unit,aggregate,frequency,source,breakdown\njobs,J,jobs,sum,A,t,nace\n",
         "territory,indicator,period,value\n", "D131", "indicators.csv", 2, 21),
        ("code,name,unit,aggregate,frequency,source,breakdown\njobs,J,jobs,mean,A,t,naf\n",
         "territory,indicator,period,value\n", "D131", "indicators.csv", 2, 22),
        ("code,name,unit,aggregate,frequency,source,breakdown\njobs,J,jobs,sum,A,t,naf\n",
         "territory,indicator,period,value,naf\ncommune:01,jobs,2018,1,10\ncommune:01,jobs,2018,1,04\n", "D132", "observations.csv", 3, 24),
        ("code,name,unit,aggregate,frequency,source\njobs,J,jobs,sum,A,t\n",
         "territory,indicator,period,value,naf\ncommune:01,jobs,2018,1,10\n", "D133", "observations.csv", 2, 24),
        ("code,name,unit,aggregate,frequency,source,breakdown\njobs,J,jobs,sum,A,t,naf\n",
         "territory,indicator,period,value,naf\ncommune:01,jobs,2018,1,10\ncommune:01,jobs,2019,1,C\n", "D133", "observations.csv", 3, 24),
        ("code,name,unit,aggregate,frequency,source,breakdown\njobs,J,jobs,sum,A,t,naf\n",
         "territory,indicator,period,value,naf\ncommune:01,jobs,2018,1,10\ncommune:01,jobs,2018,2,10\n", "D122", "observations.csv", 3, 17),
    ]

    @Test(arguments: 0..<broken.count)
    func badBreakdownsAreReportedWhereTheyAre(_ k: Int) throws {
        let (ind, obs, code, file, line, column) = Self.broken[k]
        let dir = try BreakdownFixture.directory(indicators: ind, observations: obs)
        let failure = #expect(throws: LoadFailure.self) { try DatasetLoader.loadSnapshot(directory: dir, id: 1) }
        let d = try #require(failure?.diagnostics.first)
        #expect(failure?.diagnostics.count == 1, "\(failure?.description ?? "")")
        #expect(d.code == code, "\(d)")
        #expect(d.file?.hasSuffix("/" + file) == true, "\(d)")
        #expect(d.span?.line == line && d.span?.column == column, "\(d)")
        #expect(d.help?.isEmpty == false)
    }

    @Test func theSameCodeWrittenTwoWaysIsOneCell() throws {
        let ind = "code,name,unit,aggregate,frequency,source,breakdown\njobs,J,jobs,sum,A,t,naf\n"
        let obs = "territory,indicator,period,value,naf\ncommune:01,jobs,2018,1,10.71C\ncommune:01,jobs,2018,2,1071c\n"
        let dir = try BreakdownFixture.directory(indicators: ind, observations: obs)
        let failure = #expect(throws: LoadFailure.self) { try DatasetLoader.loadSnapshot(directory: dir, id: 1) }
        #expect(failure?.codes == ["D122"])
    }
}
