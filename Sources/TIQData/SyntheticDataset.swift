import Dispatch
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
    /// Whether to add published totals at the département, région and France levels, summed
    /// from the values before masking (commune-level specs only; see `SyntheticPublished`).
    public var publishedTotals: Bool

    /// Creates a spec.
    public init(level: Level = .commune, indicators: [SyntheticIndicator] = SyntheticIndicator.demo,
                years: ClosedRange<Int> = 2015...2024, seed: UInt64 = 2018, publishedTotals: Bool = false) {
        self.level = level
        self.indicators = indicators
        self.years = years
        self.seed = seed
        self.publishedTotals = publishedTotals
    }

    /// How many commune (or EPCI) observations the spec produces on `geography`; published
    /// totals (`publishedTotals`) add up to `(départements + régions + 1) × indicators × years`.
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
        SyntheticEntryWaves.apply(to: &dataset)
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
        let published = spec.publishedTotals && spec.level == .commune
        let (table, unmasked) = observations(spec, units: units, keepUnmasked: published)
        dataset.observations = table
        if published {
            let totals = SyntheticPublished(spec: spec, geography: geography)
                .table(unmasked: unmasked, units: units, records: dataset.indicators)
            SyntheticPublished.append(totals, to: &dataset.observations)
        }
        return dataset
    }

    /// The observations of `units`, unit-major then indicator then year, drawn on every core.
    /// With `keepUnmasked`, also the values before masking, parallel to the rows (else empty).
    static func observations(_ spec: SyntheticDatasetSpec, units: [SyntheticUnit],
                             keepUnmasked: Bool = false) -> (ObservationTable, [Double]) {
        let nInd = spec.indicators.count, nYears = spec.years.count
        let perUnit = nInd * nYears
        let total = units.count * perUnit
        var table = ObservationTable()
        table.territoryKeys = units.map(\.key)
        table.indicatorCodes = spec.indicators.map(\.code)
        let periods = spec.years.map { Period(year: Int32($0)) }
        table.territories = Array(unsafeUninitializedCapacity: total) { b, n in
            for u in units.indices { for k in 0..<perUnit { (b.baseAddress! + u * perUnit + k).initialize(to: UInt32(u)) } }
            n = total
        }
        table.indicators = Array(unsafeUninitializedCapacity: total) { b, n in
            for c in 0..<total { (b.baseAddress! + c).initialize(to: UInt16(c % perUnit / nYears)) }
            n = total
        }
        table.periods = Array(unsafeUninitializedCapacity: total) { b, n in
            for c in 0..<total { (b.baseAddress! + c).initialize(to: periods[c % nYears]) }
            n = total
        }
        var values = [Double](repeating: .nan, count: total)
        var statuses = [ObservationStatus](repeating: .ok, count: total)
        var premask = [Double](repeating: .nan, count: keepUnmasked ? total : 0)
        let series = SyntheticSeries(indicators: spec.indicators, years: spec.years, seed: spec.seed)
        values.withUnsafeMutableBufferPointer { v in
            statuses.withUnsafeMutableBufferPointer { s in
              premask.withUnsafeMutableBufferPointer { u in
                let out = DisjointOutput(values: v, statuses: s, unmasked: u)
                let chunks = max(1, min(units.count / 512, 64))
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    var block = SeriesBlock(indicators: nInd, years: nYears)
                    let range = (units.count * chunk / chunks)..<(units.count * (chunk + 1) / chunks)
                    for u in range {
                        series.fill(&block, for: units[u])
                        out.store(block, at: u * perUnit)
                    }
                }
              }
            }
        }
        table.values = values
        table.statuses = statuses
        return (table, premask)
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
        let published = spec.publishedTotals && spec.level == .commune ? SyntheticPublished(spec: spec, geography: geography) : nil
        var unmasked: [Double] = []
        let out = try ObservationCSVWriter(path: FileIO.join(directory, "observations.csv"),
                                           territoryKeys: units.map(\.key) + (published?.keys ?? []),
                                           indicatorCodes: spec.indicators.map(\.code), withStatus: true)
        let periods = spec.years.map { Period(year: Int32($0)) }
        let series = SyntheticSeries(indicators: spec.indicators, years: spec.years, seed: spec.seed)
        var block = SeriesBlock(indicators: spec.indicators.count, years: periods.count)
        for (u, unit) in units.enumerated() {
            series.fill(&block, for: unit)
            if published != nil { unmasked += block.unmasked }
            for i in spec.indicators.indices {
                for y in periods.indices {
                    let cell = i * periods.count + y
                    try out.append(territory: u, indicator: i, period: periods[y],
                                   value: block.values[cell], status: block.statuses[cell])
                }
            }
        }
        if let published {
            let totals = published.table(unmasked: unmasked, units: units,
                                         records: spec.indicators.map { $0.record(seed: spec.seed) })
            for k in 0..<totals.count {
                try out.append(territory: units.count + Int(totals.territories[k]), indicator: Int(totals.indicators[k]),
                               period: totals.periods[k], value: totals.values[k], status: totals.statuses[k])
            }
        }
        try out.close()
        return out.count
    }
}

/// The output buffers of a parallel fill. Each task writes only the cells of its own units, so
/// writes never overlap; the buffers outlive `concurrentPerform`, which returns after every task.
private struct DisjointOutput: @unchecked Sendable {
    let values: UnsafeMutableBufferPointer<Double>
    let statuses: UnsafeMutableBufferPointer<ObservationStatus>
    /// Empty when the values before masking are not wanted.
    let unmasked: UnsafeMutableBufferPointer<Double>

    func store(_ block: SeriesBlock, at offset: Int) {
        for k in block.values.indices {
            values[offset + k] = block.values[k]
            statuses[offset + k] = block.statuses[k]
        }
        if !unmasked.isEmpty { for k in block.unmasked.indices { unmasked[offset + k] = block.unmasked[k] } }
    }
}
