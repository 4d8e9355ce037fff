import Foundation
import Testing
import TIQCore
@testable import TIQStore

/// Links with a validity (`from`, `to` in links.csv): read, refused where wrong (at
/// file:line:column), turned into a perimeter timeline, and kept by a snapshot file.
@Suite struct LinkValidityTests {
    static let territories = "level,code,name,population\ncommune,01,Alpha,10\ncommune,02,Beta,30\ncommune,03,Gamma,60\n"
        + "epci,E1,Grp,\nti,A,TI A,\nti,B,TI B,\n"
    static let base = "commune:01,epci:E1,,,\ncommune:02,epci:E1,,,\ncommune:03,epci:E1,,,\n"
    static let header = "child,parent,weight,from,to\n"

    static func failure(_ links: String) throws -> Diagnostic? {
        let dir = try TempDataset.make(territories: territories, links: header + base + links)
        let f = #expect(throws: LoadFailure.self) { try DatasetLoader.loadSnapshot(directory: dir, id: 1) }
        #expect(f?.diagnostics.count == 1, "\(f?.description ?? "")")
        return f?.diagnostics.first
    }

    @Test func aCellThatIsNotAPeriodIsD115() throws {
        let d = try #require(try Self.failure("commune:01,ti:A,,20x3,\n"))
        #expect(d.code == "D115" && d.span?.line == 5 && d.span?.column == 18 && d.file?.hasSuffix("links.csv") == true)
        #expect(d.message.contains("`from` `20x3` is not a period"))
    }

    @Test func aValidityEndingBeforeItStartsIsD140() throws {
        let d = try #require(try Self.failure("commune:01,ti:A,,2023,2021\n"))
        #expect(d.code == "D140" && d.span?.line == 5 && d.span?.column == 23)
    }

    @Test func overlappingValiditiesOfOneLinkAreD141() throws {
        let d = try #require(try Self.failure("commune:01,ti:A,,2019,2022\ncommune:02,ti:A,,,\ncommune:01,ti:A,,2022,\n"))
        #expect(d.code == "D141" && d.span?.line == 7 && d.span?.column == 18)
        #expect(d.message.contains("line 5"))
        // A link without validity holds at every period: a timed copy of it overlaps.
        let e = try #require(try Self.failure("commune:02,ti:A,,,\ncommune:02,ti:A,,2020,\n"))
        #expect(e.code == "D141" && e.span?.line == 6)
    }

    /// The perimeter of all time holds every link: a commune moving from one TI to another of
    /// the same level would be in both at once there, which the one membership rule refuses.
    @Test func movingBetweenTwoTerritoriesOfOneLevelIsD109() throws {
        let d = try #require(try Self.failure("commune:01,ti:A,,,2020\ncommune:01,ti:B,,2021,\n"))
        #expect(d.code == "D109" && d.span?.line == 6)
    }

    /// The shares at each period against a direct computation from the populations
    /// (10, 30, 60, 100): 01 in A 2019-2020, 02 half in B from 2020, 03 in A in 2018 and again from 2022.
    @Test func sharesFollowTheLinksValidAtEachPeriod() throws {
        // Commune 04 (population 100) is in no TI, so `ti` is a grouping, not a partition.
        let links = "commune:04,epci:E1,,,\ncommune:01,ti:A,,2019,2020\ncommune:02,ti:B,0.5,2020,\ncommune:03,ti:A,,2018,2018\ncommune:03,ti:A,,2022,\n"
        let dir = try TempDataset.make(territories: Self.territories + "commune,04,Delta,100\n", links: Self.header + Self.base + links)
        let s = try DatasetLoader.loadSnapshot(directory: dir, id: 1)
        let commune = try #require(s.levelByName["commune"]), epci = try #require(s.levelByName["epci"]), ti = try #require(s.levelByName["ti"])
        let expected: [Int32: (communes: [Double], epci: Double)] = [
            2017: ([0, 0, 0, 0], 0), 2018: ([0, 0, 1, 0], 60 / 200), 2019: ([1, 0, 0, 0], 10 / 200),
            2020: ([1, 0.5, 0, 0], (10 + 15) / 200), 2021: ([0, 0.5, 0, 0], 15 / 200), 2022: ([0, 0.5, 1, 0], (15 + 60) / 200),
        ]
        for (year, want) in expected {
            let p = Period(year: year)
            #expect(s.timeline.shares(of: commune, in: ti, at: p) == want.communes, "\(year)")
            let e = try #require(s.timeline.shares(of: epci, in: ti, at: p))
            #expect(abs(e[0] - want.epci) < 1e-12, "\(year): \(e[0])")
        }
        // A quarter reads the links holding on its first month.
        #expect(s.timeline.shares(of: commune, in: ti, at: Period(year: 2020, frequency: .quarter, subperiod: 4)) == [1, 0.5, 0, 0])
        // The snapshot's own attributes are those of all time: 03 counts once, 01 and 02 as ever linked.
        guard case .number(let share)? = s[level: epci].attribute("ti_share")?.column else { Issue.record("no ti_share"); return }
        #expect(abs(share[0] - Double(10 + 15 + 60) / 200) < 1e-12)

        // The timeline survives a snapshot file.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-validity-\(UUID().uuidString).tiqsnap").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try SnapshotFile.write(s, to: file)
        let back = try SnapshotFile.read(path: file, id: 2)
        #expect(back.timeline.boundaries == s.timeline.boundaries)
        #expect(back.timeline.shares == s.timeline.shares)
    }

    /// Without `from`/`to` columns (or with them empty) there is no timeline.
    @Test func withoutValidityThereIsNoTimeline() throws {
        let plain = try DatasetLoader.loadSnapshot(directory: try TempDataset.make(), id: 1)
        #expect(plain.timeline.isEmpty && plain.timeline.epochCount == 1)
        let empty = try DatasetLoader.loadSnapshot(directory: try TempDataset.make(territories: Self.territories,
                                                   links: Self.header + Self.base + "commune:01,ti:A,,,\n"), id: 1)
        #expect(empty.timeline.isEmpty)
    }
}
