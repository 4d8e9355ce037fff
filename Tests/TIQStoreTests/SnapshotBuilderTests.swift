import Testing
import TIQCore
@testable import TIQStore

/// Six communes, three EPCIs, two phase-1 TIs sharing commune c3 half and half, two phase-2 TIs
/// (one made of a commune without population), one département. Every expectation below is
/// computed by hand from these lines.
enum SplitFixture {
    static func dataset() -> Dataset {
        var d = Dataset()
        d.attributeNames = ["population", "type"]
        func t(_ level: String, _ code: String, _ name: String, _ pop: String = "", _ type: String = "") -> TerritoryRecord {
            TerritoryRecord(level: level, code: code, name: name, attributes: [pop, type])
        }
        d.territories = [
            t("commune", "c3", "Gamma", "600"), t("commune", "c1", "Alpha", "100"), t("commune", "c2", "Beta", "300"),
            t("commune", "c4", "Delta", "1000"), t("commune", "c5", "Epsilon", "2000"), t("commune", "c6", "Zeta"),
            t("epci", "e2", "CA Deux", "", "CA"), t("epci", "e1", "CC Un", "", "CC"), t("epci", "e3", "CC Trois", "", "CC"),
            t("ti1", "t2", "TI Deux"), t("ti1", "t1", "TI Un"),
            t("ti2", "u1", "TI2 Un"), t("ti2", "u2", "TI2 Deux"),
            t("dept", "d1", "Dept"),
        ]
        d.links = [
            LinkRecord(child: "commune:c1", parent: "epci:e1"), LinkRecord(child: "commune:c2", parent: "epci:e1"),
            LinkRecord(child: "commune:c3", parent: "epci:e1"), LinkRecord(child: "commune:c4", parent: "epci:e2"),
            LinkRecord(child: "commune:c5", parent: "epci:e2"), LinkRecord(child: "commune:c6", parent: "epci:e3"),
            LinkRecord(child: "epci:e1", parent: "dept:d1"), LinkRecord(child: "epci:e2", parent: "dept:d1"),
            LinkRecord(child: "epci:e3", parent: "dept:d1"),
            LinkRecord(child: "commune:c1", parent: "ti1:t1"), LinkRecord(child: "commune:c2", parent: "ti1:t1"),
            LinkRecord(child: "commune:c3", parent: "ti1:t1", weight: 0.5), LinkRecord(child: "commune:c3", parent: "ti1:t2", weight: 0.5),
            LinkRecord(child: "commune:c4", parent: "ti1:t2"),
            LinkRecord(child: "epci:e2", parent: "ti2:u1"), LinkRecord(child: "epci:e3", parent: "ti2:u2"),
        ]
        d.indicators = [
            IndicatorRecord(code: "emp", name: "Emploi", unit: "jobs", aggregate: "sum", frequency: "A", source: "test"),
            IndicatorRecord(code: "ebe", name: "EBE", unit: "EUR", aggregate: "sum", frequency: "A", source: "test"),
            IndicatorRecord(code: "va", name: "VA", unit: "EUR", aggregate: "sum", frequency: "A", source: "test"),
            IndicatorRecord(code: "marge", name: "Taux de marge", unit: "%", aggregate: "ratio(ebe, va)", frequency: "A", source: "test"),
            IndicatorRecord(code: "conj", name: "Conjoncture", unit: "index", aggregate: "mean weight population", frequency: "Q", source: "test"),
        ]
        var o = ObservationTable()
        o.territoryKeys = ["epci:e1", "epci:e2", "epci:e3", "commune:c1", "commune:c2"]
        o.indicatorCodes = ["emp", "conj"]
        func add(_ t: UInt32, _ i: UInt16, _ p: String, _ v: Double, _ s: ObservationStatus = .ok) {
            o.territories.append(t); o.indicators.append(i); o.periods.append(Period(p)!); o.values.append(v); o.statuses.append(s)
        }
        add(1, 0, "2019", 20)
        add(0, 0, "2018", 10, .estimated)
        add(0, 0, "2020", .nan, .secret)
        add(2, 0, "2019", .nan, .missing)
        add(2, 0, "2020", 7)
        add(4, 1, "2018-Q3", 1.5)
        add(3, 1, "2019-Q1", 2, .provisional)
        d.observations = o
        return d
    }
}

@Suite struct SnapshotBuilderTests {
    let s: Snapshot
    init() throws { s = try SnapshotBuilder.build(SplitFixture.dataset(), origin: "fixture", id: 3) }

    func level(_ name: String) throws -> LevelTable { s[level: try #require(s.levelByName[name])] }
    func id(_ name: String) -> LevelID { s.levelByName[name]! }
    func numbers(_ l: LevelTable, _ a: String) throws -> [Double] {
        guard case .number(let v) = try #require(l.attribute(a)).column else { Issue.record("\(a) is not a number"); return [] }
        return v
    }
    func flag(_ l: LevelTable, _ a: String) throws -> [Int] {
        guard case .flag(let b) = try #require(l.attribute(a)).column else { Issue.record("\(a) is not a flag"); return [] }
        return b.rows
    }
    func texts(_ l: LevelTable, _ a: String) throws -> [String?] {
        guard case .text(let codes, let values) = try #require(l.attribute(a)).column else { Issue.record("\(a) is not text"); return [] }
        return codes.map { $0 == .max ? nil : values[Int($0)] }
    }
    func territories(_ l: LevelTable, _ a: String) throws -> [UInt32] {
        guard case .territory(_, let rows) = try #require(l.attribute(a)).column else { Issue.record("\(a) is not a territory"); return [] }
        return rows
    }
    func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.isNaN && $1.isNaN || abs($0 - $1) < 1e-6 }
    }

    @Test func levelsAreOrderedFinestFirstWithRowsSortedByCode() throws {
        #expect(s.levels.map(\.name) == ["commune", "epci", "ti1", "ti2", "dept"])
        #expect(try level("commune").codes == ["c1", "c2", "c3", "c4", "c5", "c6"])
        #expect(try level("epci").names == ["CC Un", "CA Deux", "CC Trois"])
        #expect(try level("ti1").codes == ["t1", "t2"])
        #expect(s.id == 3 && s.origin == "fixture")
    }

    @Test func membershipWeightsFollowPopulation() throws {
        let m = try #require(s.membership(from: id("epci"), to: id("ti1")))
        #expect(Array(m.children[m.range(of: 0)]) == [0])
        #expect(abs(m.weights[m.range(of: 0)].first! - 0.7) < 1e-6)                 // (100 + 300 + 600/2) / 1000
        #expect(Array(m.children[m.range(of: 1)]) == [0, 1])
        #expect(close(Array(m.weights[m.range(of: 1)]), [0.3, 1.0 / 3]))   // 300/1000, 1000/3000
        #expect(m.exact.isEmpty)
        let c = try #require(s.membership(from: id("commune"), to: id("ti1")))
        #expect(Array(c.children[c.range(of: 0)]) == [0, 1, 2] && c.weights[c.range(of: 0)] == [1, 1, 0.5])
        #expect(Array(c.children[c.range(of: 1)]) == [2, 3] && c.weights[c.range(of: 1)] == [0.5, 1])
        let e = try #require(s.membership(from: id("commune"), to: id("epci")))
        #expect(e.exact.rows == [0, 1, 2] && e.weights.allSatisfy { $0 == 1 })
        let d = try #require(s.membership(from: id("ti2"), to: id("dept")))
        #expect(Array(d.children) == [0, 1] && d.weights == [1, 1] && d.exact.rows == [0])   // u2 weighs by commune count
        #expect(s.membership(from: id("ti1"), to: id("ti2")) == nil)                          // equal counts: no order
        #expect(s.membership(from: id("dept"), to: id("epci")) == nil)
    }

    @Test func derivedAttributesOfEPCIs() throws {
        let e = try level("epci")
        #expect(try texts(e, "type") == ["CC", "CA", "CC"])
        #expect(close(try numbers(e, "population"), [1000, 3000, .nan]))
        #expect(try flag(e, "ti1") == [0])
        #expect(close(try numbers(e, "ti1_share"), [1, 1.0 / 3, 0]))
        #expect(try texts(e, "ti1_name") == ["TI Un", nil, nil])
        #expect(try texts(e, "ti1_code") == ["t1", nil, nil])
        #expect(try flag(e, "ti2") == [1, 2])
        #expect(close(try numbers(e, "ti2_share"), [0, 1, 1]))
        #expect(try flag(e, "new_ti2") == [1, 2])
        #expect(try territories(e, "dept") == [0, 0, 0])
        #expect(close(try numbers(e, "dept_share"), [1, 1, 1]))
        #expect(e.attribute("dept_name") == nil)
    }

    @Test func derivedAttributesOfCommunes() throws {
        let c = try level("commune")
        #expect(close(try numbers(c, "population"), [100, 300, 600, 1000, 2000, .nan]))
        #expect(try territories(c, "epci") == [0, 0, 0, 1, 1, 2])
        #expect(try flag(c, "ti1") == [0, 1, 2, 3])
        #expect(close(try numbers(c, "ti1_share"), [1, 1, 1, 1, 0, 0]))
        #expect(try texts(c, "ti1_name") == ["TI Un", "TI Un", "TI Un", "TI Deux", nil, nil])   // c3: a tie, lowest row
        #expect(try flag(c, "ti2") == [3, 4, 5])
        #expect(try flag(c, "new_ti2") == [4, 5])
    }

    @Test func groupingLevelsGetTheirPopulation() throws {
        #expect(close(try numbers(level("ti1"), "population"), [700, 1300]))
        #expect(close(try numbers(level("dept"), "population"), [4000]))
        #expect(try territories(level("ti1"), "dept") == [0, 0])
    }

    @Test func catalogParsesRules() throws {
        #expect(s.indicators.map(\.code) == ["emp", "ebe", "va", "marge", "conj"])
        #expect(s.indicators[3].aggregate == .ratio(numerator: "ebe", denominator: "va"))
        #expect(s.indicators[4].aggregate == .mean(weight: "population"))
        #expect(s.indicators[4].frequency == .quarter)
        #expect(s.indicators[0].unit == Unit("jobs"))
    }

    @Test func columnsSpanTheObservedPeriodsWithStatuses() throws {
        let emp = try #require(s.column(IndicatorID(0), at: id("epci")))
        #expect(emp.axis == PeriodAxis(from: Period(year: 2018), through: Period(year: 2020)))
        #expect(close(emp.values, [10, .nan, .nan, .nan, 20, .nan, .nan, .nan, 7]))
        #expect(emp.status.cells == [0, 2])
        #expect(emp.status(row: 0, period: 0) == .estimated)
        #expect(emp.status(row: 0, period: 2) == .secret)
        #expect(emp.status(row: 2, period: 1) == .missing)
        #expect(emp.status(row: 1, period: 1) == .ok)
        let conj = try #require(s.column(IndicatorID(4), at: id("commune")))
        #expect(conj.axis.first == Period("2018-Q3") && conj.axis.count == 3)
        #expect(close(Array(conj.values[0..<6]), [.nan, .nan, 2, 1.5, .nan, .nan]))
        #expect(conj.values.count == 18)
        #expect(conj.status(row: 0, period: 2) == .provisional)
        #expect(s.storedLevels(of: IndicatorID(0)) == [id("epci")])
        #expect(s.columns.count == 2)
    }

    @Test func nameIndexFindsFixtureNames() throws {
        #expect(s.names.search("gamma", level: nil, limit: 3).first.map { [$0.level, LevelID($0.row)] } == [id("commune"), LevelID(2)])
        #expect(s.names.search("Un", level: id("epci"), limit: 1).first?.row == 0)       // "CC Un" without its prefix
        #expect(s.names.search("ti1:t2", level: nil, limit: 1).first?.label == "TI Deux")
        #expect(s.names.prefix("ti", level: nil, limit: 10).map(\.label) == ["TI Deux", "TI Un", "TI2 Deux", "TI2 Un"])
    }
}
