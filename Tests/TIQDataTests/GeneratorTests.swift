import Testing
@testable import TIQData
import TIQCore
import TIQStore

@Suite("tiq generate: streamed synthetic datasets")
struct GeneratorTests {
    @Test("indicator lists: six named ones, then ind_07, ind_08, …")
    func indicatorList() {
        #expect(SyntheticIndicator.generatorList(count: 8).map(\.code)
                == ["emploi_ind", "etab_ind", "creations", "disparitions", "ebe", "va", "ind_07", "ind_08"])
        #expect(SyntheticIndicator.generatorList(count: 30).last?.code == "ind_30")
    }

    @Test("an EPCI-level dataset written as CSV loads back, cell for cell, and builds a snapshot")
    func epciRoundTrip() throws {
        let spec = SyntheticDatasetSpec(level: .epci, indicators: SyntheticIndicator.generatorList(count: 7),
                                        years: 2015...2024, seed: 99)
        let dir = SharedData.temporaryDirectory("generate")
        let written = try SyntheticDataset.write(spec, to: dir)
        #expect(written == 1_253 * 7 * 10)
        #expect(written == spec.observationCount(on: .embedded))

        let expected = SyntheticDataset.dataset(spec)
        let loaded = try DatasetLoader.load(directory: dir)
        #expect(loaded.territories.count == expected.territories.count)
        #expect(loaded.links.count == expected.links.count)
        #expect(loaded.indicators == expected.indicators)
        func cells(_ d: Dataset) -> [String: String] {
            let o = d.observations
            var out: [String: String] = [:]
            for i in 0..<o.count {
                let key = "\(o.territoryKeys[Int(o.territories[i])])|\(o.indicatorCodes[Int(o.indicators[i])])|\(o.periods[i])"
                out[key] = "\(o.values[i].isNaN ? "-" : String(o.values[i]))/\(o.statuses[i] == .ok && o.values[i].isNaN ? .missing : o.statuses[i])"
            }
            return out
        }
        #expect(cells(loaded) == cells(expected))
        let snapshot = try SnapshotBuilder.build(loaded, origin: dir, id: 1)
        #expect(snapshot.levelByName["epci"].map { snapshot.column(snapshot.indicatorByCode["ind_07"]!, at: $0) != nil } == true)
    }

    @Test("published totals written as CSV load back as the in-memory dataset's, at the département, région and France levels")
    func publishedTotalsRoundTrip() throws {
        let spec = SyntheticDatasetSpec(level: .commune, indicators: [.named(.ebe), .named(.va), .named(.taux_marge)],
                                        years: 2020...2021, seed: 7, publishedTotals: true)
        let dir = SharedData.temporaryDirectory("generate-published")
        let written = try SyntheticDataset.write(spec, to: dir)
        #expect(written == 34_875 * 3 * 2 + (101 + 18 + 1) * 3 * 2)
        func published(_ d: Dataset) -> [String: Double] {
            let o = d.observations
            var out: [String: Double] = [:]
            for i in 0..<o.count where !o.territoryKeys[Int(o.territories[i])].hasPrefix("commune:") {
                out["\(o.territoryKeys[Int(o.territories[i])])|\(o.indicatorCodes[Int(o.indicators[i])])|\(o.periods[i])"] = o.values[i]
            }
            return out
        }
        let loaded = published(try DatasetLoader.load(directory: dir)), expected = published(SyntheticDataset.dataset(spec))
        #expect(loaded.count == expected.count && loaded.count == 120 * 3 * 2)
        #expect(loaded.allSatisfy { k, v in expected[k].map { abs($0 - v) <= 1e-12 * max(1, abs(v)) } == true })
        // The ratio is published as the ratio of the published parts.
        #expect(expected["france:FR|taux_marge|2020"]! == expected["france:FR|ebe|2020"]! / expected["france:FR|va|2020"]!)
    }

    @Test("the demo's series equal the generator's for the shared indicators and years")
    func demoAgreesWithGenerator() {
        let demo = Demo.dataset()
        let gen = SyntheticDataset.dataset(SyntheticDatasetSpec(level: .commune, indicators: [.named(.va), .named(.emploi_ind)],
                                                                years: 2015...2024, seed: Demo.defaultSeed))
        func column(_ d: Dataset, _ code: String) -> [Double] {
            let o = d.observations
            let k = UInt16(o.indicatorCodes.firstIndex(of: code)!)
            return (0..<o.count).filter { o.indicators[$0] == k && o.territoryKeys[Int(o.territories[$0])].hasPrefix("commune:") }
                .map { o.values[$0] }
        }
        for code in ["va", "emploi_ind"] {
            let a = column(demo, code), b = column(gen, code)
            #expect(a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        }
    }

    @Test("the demo snapshot builds with every level and indicator")
    func demoSnapshot() throws {
        let s = try Demo.snapshot()
        #expect(s.origin == "demo")
        #expect(Set(s.levels.map(\.name)) == ["commune", "epci", "ti1", "ti2", "dept", "region", "france"])
        #expect(s.indicators.count == 11)
        #expect(s.levelByName["commune"].map { s[level: $0].count } == 34_875)
    }
}
