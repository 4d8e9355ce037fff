import Foundation
import Testing
import TIQCore
@testable import TIQStore

/// Nine communes in five EPCIs, four phase-1 TIs, one phase-2 TI, three départements, two
/// régions. The hard cases: EPCI e1 is linked to d1 but its commune c3 is linked directly to
/// d2 (and to TI t2 while e1 is in t1); c4 is split 0.6/0.4 between e2 and e3; e4 has exactly
/// half its population in a TI; c8 has no population; c9 is split between two TIs.
enum StraddleFixture {
    static func dataset() -> Dataset {
        var d = Dataset()
        d.attributeNames = ["population"]
        func t(_ level: String, _ code: String, _ pop: String = "") -> TerritoryRecord {
            TerritoryRecord(level: level, code: code, name: code.uppercased(), attributes: [pop])
        }
        d.territories = [
            t("commune", "c1", "100"), t("commune", "c2", "300"), t("commune", "c3", "600"), t("commune", "c4", "1000"),
            t("commune", "c5", "2000"), t("commune", "c6", "100"), t("commune", "c7", "100"), t("commune", "c8"),
            t("commune", "c9", "500"),
            t("epci", "e1"), t("epci", "e2"), t("epci", "e3"), t("epci", "e4"), t("epci", "e5"),
            t("ti1", "t1"), t("ti1", "t2"), t("ti1", "t3"), t("ti1", "t4"), t("ti2", "u1"),
            t("dept", "d1"), t("dept", "d2"), t("dept", "d3"), t("region", "r1"), t("region", "r2"), t("france", "fr"),
        ]
        func l(_ child: String, _ parent: String, _ w: Double = 1) -> LinkRecord { LinkRecord(child: child, parent: parent, weight: w) }
        d.links = [
            l("commune:c1", "epci:e1"), l("commune:c2", "epci:e1"), l("commune:c3", "epci:e1"),
            l("commune:c4", "epci:e2", 0.6), l("commune:c4", "epci:e3", 0.4), l("commune:c5", "epci:e3"),
            l("commune:c6", "epci:e4"), l("commune:c7", "epci:e4"), l("commune:c8", "epci:e5"), l("commune:c9", "epci:e5"),
            l("commune:c1", "dept:d1"), l("commune:c2", "dept:d1"), l("commune:c3", "dept:d2"), l("commune:c4", "dept:d2"),
            l("commune:c5", "dept:d2"), l("commune:c6", "dept:d3"), l("commune:c7", "dept:d3"), l("commune:c8", "dept:d3"),
            l("commune:c9", "dept:d3"),
            l("epci:e1", "dept:d1"), l("epci:e3", "dept:d2"), l("epci:e4", "dept:d3"),
            l("epci:e1", "ti1:t1"), l("commune:c3", "ti1:t2"), l("epci:e2", "ti1:t3"), l("commune:c5", "ti1:t3"),
            l("commune:c6", "ti1:t4"), l("commune:c9", "ti1:t4", 0.5), l("commune:c9", "ti1:t1", 0.5),
            l("epci:e3", "ti2:u1"), l("commune:c8", "ti2:u1"),
            l("dept:d1", "region:r1"), l("dept:d2", "region:r1"), l("dept:d3", "region:r2"),
            l("region:r1", "france:fr"), l("region:r2", "france:fr"),
        ]
        return d
    }
}

@Suite struct MembershipRuleTests {
    let s: Snapshot
    init() throws { s = try SnapshotBuilder.build(StraddleFixture.dataset(), origin: "straddle", id: 1) }

    func level(_ name: String) -> LevelTable { s[level: s.levelByName[name]!] }
    func numbers(_ level: String, _ a: String) -> [Double] {
        guard case .number(let v)? = self.level(level).attribute(a)?.column else { Issue.record("\(level).\(a)"); return [] }
        return v
    }
    func flagged(_ level: String, _ a: String) -> [String] {
        let t = self.level(level)
        guard case .flag(let b)? = t.attribute(a)?.column else { Issue.record("\(level).\(a)"); return [] }
        return b.rows.map { t.codes[$0] }
    }
    func territory(_ level: String, _ a: String) -> [String?] {
        let t = self.level(level)
        guard case .territory(let g, let rows)? = t.attribute(a)?.column else { Issue.record("\(level).\(a)"); return [] }
        return rows.map { $0 == .max ? nil : s[level: g].codes[Int($0)] }
    }
    func weight(_ from: String, _ a: String, _ to: String, _ b: String) -> Double? {
        let f = level(from), t = level(to)
        guard let m = s.membership(from: f.id, to: t.id), let p = t.codes.firstIndex(of: b) else { return nil }
        return m.range(of: p).first { f.codes[Int(m.children[$0])] == a }.map { m.weights[$0] }
    }

    @Test func everythingAgreesWithTheBruteForceRule() {
        OracleAgreement.expectAgreement(s, MembershipOracle(StraddleFixture.dataset()))
    }

    @Test func directLinksWinOverPaths() {
        // c3: linked to d2 and t2 directly; its EPCI e1 is linked to d1 and t1.
        #expect(territory("commune", "dept") == ["d1", "d1", "d2", "d2", "d2", "d3", "d3", "d3", "d3"])
        #expect(territory("commune", "region") == ["r1", "r1", "r1", "r1", "r1", "r2", "r2", "r2", "r2"])
        #expect(weight("commune", "c3", "ti1", "t1") == nil && weight("commune", "c3", "ti1", "t2") == 1)
        #expect(weight("commune", "c3", "dept", "d1") == nil && weight("commune", "c3", "dept", "d2") == 1)
    }

    @Test func straddlingEPCIsLieInEachDépartementByPopulation() {
        // e1 = c1 100 + c2 300 (d1) + c3 600 (d2): 400/1000 and 600/1000, whatever e1 → d1 says.
        #expect(weight("epci", "e1", "dept", "d1") == 0.4)
        #expect(weight("epci", "e1", "dept", "d2") == 0.6)
        #expect(territory("epci", "dept") == ["d2", "d2", "d2", "d3", "d3"])   // e1: the larger part
    }

    @Test func populationsArePartitions() {
        // d1 = 100 + 300; d2 = 600 + 1000 + 2000; d3 = 100 + 100 + 500 (c8 unknown).
        #expect(numbers("dept", "population") == [400, 3600, 700])
        #expect(numbers("region", "population") == [4000, 700])
        #expect(numbers("france", "population") == [4700])
        #expect(numbers("epci", "population") == [1000, 600, 2400, 200, 500])   // c4 split 600 / 400
    }

    @Test func sharesAreExactFloat64() {
        // e4 = c6 100 (t4) + c7 100: exactly half, flagged. d1 = c1 + c2, both in t1 through e1: exactly 1.
        #expect(numbers("epci", "ti1_share")[3] == 0.5)
        #expect(flagged("epci", "ti1").contains("e4"))
        #expect(numbers("dept", "ti1_share")[0] == 1.0)
        #expect(weight("commune", "c1", "ti1", "t1") == 1.0)
        #expect(numbers("commune", "ti1_share")[3] == 0.6)                      // c4: t3 through e2 only
    }

    @Test func départementsAndRégionsGetTIAttributes() {
        // d1: 400/400 in t1; d2: c3 600 (t2) + c4 600 (t3) + c5 2000 (t3) of 3600; d3: c6 100 (t4) + c9 500 (t4, t1) of 700.
        let dShare = numbers("dept", "ti1_share")
        #expect(dShare == [1, 3200.0 / 3600, 600.0 / 700])
        #expect(flagged("dept", "ti1") == ["d1", "d2", "d3"])
        #expect(numbers("dept", "ti1_count") == [1, 2, 2])
        guard case .text(let codes, let values)? = level("dept").attribute("ti1_code")?.column else { Issue.record("ti1_code"); return }
        #expect(codes.map { values[Int($0)] } == ["t1", "t3", "t4"])              // d3: t4 holds 100 + 250, t1 250
        #expect(numbers("region", "ti1_share") == [3600.0 / 4000, 600.0 / 700])
        #expect(numbers("region", "ti1_count") == [3, 2])
        #expect(numbers("france", "ti1_share") == [4200.0 / 4700])
        // ti2: e3 (c4's 0.4 and c5) and c8 (no population): d2 = 2400/3600; d3 = 0 of the known population.
        #expect(numbers("dept", "ti2_share") == [0, 2400.0 / 3600, 0])
        #expect(flagged("dept", "ti2") == ["d2"] && flagged("dept", "new_ti2").isEmpty)
        #expect(level("ti1").attribute("ti2_share") != nil && level("ti2").attribute("ti1_share") != nil)
    }

    @Test func pathsThatExceedTheWholeAreRefusedWithTheirLines() throws {
        let dir = try TempDataset.make(
            territories: "level,code,name\ncommune,x1,X\ncommune,x2,X2\ncommune,x3,X3\nepci,e,E\nbassin,b,B\nti1,t1,T1\nti1,t2,T2\n",
            links: "child,parent,weight\ncommune:x1,epci:e,\ncommune:x1,bassin:b,\nepci:e,ti1:t1,\nbassin:b,ti1:t2,\n",
            observations: "territory,indicator,period,value,status\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try DatasetLoader.loadSnapshot(directory: dir, id: 1)
            Issue.record("loaded a commune lying twice in ti1")
        } catch {
            #expect(error.codes == ["D109"])
            let d = try #require(error.diagnostics.first)
            #expect(d.file?.hasSuffix("links.csv") == true && d.span?.line == 2)
            #expect(d.message.contains("commune:x1") && d.message.contains("`ti1`") && d.message.contains("add up to 2.0"))
            #expect(d.message.contains("links.csv:2") && d.message.contains("links.csv:3"))
        }
        // A direct link settles it: x1 lies in t1 only.
        let fixed = try TempDataset.make(
            territories: "level,code,name\ncommune,x1,X\ncommune,x2,X2\ncommune,x3,X3\nepci,e,E\nbassin,b,B\nti1,t1,T1\nti1,t2,T2\n",
            links: "child,parent,weight\ncommune:x1,epci:e,\ncommune:x1,bassin:b,\nepci:e,ti1:t1,\nbassin:b,ti1:t2,\ncommune:x1,ti1:t1,\n",
            observations: "territory,indicator,period,value,status\n")
        defer { try? FileManager.default.removeItem(atPath: fixed) }
        let s = try DatasetLoader.loadSnapshot(directory: fixed, id: 1)
        let m = try #require(s.membership(from: s.levelByName["commune"]!, to: s.levelByName["ti1"]!))
        #expect(Array(m.children[m.range(of: 0)]) == [0] && m.range(of: 1).isEmpty && m.weights == [1])
    }

    @Test func consistentRedundantPathsAreNotCountedTwice() throws {
        // x → e → d and x → d: the direct link wins; d → r reached once.
        var d = Dataset()
        d.territories = [TerritoryRecord(level: "commune", code: "x", name: "X", attributes: []),
                         TerritoryRecord(level: "commune", code: "y", name: "Y", attributes: []),
                         TerritoryRecord(level: "epci", code: "e", name: "E", attributes: []),
                         TerritoryRecord(level: "dept", code: "d", name: "D", attributes: []),
                         TerritoryRecord(level: "region", code: "r", name: "R", attributes: [])]
        d.links = [LinkRecord(child: "commune:x", parent: "epci:e"), LinkRecord(child: "commune:x", parent: "dept:d"),
                   LinkRecord(child: "commune:y", parent: "epci:e"), LinkRecord(child: "epci:e", parent: "dept:d"),
                   LinkRecord(child: "dept:d", parent: "region:r")]
        let s = try SnapshotBuilder.build(d, origin: "t", id: 1)
        let m = try #require(s.membership(from: s.levelByName["commune"]!, to: s.levelByName["region"]!))
        #expect(Array(m.children) == [0, 1] && m.weights == [1, 1])   // y through e → d → r
    }
}
