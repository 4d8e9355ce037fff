import Foundation
import TIQCore

/// A territory the generator draws series for: a commune or an EPCI.
public struct SyntheticUnit: Sendable {
    /// Its `level:code` key.
    public var key: String
    /// Its code (seeds its random stream).
    public var code: String
    /// Its département (seeds the shared local trend).
    public var departement: String
    /// Its population in 2017; nil when unknown (the `pop` series is then missing).
    public var population: Int?
    /// Whether it lies in a phase-1 / phase-2 TI: such territories get a slightly better trend.
    public var ti1: Bool, ti2: Bool
    /// Whether it did not exist before 2019 (its earlier cells are `na`).
    public var createdIn2019: Bool

    /// Creates a unit.
    public init(key: String, code: String, departement: String, population: Int?, ti1: Bool, ti2: Bool,
                createdIn2019: Bool = false) {
        self.key = key
        self.code = code
        self.departement = departement
        self.population = population
        self.ti1 = ti1
        self.ti2 = ti2
        self.createdIn2019 = createdIn2019
    }
}

/// The synthetic series of one unit: `values[i * years + y]` and `statuses[…]` for indicator
/// `i` and year `y`.
public struct SeriesBlock {
    /// Values, indicator-major; NaN when absent.
    public var values: [Double]
    /// Statuses, parallel to `values`.
    public var statuses: [ObservationStatus]
    /// Creates a block for `indicators × years` cells.
    public init(indicators: Int, years: Int) {
        values = [Double](repeating: .nan, count: indicators * years)
        statuses = [ObservationStatus](repeating: .ok, count: indicators * years)
    }
}

/// Draws plausible, deterministic annual series for one territory.
///
/// Industrial jobs are 5-15 % of the population and follow a département-level trend plus
/// noise; territories in a TI do slightly better after 2019 (phase 1) and 2023 (phase 2), so
/// `compare` and `did` have something to find. The other indicators derive from jobs.
/// Absences: rare random gaps and two uncollected years in a few départements (`missing`),
/// tiny counts often `secret`, `na` for a commune that did not exist yet and for a margin
/// rate without value added.
public struct SyntheticSeries: Sendable {
    /// The indicators, in block order.
    public let indicators: [SyntheticIndicator]
    /// The years, consecutive.
    public let years: ClosedRange<Int>
    /// The seed.
    public let seed: UInt64
    private let indicatorHashes: [UInt64]
    /// Whether each indicator shares the finance draws (ebe, va, taux_marge).
    private let isFinance: [Bool]
    /// The share of cells missing at random: small, because a strict sum over an EPCI of 30
    /// communes is absent as soon as one commune is.
    private let cellMissingRate = 0.0015

    /// Creates a generator.
    public init(indicators: [SyntheticIndicator], years: ClosedRange<Int>, seed: UInt64) {
        self.indicators = indicators
        self.years = years
        self.seed = seed
        self.indicatorHashes = indicators.map { SplitMix64.hash($0.code) }
        self.isFinance = indicators.map { $0 == .named(.va) || $0 == .named(.ebe) || $0 == .named(.taux_marge) }
    }

    /// Fills `block` with the series of `unit`. The values of one (unit, indicator, year)
    /// depend only on the seed, the year range and those three, not on which other indicators
    /// are asked for: the demo and `tiq generate` over 2015-2024 agree cell for cell.
    public func fill(_ block: inout SeriesBlock, for unit: SyntheticUnit) {
        let n = years.count
        let first = years.lowerBound
        let unitHash = SplitMix64.hash(unit.code)
        var rng = SplitMix64(seed: seed, "unit", unit.code)
        var local = SplitMix64(seed: seed, "dept", unit.departement)
        let deptTrend = local.normal(mean: -0.004, deviation: 0.012)
        let known = unit.population.map(Double.init)
        let base = max(known ?? 2_000, 1)

        // Shared draws, in a fixed order.
        let popGrowth = rng.normal(mean: 0.002, deviation: 0.005)
        let share = rng.uniform(0.05...0.15)
        let ownTrend = rng.normal(mean: 0, deviation: 0.01)
        let firmSize = rng.uniform(6...25)
        let creationRate = rng.uniform(0.05...0.10), closureRate = rng.uniform(0.045...0.09)
        let investPerJob = rng.uniform(5_000...12_000), aidPerProject = rng.uniform(50_000...400_000)
        let productivity = rng.uniform(55_000...95_000), margin = rng.uniform(0.22...0.38)

        // Jobs: log-level relative to 2017, with yearly noise.
        var jobs = [Double](repeating: 0, count: n)
        var yearRng = SplitMix64(seed: seed, "jobs", unit.code)
        var noises = [Double](repeating: 0, count: n)
        for y in 0..<n { noises[y] = yearRng.normal(mean: 0, deviation: 0.015) }
        func growth(_ year: Int, _ y: Int) -> Double {
            // Years between 2017 and a range that starts later (or ends earlier) have no noise drawn.
            var g = deptTrend + ownTrend + (noises.indices.contains(y) ? noises[y] : 0)
            if unit.ti1 && year >= 2019 { g += 0.008 }
            if unit.ti2 && year >= 2023 { g += 0.004 }
            return g
        }
        let base2017 = base * share
        for y in 0..<n {
            let year = first + y
            var log = 0.0
            if year > 2017 { for s in 2018...year { log += growth(s, s - first) } }
            if year < 2017 { for s in (year + 1)...2017 { log -= growth(s, s - first) } }
            jobs[y] = (base2017 * Foundation.exp(log)).rounded()
        }

        // Tiny counts are confidential: when a territory has one or two industrial jobs, its
        // jobs, establishments, investment and accounts are often `secret`, together.
        var tiny = SplitMix64(seed: seed, "secret", unit.code)
        let secret = (0..<n).map { y in jobs[y] > 0 && jobs[y] < 3 && tiny.chance(0.3) }
        // Some départements did not collect the investment and aid series in the first two years.
        var collection = SplitMix64(seed: seed, "collection", unit.departement)
        let lateStart = collection.chance(0.05)

        // Finances and projects are shared by several indicators: drawn once, from their own streams.
        let wantsFinance = indicators.contains { [.named(.va), .named(.ebe), .named(.taux_marge)].contains($0) }
        let wantsProjects = indicators.contains { [.named(.projets_soutenus), .named(.montant_aides)].contains($0) }
        var valueAdded = [Double](repeating: 0, count: wantsFinance ? n : 0)
        var surplus = valueAdded
        var financeMissing = [Bool](repeating: false, count: wantsFinance ? n : 0)
        if wantsFinance {
            var f = SplitMix64(seed: seed, "finance", unit.code)
            for y in 0..<n {
                let year = first + y
                let va = max(0, (jobs[y] * productivity * (1 + 0.05 * f.normal())).rounded())
                let boost = unit.ti1 && year >= 2019 ? 0.004 * Double(year - 2018) : 0
                let m = min(0.6, max(0.05, margin + boost + 0.02 * f.normal()))
                valueAdded[y] = va
                surplus[y] = (va * m).rounded()
                financeMissing[y] = f.chance(cellMissingRate)
            }
        }
        var projectCounts = [Double](repeating: 0, count: wantsProjects ? n : 0)
        if wantsProjects {
            var p = SplitMix64(seed: seed, "projects", unit.code)
            for y in 0..<n { projectCounts[y] = projects(jobs: jobs[y], year: first + y, unit: unit, rng: &p) }
        }

        for (i, indicator) in indicators.enumerated() {
            var cell = SplitMix64(seed: SplitMix64.mix(seed ^ indicatorHashes[i] ^ unitHash))
            let row = i * n
            var genericRate = 0.0
            if case .generic = indicator {
                var r = SplitMix64(seed: seed ^ indicatorHashes[i])
                genericRate = Foundation.exp(r.uniform(Foundation.log(0.001)...Foundation.log(0.3))) * cell.uniform(0.6...1.4)
            }
            for y in 0..<n {
                let year = first + y
                let t = Double(year - 2017)
                let e = jobs[y]
                let noise = cell.normal(mean: 0, deviation: 1)
                let etab = e > 0 ? max(1, (e / firmSize).rounded()) : 0
                let v: Double
                var status = ObservationStatus.ok
                switch indicator {
                case .named(.pop):
                    v = known.map { ($0 * Foundation.pow(1 + popGrowth, t) * (1 + 0.002 * noise)).rounded() } ?? .nan
                case .named(.emploi_ind):
                    v = e
                    if secret[y] { status = .secret }
                case .named(.etab_ind):
                    v = etab
                    if secret[y] { status = .secret }
                case .named(.creations):
                    v = max(0, (etab * creationRate * (1 + 0.2 * noise)).rounded())
                case .named(.disparitions):
                    let slower = unit.ti1 && year >= 2019 ? 0.93 : 1
                    v = max(0, (etab * closureRate * slower * (1 + 0.2 * noise)).rounded())
                case .named(.invest_ind):
                    v = max(0, (e * investPerJob * (1 + 0.25 * noise)).rounded())
                    if secret[y] { status = .secret }
                    if lateStart && year <= 2016 { status = .missing }
                case .named(.projets_soutenus):
                    v = projectCounts[y]
                case .named(.montant_aides):
                    v = max(0, (projectCounts[y] * aidPerProject * (1 + 0.3 * noise)).rounded())
                    if lateStart && year <= 2016 { status = .missing }
                case .named(.va):
                    v = valueAdded[y]
                    if secret[y] { status = .secret }
                case .named(.ebe):
                    v = surplus[y]
                    if secret[y] { status = .secret }
                case .named(.taux_marge):
                    v = valueAdded[y] > 0 ? surplus[y] / valueAdded[y] : .nan
                    if valueAdded[y] == 0 { status = .notApplicable }
                    if secret[y] { status = .secret }
                case .generic:
                    v = max(0, (base * genericRate * Foundation.exp(ownTrend * t) * (1 + 0.05 * noise)).rounded())
                }
                // A short gap now and then (shared by ebe, va and taux_marge).
                if isFinance[i] ? financeMissing[y] : cell.chance(cellMissingRate) { status = .missing }
                if unit.createdIn2019 && year < 2019 { status = .notApplicable }
                block.values[row + y] = status.isAbsence ? .nan : v
                block.statuses[row + y] = v.isNaN && status == .ok ? .missing : status
            }
        }
    }

    /// Supported projects: a Poisson count around jobs / 300, higher in TIs after 2019 and
    /// during the recovery plan (2021-2022).
    private func projects(jobs: Double, year: Int, unit: SyntheticUnit, rng: inout SplitMix64) -> Double {
        var lambda = jobs / 300 * ((unit.ti1 || unit.ti2) && year >= 2019 ? 2.0 : 0.6)
        if year == 2021 || year == 2022 { lambda *= 1.8 }
        if lambda > 30 { return max(0, (lambda + Foundation.sqrt(lambda) * rng.normal()).rounded()) }
        let limit = Foundation.exp(-lambda)
        var k = 0.0, p = rng.unit()
        while p > limit { k += 1; p *= rng.unit() }
        return k
    }
}
