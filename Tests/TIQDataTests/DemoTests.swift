import Testing
import Foundation
@testable import TIQData
import TIQCore
import TIQStore

@Suite("The embedded demo dataset")
struct DemoTests {
    static let demo = Demo.dataset()

    @Test("levels, catalog and sources")
    func shape() {
        let d = DemoTests.demo
        var perLevel: [String: Int] = [:]
        for t in d.territories { perLevel[t.level, default: 0] += 1 }
        #expect(perLevel == ["commune": 34_875, "epci": 1_253, "ti1": 149, "ti2": 183, "dept": 101, "region": 18, "france": 1])
        #expect(d.indicators.map(\.code) == ["emploi_ind", "etab_ind", "creations", "disparitions", "invest_ind",
                                             "projets_soutenus", "montant_aides", "ebe", "va", "taux_marge", "pop"])
        #expect(d.indicators.allSatisfy { $0.source.contains("synthetic") && $0.frequency == "A" })
        #expect(d.indicators.first { $0.code == "taux_marge" }?.aggregate == "ratio(ebe,va)")
        let o = d.observations
        let communeRows = (0..<o.count).filter { o.territoryKeys[Int(o.territories[$0])].hasPrefix("commune:") }.count
        #expect(communeRows == 34_875 * 11 * 10)
        // Published totals: every département, région and France, for the ten additive indicators
        // and the ratio, every year, except the population of Mayotte (département 976, région
        // 06), whose communes have no known population: no value, nothing published.
        #expect(o.count - communeRows == (101 + 18 + 1) * 11 * 10 - 2 * 10)
        let pop = UInt16(o.indicatorCodes.firstIndex(of: "pop")!)
        #expect(!(0..<o.count).contains { o.indicators[$0] == pop && ["dept:976", "region:06"].contains(o.territoryKeys[Int(o.territories[$0])]) })
        // Every link end is a territory.
        let keys = Set(d.territories.map(\.key))
        #expect(d.links.allSatisfy { keys.contains($0.child) && keys.contains($0.parent) })
        #expect(d.observations.territoryKeys.allSatisfy { keys.contains($0) })
        #expect(d.territories.allSatisfy { $0.attributes.count == d.attributeNames.count })
    }

    /// The commune observations of one indicator as [territory: [value]], in year order.
    func series(_ code: String) -> [Int: [(Double, ObservationStatus)]] {
        let o = DemoTests.demo.observations
        guard let ind = o.indicatorCodes.firstIndex(of: code) else { return [:] }
        var out: [Int: [(Double, ObservationStatus)]] = [:]
        for i in 0..<o.count where o.indicators[i] == UInt16(ind) && o.territoryKeys[Int(o.territories[i])].hasPrefix("commune:") {
            out[Int(o.territories[i]), default: []].append((o.values[i], o.statuses[i]))
        }
        return out
    }

    @Test("magnitudes: industrial jobs are 5-15 % of the population; taux_marge is ebe / va")
    func magnitudes() {
        let d = DemoTests.demo
        let popIndex = d.attributeNames.firstIndex(of: "population")!
        let populations = Dictionary(uniqueKeysWithValues: d.territories.map { ($0.key, Double($0.attributes[popIndex]) ?? .nan) })
        let jobs = series("emploi_ind")
        var totalJobs = 0.0, totalPop = 0.0
        for (t, s) in jobs where s[2].1 == .ok {
            let p = populations[d.observations.territoryKeys[t]] ?? .nan
            if p.isFinite { totalJobs += s[2].0; totalPop += p }  // 2017 is the third year
        }
        let share = totalJobs / totalPop
        #expect((0.07...0.13).contains(share), "jobs/pop \(share)")

        let ebe = series("ebe"), va = series("va"), tm = series("taux_marge")
        var checked = 0
        for (t, s) in tm {
            for y in s.indices where s[y].1 == .ok {
                #expect(abs(s[y].0 - ebe[t]![y].0 / va[t]![y].0) < 1e-12)
                checked += 1
            }
        }
        #expect(checked > 300_000)
    }

    @Test("absences: rare enough for strict sums over EPCIs, with missing, secret and na all present")
    func statuses() {
        var counts: [ObservationStatus: Int] = [:]
        for s in DemoTests.demo.observations.statuses { counts[s, default: 0] += 1 }
        let total = DemoTests.demo.observations.count
        let absent = counts.filter { $0.key.isAbsence }.values.reduce(0, +)
        #expect(Double(absent) / Double(total) > 0.002 && Double(absent) / Double(total) < 0.03, "\(counts)")
        #expect(counts[.missing, default: 0] > 0 && counts[.secret, default: 0] > 0 && counts[.notApplicable, default: 0] > 0)
        let o = DemoTests.demo.observations
        for i in 0..<o.count where o.statuses[i].isAbsence { #expect(o.values[i].isNaN) }
    }

    @Test("territories in phase-1 TIs gain industrial jobs faster after 2018 than the others")
    func tiTrend() {
        let d = DemoTests.demo
        let ti1 = Set(d.links.filter { $0.parent.hasPrefix("ti1:") }.map(\.child))
        var sums = [[0.0, 0.0], [0.0, 0.0]]  // [in ti1][2018, 2022]
        for (t, s) in series("emploi_ind") where s[3].1 == .ok && s[7].1 == .ok {
            let g = ti1.contains(d.observations.territoryKeys[t]) ? 1 : 0
            sums[g][0] += s[3].0
            sums[g][1] += s[7].0
        }
        let growthIn = sums[1][1] / sums[1][0] - 1, growthOut = sums[0][1] / sums[0][0] - 1
        #expect(growthIn > growthOut, "ti1 \(growthIn) vs rest \(growthOut)")
    }

    @Test("published totals: France, each région and each département is the sum of its communes' values before masking")
    func publishedTotals() throws {
        // Draw every commune's series again with the generator, and add up the values it had
        // before masking (secret, missing, uncollected), by département, région and France.
        let spec = Demo.spec()
        let geo = Geography.embedded
        let (_, perimeters) = SyntheticDataset.territories(geography: geo, seed: spec.seed)
        let units = SyntheticDataset.units(geography: geo, perimeters: perimeters, level: .commune)
        let series = SyntheticSeries(indicators: spec.indicators, years: spec.years, seed: spec.seed)
        let regionOf = Dictionary(uniqueKeysWithValues: geo.departements.map { ($0.code, $0.region) })
        let jobs = spec.indicators.firstIndex(of: .named(.emploi_ind))!, n = spec.years.count
        var expected: [String: [Double]] = [:]
        var hidden = [Double](repeating: 0, count: n)
        var block = SeriesBlock(indicators: spec.indicators.count, years: n)
        for unit in units {
            series.fill(&block, for: unit)
            for key in ["france:FR", "dept:" + unit.departement, "region:" + regionOf[unit.departement]!] {
                for y in 0..<n {
                    let v = block.unmasked[jobs * n + y]
                    if !v.isNaN { expected[key, default: [Double](repeating: 0, count: n)][y] += v }
                }
            }
            for y in 0..<n where block.values[jobs * n + y].isNaN && !block.unmasked[jobs * n + y].isNaN { hidden[y] += 1 }
        }
        #expect(hidden.allSatisfy { $0 > 0 }, "every year hides some commune: the totals differ from the visible sums")
        let o = DemoTests.demo.observations
        let code = UInt16(o.indicatorCodes.firstIndex(of: "emploi_ind")!)
        var checked = 0
        for i in 0..<o.count where o.indicators[i] == code {
            let key = o.territoryKeys[Int(o.territories[i])]
            guard let totals = expected[key] else { continue }
            let y = Int(o.periods[i].year) - spec.years.lowerBound
            #expect(abs(o.values[i] - totals[y]) <= 1e-9 * totals[y], "\(key) \(o.periods[i])")
            #expect(o.statuses[i] == .ok)
            checked += 1
        }
        #expect(checked == (101 + 18 + 1) * n)
    }

    @Test("deterministic: two builds are identical")
    func deterministic() {
        let again = Demo.dataset()
        let a = DemoTests.demo.observations, b = again.observations
        #expect(a.territories == b.territories && a.periods == b.periods && a.statuses == b.statuses)
        #expect(zip(a.values, b.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(again.territories == DemoTests.demo.territories && again.links == DemoTests.demo.links)
    }
}
