import TIQCore
import TIQStore

/// What to generate: the level of the observations, the indicators, the years and the seed.
public struct SyntheticDatasetSpec: Sendable {
    /// The level the observations are stored at.
    public enum Level: String, Sendable, CaseIterable {
        /// One series per commune (34,875).
        case commune
        /// One series per EPCI (1,253).
        case epci
    }

    /// The level of the observations.
    public var level: Level
    /// The indicators, in catalog order.
    public var indicators: [SyntheticIndicator]
    /// The years, consecutive.
    public var years: ClosedRange<Int>
    /// The seed of every random draw.
    public var seed: UInt64

    /// Creates a spec.
    public init(level: Level = .commune, indicators: [SyntheticIndicator] = SyntheticIndicator.demo,
                years: ClosedRange<Int> = 2015...2024, seed: UInt64 = 2018) {
        self.level = level
        self.indicators = indicators
        self.years = years
        self.seed = seed
    }

    /// How many observations the spec produces on `geography`.
    public func observationCount(on geography: Geography) -> Int {
        (level == .commune ? geography.communes.count : geography.epcis.count) * indicators.count * years.count
    }
}

/// Builds complete synthetic datasets: the real geography, synthetic TI perimeters and
/// synthetic series, in memory (the demo) or streamed to CSV (`tiq generate`).
public enum SyntheticDataset {
    /// The geography and synthetic TI territories and links, without observations.
    public static func territories(geography: Geography, seed: UInt64) -> (Dataset, [TIPerimeter]) {
        var dataset = geography.dataset()
        let perimeters = SyntheticTerritories.perimeters(for: geography, seed: seed)
        TIPerimeter.append(perimeters, geography: geography, to: &dataset)
        return (dataset, perimeters)
    }

    /// The territories the series are drawn for, at `level`.
    public static func units(geography geo: Geography, perimeters: [TIPerimeter],
                             level: SyntheticDatasetSpec.Level) -> [SyntheticUnit] {
        var inPhase = [[Bool]](repeating: [Bool](repeating: false, count: geo.communes.count), count: 3)
        for p in perimeters where p.phase == 1 || p.phase == 2 {
            for c in p.communes where c >= 0 && c < geo.communes.count { inPhase[p.phase][c] = true }
        }
        switch level {
        case .commune:
            return geo.communes.enumerated().map { i, c in
                SyntheticUnit(key: "commune:" + c.code, code: c.code, departement: c.departement,
                              population: c.population, ti1: inPhase[1][i], ti2: inPhase[2][i],
                              createdIn2019: c.population == nil && c.departement != "976")
            }
        case .epci:
            var population = [Int](repeating: 0, count: geo.epcis.count)
            var inTI = [[Int]](repeating: [Int](repeating: 0, count: geo.epcis.count), count: 3)
            var dept = [String](repeating: "", count: geo.epcis.count)
            for (i, c) in geo.communes.enumerated() {
                guard let e = c.epci else { continue }
                let p = c.population ?? 0
                population[e] += p
                if dept[e].isEmpty { dept[e] = c.departement }
                for phase in 1...2 where inPhase[phase][i] { inTI[phase][e] += p }
            }
            return geo.epcis.enumerated().map { e, epci in
                SyntheticUnit(key: "epci:" + epci.siren, code: epci.siren, departement: dept[e],
                              population: population[e] > 0 ? population[e] : nil,
                              ti1: 2 * inTI[1][e] >= population[e] && inTI[1][e] > 0,
                              ti2: 2 * inTI[2][e] >= population[e] && inTI[2][e] > 0)
            }
        }
    }

    /// The whole dataset in memory.
    public static func dataset(_ spec: SyntheticDatasetSpec, geography: Geography = .embedded) -> Dataset {
        var (dataset, perimeters) = territories(geography: geography, seed: spec.seed)
        dataset.indicators = spec.indicators.map { $0.record(seed: spec.seed) }
        let units = units(geography: geography, perimeters: perimeters, level: spec.level)
        var table = ObservationTable()
        table.territoryKeys = units.map(\.key)
        table.indicatorCodes = spec.indicators.map(\.code)
        let total = units.count * spec.indicators.count * spec.years.count
        table.territories.reserveCapacity(total)
        table.indicators.reserveCapacity(total)
        table.periods.reserveCapacity(total)
        table.values.reserveCapacity(total)
        table.statuses.reserveCapacity(total)
        let periods = spec.years.map { Period(year: Int32($0)) }
        let series = SyntheticSeries(indicators: spec.indicators, years: spec.years, seed: spec.seed)
        var block = SeriesBlock(indicators: spec.indicators.count, years: periods.count)
        for (u, unit) in units.enumerated() {
            series.fill(&block, for: unit)
            for i in spec.indicators.indices {
                for y in periods.indices {
                    table.territories.append(UInt32(u))
                    table.indicators.append(UInt16(i))
                    table.periods.append(periods[y])
                    table.values.append(block.values[i * periods.count + y])
                    table.statuses.append(block.statuses[i * periods.count + y])
                }
            }
        }
        dataset.observations = table
        return dataset
    }

    /// Writes the dataset of `spec` as canonical CSV files in `directory`, streaming the
    /// observations (tens of millions of rows are fine); returns the number of observations.
    @discardableResult
    public static func write(_ spec: SyntheticDatasetSpec, to directory: String,
                             geography: Geography = .embedded) throws(DataError) -> Int {
        let (dataset, perimeters) = territories(geography: geography, seed: spec.seed)
        try FileIO.makeDirectory(directory)
        try DatasetWriter.writeTerritories(dataset, to: FileIO.join(directory, "territories.csv"))
        try DatasetWriter.writeLinks(dataset.links, to: FileIO.join(directory, "links.csv"))
        try DatasetWriter.writeIndicators(spec.indicators.map { $0.record(seed: spec.seed) },
                                          to: FileIO.join(directory, "indicators.csv"))
        let units = units(geography: geography, perimeters: perimeters, level: spec.level)
        let out = try ObservationCSVWriter(path: FileIO.join(directory, "observations.csv"),
                                           territoryKeys: units.map(\.key),
                                           indicatorCodes: spec.indicators.map(\.code), withStatus: true)
        let periods = spec.years.map { Period(year: Int32($0)) }
        let series = SyntheticSeries(indicators: spec.indicators, years: spec.years, seed: spec.seed)
        var block = SeriesBlock(indicators: spec.indicators.count, years: periods.count)
        for (u, unit) in units.enumerated() {
            series.fill(&block, for: unit)
            for i in spec.indicators.indices {
                for y in periods.indices {
                    let cell = i * periods.count + y
                    try out.append(territory: u, indicator: i, period: periods[y],
                                   value: block.values[cell], status: block.statuses[cell])
                }
            }
        }
        try out.close()
        return out.count
    }
}
