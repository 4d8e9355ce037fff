import Testing
import TIQCore
import TIQEngine
import TIQStore

/// A sum of finite values that overflows a double is absent with status `undefined`, not `inf`.
@Suite struct OverflowingSumTests {
    /// Communes C1, C2 in E1 with 1e308 each (their sum, 2e308, is past Double.greatestFiniteMagnitude);
    /// C3 in E2 with 1.
    static let engine: Engine = {
        var d = Dataset()
        d.attributeNames = []
        for c in ["C1", "C2", "C3"] { d.territories.append(TerritoryRecord(level: "commune", code: c, name: "Commune \(c)", attributes: [])) }
        for e in ["E1", "E2"] { d.territories.append(TerritoryRecord(level: "epci", code: e, name: "Epci \(e)", attributes: [])) }
        for (c, e) in [("C1", "E1"), ("C2", "E1"), ("C3", "E2")] { d.links.append(LinkRecord(child: "commune:\(c)", parent: "epci:\(e)")) }
        d.indicators = [IndicatorRecord(code: "x", name: "mass", unit: "jobs", aggregate: "sum", frequency: "A", source: "test")]
        var o = ObservationTable()
        o.territoryKeys = ["commune:C1", "commune:C2", "commune:C3"]
        o.indicatorCodes = ["x"]
        for (i, v) in [1e308, 1e308, 1].enumerated() {
            o.territories.append(UInt32(i))
            o.indicators.append(0)
            o.periods.append(Period(year: 2020))
            o.values.append(v)
            o.statuses.append(.ok)
        }
        d.observations = o
        return Engine(snapshot: try! SnapshotBuilder.build(d, origin: "overflow", id: 1))
    }()

    @Test func anOverflowingSumIsUndefinedAndAFiniteOneIsKept() throws {
        #expect((1e308 + 1e308).isInfinite, "the premise: the two values overflow")
        let table = try Self.engine.run("from x at commune | agg s = sum(x) by epci")
        let values = table.numbers("s") + table.series("s")
        // E1 (sorted first): absent, never ±inf; E2: the plain sum of its one value.
        #expect(values.count == 2, "\(values)")
        #expect(values.allSatisfy { !$0.isInfinite }, "\(values)")
        #expect(values.first?.isNaN == true && values.last == 1, "\(values)")
        #expect(table.countStatus(.undefined) == 1)
    }
}
