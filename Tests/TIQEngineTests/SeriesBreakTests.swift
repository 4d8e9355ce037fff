import Testing
import TIQCore
import TIQEngine
import TIQStore

/// A growth or a year-on-year change across a flagged break in a series is marked `break` and
/// reported (W406): the values on either side are not comparable.
@Suite struct SeriesBreakTests {
    static let engine: Engine = {
        var d = Dataset()
        d.attributeNames = ["population"]
        d.territories = [TerritoryRecord(level: "commune", code: "A", name: "Alpha", attributes: ["10"]),
                         TerritoryRecord(level: "commune", code: "B", name: "Beta", attributes: ["10"])]
        d.indicators = [IndicatorRecord(code: "apprentis", name: "payroll jobs", unit: "jobs", aggregate: "sum", frequency: "A", source: "test")]
        var o = ObservationTable()
        o.territoryKeys = ["commune:A", "commune:B"]
        o.indicatorCodes = ["apprentis"]
        for t in 0..<2 {
            for y in 2020...2024 {
                o.territories.append(UInt32(t)); o.indicators.append(0); o.periods.append(Period(year: Int32(y)))
                o.values.append(Double(100 + y - 2020))
                // Commune A's series breaks in 2023 (apprentices counted from then on).
                o.statuses.append(t == 0 && y == 2023 ? .breakHere : .ok)
            }
        }
        d.observations = o
        return Engine(snapshot: try! SnapshotBuilder.build(d, origin: "test", id: 1))
    }()

    @Test func growthAcrossABreakIsFlaggedAndReported() throws {
        let t = try Self.engine.run("from apprentis at commune | derive g = growth(apprentis, 2021, 2024), h = growth(apprentis, 2020, 2022) | show code, g, h")
        guard case .number(_, let g?)? = t.column("g")?.values else { Issue.record("g has statuses"); return }
        #expect(g == [.breakHere, .ok])
        #expect(t.column("h").map { if case .number(_, nil) = $0.values { return true } else { return false } } == true)
        let w = try #require(t.warnings.first { $0.code == "W406" })
        #expect(w.message.hasPrefix("1 value "))
    }

    @Test func yoyMarksOnlyThePeriodAtTheBreak() throws {
        let t = try Self.engine.run("from apprentis at commune | where code == \"A\" | derive y = yoy(apprentis) | show y")
        guard case .series(_, let s?)? = t.column("y")?.values else { Issue.record("y has statuses"); return }
        #expect(s.enumerated().filter { $0.element == .breakHere }.map { t.periods[$0.offset].year } == [2023])
    }
}
