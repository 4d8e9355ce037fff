import TIQCore
import TIQEngine
import TIQStore

/// A small hand-made dataset with every status, ties, `na` children and a level that no link
/// reaches, for the semantics tests. Its expected answers are computed in the tests by plain
/// loops over `cells` (never by the engine).
///
/// commune C1…C6 → epci E1 {C1, C2}, E2 {C3, C4}, E3 {C5, C6} → dept D1 {E1, E2}, D2 {E3};
/// `zone` Z1 has no link at all.
enum HandDataset {
    /// One observation: commune, year, value (nil: absent), status name.
    struct Cell {
        let commune: String
        let year: Int
        let value: Double?
        let status: ObservationStatus
    }

    static let epciOf = ["C1": "E1", "C2": "E1", "C3": "E2", "C4": "E2", "C5": "E3", "C6": "E3"]
    static let deptOf = ["E1": "D1", "E2": "D1", "E3": "D2"]
    static let years = [2020, 2021, 2022]

    /// Every cell of indicator `x` (jobs, rule sum). C4 has no 2022 row: that cell is `missing`.
    static let cells: [Cell] = [
        Cell(commune: "C1", year: 2020, value: 10, status: .ok),
        Cell(commune: "C1", year: 2021, value: 11, status: .estimated),
        Cell(commune: "C1", year: 2022, value: 12, status: .provisional),
        Cell(commune: "C2", year: 2020, value: 5, status: .imputed),
        Cell(commune: "C2", year: 2021, value: 11, status: .breakHere),
        Cell(commune: "C2", year: 2022, value: -3, status: .ok),
        Cell(commune: "C3", year: 2020, value: 4, status: .approx),
        Cell(commune: "C3", year: 2021, value: nil, status: .secret),
        Cell(commune: "C3", year: 2022, value: 6, status: .partial),
        Cell(commune: "C4", year: 2020, value: 8, status: .ok),
        Cell(commune: "C4", year: 2021, value: 2, status: .ok),
        Cell(commune: "C5", year: 2020, value: nil, status: .notApplicable),
        Cell(commune: "C5", year: 2021, value: 7, status: .ok),
        Cell(commune: "C5", year: 2022, value: 1, status: .estimated),
        Cell(commune: "C6", year: 2020, value: nil, status: .notApplicable),
        Cell(commune: "C6", year: 2021, value: 7, status: .provisional),
        Cell(commune: "C6", year: 2022, value: nil, status: .notApplicable),
    ]

    static let dataset: Dataset = {
        var d = Dataset()
        d.attributeNames = ["population"]
        for (c, pop) in [("C1", "100"), ("C2", "200"), ("C3", "300"), ("C4", "400"), ("C5", "500"), ("C6", "600")] {
            d.territories.append(TerritoryRecord(level: "commune", code: c, name: "Commune \(c)", attributes: [pop]))
        }
        for e in ["E1", "E2", "E3"] { d.territories.append(TerritoryRecord(level: "epci", code: e, name: "Epci \(e)", attributes: [""])) }
        for t in ["D1", "D2"] { d.territories.append(TerritoryRecord(level: "dept", code: t, name: "Dept \(t)", attributes: [""])) }
        d.territories.append(TerritoryRecord(level: "zone", code: "Z1", name: "Zone Z1", attributes: [""]))
        for (c, e) in epciOf.sorted(by: { $0.key < $1.key }) { d.links.append(LinkRecord(child: "commune:\(c)", parent: "epci:\(e)")) }
        for (e, t) in deptOf.sorted(by: { $0.key < $1.key }) { d.links.append(LinkRecord(child: "epci:\(e)", parent: "dept:\(t)")) }
        d.indicators = [IndicatorRecord(code: "x", name: "jobs", unit: "jobs", aggregate: "sum", frequency: "A", source: "test")]
        var o = ObservationTable()
        o.territoryKeys = epciOf.keys.sorted().map { "commune:\($0)" }
        o.indicatorCodes = ["x"]
        for c in cells {
            o.territories.append(UInt32(o.territoryKeys.firstIndex(of: "commune:\(c.commune)")!))
            o.indicators.append(0)
            o.periods.append(Period(year: Int32(c.year)))
            o.values.append(c.value ?? .nan)
            o.statuses.append(c.status)
        }
        d.observations = o
        return d
    }()

    static let engine = Engine(snapshot: try! SnapshotBuilder.build(dataset, origin: "hand", id: 1))

    /// The cell of `commune` in `year`: value and status (`missing` when no row exists).
    static func cell(_ commune: String, _ year: Int) -> (Double?, ObservationStatus) {
        guard let c = cells.first(where: { $0.commune == commune && $0.year == year }) else { return (nil, .missing) }
        return (c.value, c.status)
    }

    /// The communes of an EPCI, in code order.
    static func communes(of epci: String) -> [String] { epciOf.filter { $0.value == epci }.map(\.key).sorted() }

    /// The documented precedence of qualifiers, weakest first (protocol.md, "Absence, statuses and coverage").
    static let precedence: [ObservationStatus] = [.ok, .estimated, .provisional, .approx, .breakHere, .imputed, .partial]

    /// The strongest qualifier of `statuses` by the documented precedence.
    static func strongest(_ statuses: [ObservationStatus]) -> ObservationStatus {
        statuses.max { precedence.firstIndex(of: $0)! < precedence.firstIndex(of: $1)! } ?? .ok
    }
}
