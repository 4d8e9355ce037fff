import Testing
@testable import TIQData

@Suite("Synthetic TI perimeters")
struct SyntheticTerritoriesTests {
    let geo = Geography.embedded
    let perimeters = SyntheticTerritories.perimeters(for: Geography.embedded, seed: 2018)

    func phase(_ n: Int) -> [TIPerimeter] { perimeters.filter { $0.phase == n } }

    @Test("149 phase-1 and 183 phase-2 TIs with ids ti-RRNN unique within a phase and synthetic names")
    func countsAndIds() {
        #expect(phase(1).count == 149)
        #expect(phase(2).count == 183)
        for n in 1...2 {
            let ids = phase(n).map(\.id)
            #expect(Set(ids).count == ids.count)
        }
        let regions = Set(geo.regions.map(\.code))
        for p in perimeters {
            #expect(p.id.hasPrefix("ti-") && p.id.count == 7 && regions.contains(String(p.id.dropFirst(3).prefix(2))))
            #expect(p.name.contains("TI démo"))
        }
    }

    @Test("no commune in two TIs of one phase; coverage and overlap like the real programme")
    func coverage() {
        var sets: [Set<Int>] = [[], [], []]
        for p in perimeters {
            for c in p.communes {
                #expect(!sets[p.phase].contains(c), "commune \(geo.communes[c].code) twice in phase \(p.phase)")
                sets[p.phase].insert(c)
            }
        }
        // Real: 16,152 and 18,640 communes, 14,332 in both (SOURCES.md). Synthetic: same ballpark.
        #expect((13_000...19_000).contains(sets[1].count), "phase 1 covers \(sets[1].count)")
        #expect((15_500...21_500).contains(sets[2].count), "phase 2 covers \(sets[2].count)")
        let both = sets[1].intersection(sets[2]).count
        let overlap = Double(both) / Double(sets[2].count)
        #expect((0.65...0.9).contains(overlap), "overlap \(overlap)")
        #expect(sets[2].count > sets[1].count)
    }

    @Test("some EPCIs are only partly in a TI, or split between two, so EPCI → TI weights can be fractional")
    func fractionalMemberships() {
        for n in 1...2 {
            var tisOfEPCI: [Int: Set<String>] = [:]
            var inTI = Set<Int>()
            for p in phase(n) { for c in p.communes { inTI.insert(c); if let e = geo.communes[c].epci { tisOfEPCI[e, default: []].insert(p.id) } } }
            let split = tisOfEPCI.values.filter { $0.count > 1 }.count
            var partial = 0
            for e in tisOfEPCI.keys where geo.communes.indices.contains(where: { geo.communes[$0].epci == e && !inTI.contains($0) }) {
                partial += 1
            }
            #expect(split + partial >= 5, "phase \(n): \(split) split, \(partial) partial EPCIs")
            #expect(phase(n).contains { $0.memberKinds.contains("COMMUNE") })
        }
    }

    @Test("the same seed gives the same perimeters; another seed, others")
    func deterministic() {
        #expect(SyntheticTerritories.perimeters(for: geo, seed: 2018) == perimeters)
        #expect(SyntheticTerritories.perimeters(for: geo, seed: 7) != perimeters)
    }
}
