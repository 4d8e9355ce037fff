import TIQStore

/// Random territory datasets of any size with the hard cases of real files: communes split
/// between two EPCIs (0.25/0.75, 0.5/0.5), EPCIs linked to a département other than some of
/// their communes', communes reaching their département only through their EPCIs, TIs linked
/// from EPCIs and from communes (some split between two TIs), unknown and zero populations.
/// Every commune lies wholly in the EPCI, dept, region and france levels.
enum RandomTerritories {
    /// A xorshift generator: the sequence depends on the seed only.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    static func dataset(communes n: Int, seed: UInt64) -> Dataset {
        var g = Generator(state: seed | 1)
        let regions = max(2, n / 300), depts = max(3, n / 40), epcis = max(4, n / 12)
        let ti1 = max(2, n / 25), ti2 = max(2, n / 30)
        var d = Dataset()
        d.attributeNames = ["population"]
        func add(_ level: String, _ count: Int) {
            for i in 0..<count { d.territories.append(TerritoryRecord(level: level, code: "\(level)\(i)", name: "\(level) \(i)", attributes: [""])) }
        }
        func link(_ child: String, _ parent: String, _ w: Double = 1) { d.links.append(LinkRecord(child: child, parent: parent, weight: w)) }
        for i in 0..<n {
            let pop = g.chance(5) ? "" : g.chance(3) ? "0" : String(g.below(5000))
            d.territories.append(TerritoryRecord(level: "commune", code: format4(i), name: "c \(i)", attributes: [pop]))
        }
        add("epci", epcis); add("ti1", ti1); add("ti2", ti2); add("dept", depts); add("region", regions)
        var epciDept = [Int](repeating: -1, count: epcis)
        for i in 0..<n {
            let c = "commune:" + format4(i)
            let dept = g.below(depts)
            let e = g.below(epcis)
            if epciDept[e] < 0 { epciDept[e] = g.chance(80) ? dept : g.below(depts) }   // some EPCIs straddle
            if g.chance(8) {
                let other = (e + 1 + g.below(epcis - 1)) % epcis
                let w = g.chance(50) ? 0.5 : 0.25
                link(c, "epci:epci\(e)", w); link(c, "epci:epci\(other)", 1 - w)
            } else {
                link(c, "epci:epci\(e)")
            }
            if !g.chance(5) { link(c, "dept:dept\(dept)") }                        // else: through its EPCIs
            if g.chance(10) {
                let t = g.below(ti1)
                if g.chance(30) { link(c, "ti1:ti1\(t)", 0.5); link(c, "ti1:ti1\((t + 1) % ti1)", 0.5) } else { link(c, "ti1:ti1\(t)") }
            }
            if g.chance(20) { link(c, "ti2:ti2\(g.below(ti2))") }
        }
        for e in 0..<epcis {
            link("epci:epci\(e)", "dept:dept\(epciDept[e] >= 0 ? epciDept[e] : g.below(depts))")
            if g.chance(30) { link("epci:epci\(e)", "ti1:ti1\(g.below(ti1))") }
            if g.chance(10) { link("epci:epci\(e)", "ti2:ti2\(g.below(ti2))") }
        }
        for i in 0..<depts { link("dept:dept\(i)", "region:region\(i % regions)") }
        for i in 0..<regions { link("region:region\(i)", "france:fr0") }
        d.territories.append(TerritoryRecord(level: "france", code: "fr0", name: "France", attributes: [""]))
        return d
    }

    /// A zero-padded commune code, so that codes sort as numbers.
    static func format4(_ i: Int) -> String {
        let s = String(i)
        return String(repeating: "0", count: max(0, 5 - s.count)) + s
    }
}
