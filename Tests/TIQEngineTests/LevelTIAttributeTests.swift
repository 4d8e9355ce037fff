import Testing
import TIQCore
import TIQEngine

/// TI attributes on départements and régions, queried through TQL on the demo and checked
/// against the brute-force reading of the demo's rows: "France Relance beneficiaries in TI
/// départements vs the others" starts with `territories at dept | where ti1`.
@Suite struct LevelTIAttributeTests {
    let engine = DemoFixture.engine
    var brute: BruteForce { QueryFilesTests.brute }

    @Test(arguments: ["dept", "region"])
    func tiFlagsSharesAndCountsOfCoarseLevels(level: String) throws {
        let t = try engine.run("territories at \(level) | where ti1 | show code, ti1_share, ti1_count")
        var expected: [String] = []
        let members = brute.members(of: level)
        var tiOf: [String: String] = [:]
        for c in brute.communes { tiOf[c] = brute.parent(c, at: "ti1") }
        for (key, communes) in members where brute.flag(communes, "ti1") {   // by commune count when no population (976)
            expected.append(String(key.dropFirst(level.count + 1)))
        }
        let got = t.texts("code").compactMap { $0 }.sorted()
        #expect(got == expected.sorted(), "only tiq: \(Set(got).subtracting(expected).sorted()), only brute force: \(Set(expected).subtracting(got).sorted())")
        #expect(t.rowCount > 0 && t.numbers("ti1_share").allSatisfy { $0 >= 0.5 && $0 <= 1 })
        let counts = try engine.run("territories at \(level) | show code, ti1_count")
        for (code, count) in zip(counts.texts("code"), counts.numbers("ti1_count")) {
            let communes = members["\(level):\(code ?? "")"] ?? []
            let tis = Set(communes.compactMap { tiOf[$0] })
            #expect(count == Double(tis.count), "\(level) \(code ?? "?") touches \(tis.count) TIs")
        }
    }
}
