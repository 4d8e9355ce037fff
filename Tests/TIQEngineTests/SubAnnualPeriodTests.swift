import Testing
import TIQCore
import TIQEngine
import TIQStore

/// Months, quarters and half-years: yoy compares the same sub-period a year before, windows and
/// `@` take dashed periods, and frequencies never mix.
@Suite struct SubAnnualPeriodTests {
    /// Two communes in one département with a monthly, a quarterly and a half-yearly indicator.
    static let engine: Engine = {
        var d = Dataset()
        d.attributeNames = ["population"]
        d.territories = [
            TerritoryRecord(level: "commune", code: "A", name: "Alpha", attributes: ["100"]),
            TerritoryRecord(level: "commune", code: "B", name: "Beta", attributes: ["300"]),
            TerritoryRecord(level: "dept", code: "01", name: "Un", attributes: [""]),
        ]
        d.links = [LinkRecord(child: "commune:A", parent: "dept:01"), LinkRecord(child: "commune:B", parent: "dept:01")]
        d.indicators = [
            IndicatorRecord(code: "m", name: "monthly", unit: "firms", aggregate: "sum", frequency: "M", source: "test"),
            IndicatorRecord(code: "q", name: "quarterly", unit: "jobs", aggregate: "sum", frequency: "Q", source: "test"),
            IndicatorRecord(code: "s", name: "half-yearly", unit: "EUR", aggregate: "sum", frequency: "S", source: "test"),
        ]
        var o = ObservationTable()
        o.territoryKeys = ["commune:A", "commune:B"]
        o.indicatorCodes = ["m", "q", "s"]
        func add(_ t: UInt32, _ i: UInt16, _ p: String, _ v: Double) {
            o.territories.append(t); o.indicators.append(i); o.periods.append(Period(p)!); o.values.append(v); o.statuses.append(.ok)
        }
        for t in 0..<2 {
            for m in 0..<24 { add(UInt32(t), 0, "\(2020 + m / 12)-\(m % 12 < 9 ? "0" : "")\(m % 12 + 1)", Double((t + 1) * (10 + m))) }
            for q in 0..<8 { add(UInt32(t), 1, "\(2020 + q / 4)-Q\(q % 4 + 1)", Double((t + 1) * (100 + q * q))) }
            for s in 0..<4 { add(UInt32(t), 2, "\(2020 + s / 2)-S\(s % 2 + 1)", Double((t + 1) * (1000 + s))) }
        }
        d.observations = o
        return Engine(snapshot: try! SnapshotBuilder.build(d, origin: "test", id: 1))
    }()

    @Test func monthlyYearOnYearComparesTheSameMonth() throws {
        let t = try Self.engine.run("from m at dept | derive y = yoy(m) | period 2021-03")
        // dept = A + B = 3 * (10 + month index); March 2021 is index 14, March 2020 index 2.
        #expect(t.periods == [Period("2021-03")!])
        #expect(close(t.series("y")[0], (3.0 * 24) / (3.0 * 12) - 1))
    }

    @Test func quarterlyValuesAtAPeriodAndGrowth() throws {
        let t = try Self.engine.run("from q at commune | derive v = q@2021-Q2, g = growth(q, 2020-Q1, 2021-Q4) | show code, v, g")
        #expect(t.numbers("v") == [100 + 25, 2 * (100 + 25)])
        #expect(close(t.numbers("g")[0], (100.0 + 49) / 100 - 1))
    }

    @Test func halfYearsRollUpAndWindow() throws {
        let t = try Self.engine.run("from s at commune | rollup to dept | period 2021-S1..2021-S2")
        #expect(t.periods.map(\.description) == ["2021-S1", "2021-S2"])
        #expect(t.series("s") == [3 * 1002, 3 * 1003])
    }

    @Test func frequenciesNeverMix() {
        #expect(Self.engine.check("from m, q at commune").first?.code == "E312")
        #expect(Self.engine.check("from m at commune | where m@2021 > 0").first?.code == "E312")
    }
}
