import TIQCore

/// Synthetic Territoires d'industrie perimeters for both phases, built from the real EPCIs
/// of a geography: plausible in size and shape, obviously not the real ones.
///
/// Per région, a share of the EPCIs is chosen (about 47 % in phase 1, 55 % in phase 2, with
/// about 90 % of the phase-1 EPCIs kept), sorted by département and cut into consecutive
/// groups, one per TI. A few EPCIs are split between two TIs or only partly taken, so
/// EPCI → TI memberships are sometimes fractional, as in the real programme. The result
/// depends only on the geography and the seed.
public enum SyntheticTerritories {
    /// TIs per phase, as in the real programme.
    public static let counts = [1: 149, 2: 183]

    /// The perimeters of phases 1 and 2.
    public static func perimeters(for geo: Geography, seed: UInt64) -> [TIPerimeter] {
        let deptIndex = geo.departementIndex
        // The communes of each EPCI, and its département (that of its first commune).
        var epciCommunes = [[Int]](repeating: [], count: geo.epcis.count)
        for (i, c) in geo.communes.enumerated() { if let e = c.epci { epciCommunes[e].append(i) } }
        var byRegion: [String: [Int]] = [:]
        for (e, communes) in epciCommunes.enumerated() {
            guard let first = communes.first, let d = deptIndex[geo.communes[first].departement] else { continue }
            byRegion[geo.departements[d].region, default: []].append(e)
        }
        let regions = geo.regions.filter { byRegion[$0.code] != nil }
        func deptOf(_ e: Int) -> String { geo.communes[epciCommunes[e][0]].departement }

        var out: [TIPerimeter] = []
        for region in regions {
            let epcis = byRegion[region.code] ?? []
            var rng = SplitMix64(seed: seed, "ti", region.code)
            let shuffled = epcis.shuffled(using: &rng)
            let phase1 = Array(shuffled.prefix(max(1, Int((Double(epcis.count) * 0.47).rounded()))))
            var phase2 = phase1.filter { _ in !rng.chance(0.1) }
            let target2 = max(1, Int((Double(epcis.count) * 0.55).rounded()))
            let unused = shuffled.dropFirst(phase1.count)
            phase2 += unused.prefix(max(0, target2 - phase2.count))
            for (phase, chosen) in [(1, phase1), (2, phase2)] {
                let n = min(chosen.count, allocation(phase: phase, geo: geo, byRegion: byRegion)[region.code] ?? 1)
                let sorted = chosen.sorted { (deptOf($0), geo.epcis[$0].siren) < (deptOf($1), geo.epcis[$1].siren) }
                out += groups(sorted, count: n, phase: phase, region: region, epciCommunes: epciCommunes,
                              geo: geo, rng: &rng)
            }
        }
        return out
    }

    /// Cuts `epcis` into `count` consecutive groups and makes one TI of each; about one EPCI in
    /// 25 (with 4 communes or more) is split: the first half of its communes goes to its TI,
    /// the second half to the next TI or to none.
    private static func groups(_ epcis: [Int], count: Int, phase: Int, region: Geography.Region,
                               epciCommunes: [[Int]], geo: Geography, rng: inout SplitMix64) -> [TIPerimeter] {
        guard count > 0 else { return [] }
        var tis: [TIPerimeter] = (0..<count).map { n in
            let number = n + 1 < 10 ? "0\(n + 1)" : "\(n + 1)"
            let name = phase == 1 ? "TI démo \(region.name) \(number)" : "TI démo 2 \(region.name) \(number)"
            return TIPerimeter(phase: phase, id: "ti-\(region.code)\(number)", name: name, communes: [],
                               memberKinds: [], memberEPCIs: [])
        }
        for (i, e) in epcis.enumerated() {
            let t = i * count / epcis.count
            let communes = epciCommunes[e]
            let siren = geo.epcis[e].siren
            if communes.count >= 4, rng.chance(0.04) {
                let half = communes.count / 2
                tis[t].communes += communes[..<half]
                tis[t].memberKinds += Array(repeating: "COMMUNE", count: half)
                tis[t].memberEPCIs.append(siren)
                if t + 1 < count, rng.chance(0.5) {
                    tis[t + 1].communes += communes[half...]
                    tis[t + 1].memberKinds += Array(repeating: "COMMUNE", count: communes.count - half)
                    tis[t + 1].memberEPCIs.append(siren)
                }
            } else {
                tis[t].communes += communes
                tis[t].memberKinds.append("EPCI")
                tis[t].memberEPCIs.append(siren)
            }
        }
        return tis.filter { !$0.communes.isEmpty }
    }

    /// How many TIs each région gets in `phase`: proportional to its EPCIs, at least one,
    /// largest remainders first, summing to `counts[phase]`.
    static func allocation(phase: Int, geo: Geography, byRegion: [String: [Int]]) -> [String: Int] {
        let total = counts[phase] ?? 0
        let sizes = geo.regions.compactMap { r in byRegion[r.code].map { (r.code, $0.count) } }
        let epcis = sizes.reduce(0) { $0 + $1.1 }
        guard epcis > 0 else { return [:] }
        var share: [String: Int] = [:]
        var remainders: [(String, Double)] = []
        for (code, n) in sizes {
            let exact = Double(total) * Double(n) / Double(epcis)
            share[code] = max(1, Int(exact))
            remainders.append((code, exact - Double(Int(exact))))
        }
        var left = total - share.values.reduce(0, +)
        for (code, _) in remainders.sorted(by: { ($0.1, $1.0) > ($1.1, $0.0) }) where left > 0 {
            share[code, default: 0] += 1
            left -= 1
        }
        return share
    }
}
