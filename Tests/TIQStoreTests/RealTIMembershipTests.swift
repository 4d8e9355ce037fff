import Foundation
import Testing
import TIQCore
@testable import TIQStore

/// TI perimeters of both phases on the real geography: flags, shares and weights of EPCIs and
/// TIs checked against a brute-force pass over ti/commune_membership.csv and geo/communes.csv.
@Suite(.enabled(if: SharedData.isAvailable, "needs ../shared/data (absent)"))
struct RealTIMembershipTests {
    /// code → (epci, population) from geo/communes.csv.
    static let communes: [String: (epci: String, population: Double?)] = {
        var m: [String: (String, Double?)] = [:]
        for line in (try? SharedData.lines("geo/communes.csv"))?.dropFirst() ?? [] {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            m[String(f[0])] = (String(f[3]), Double(String(f[4])))
        }
        return m
    }()

    /// phase → commune → TI id, from ti/commune_membership.csv.
    static let membership: [String: [String: String]] = {
        var m: [String: [String: String]] = ["1": [:], "2": [:]]
        for line in (try? SharedData.lines("ti/commune_membership.csv"))?.dropFirst() ?? [] {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            m[String(f[0]), default: [:]][String(f[2])] = String(f[1])
        }
        return m
    }()

    var s: Snapshot { GeoFixture.snapshotWithTI! }
    func table(_ name: String) -> LevelTable { s[level: s.levelByName[name]!] }

    @Test func levelsAndCounts() throws {
        try #require(GeoFixture.snapshotWithTI != nil)
        #expect(s.levels.map(\.name) == ["commune", "epci", "ti2", "ti1", "dept", "region", "france"])
        #expect(table("ti1").count == 149 && table("ti2").count == 183)
    }

    @Test func communeFlagsMatchTheLists() throws {
        try #require(GeoFixture.snapshotWithTI != nil)
        let commune = table("commune")
        let phase1 = Set(Self.membership["1"]!.keys), phase2 = Set(Self.membership["2"]!.keys)
        func flagged(_ a: String) -> Set<String> {
            guard case .flag(let b)? = commune.attribute(a)?.column else { Issue.record("no flag \(a)"); return [] }
            return Set(b.rows.map { commune.codes[$0] })
        }
        #expect(flagged("ti1") == phase1)
        #expect(flagged("ti2") == phase2)
        #expect(flagged("new_ti2") == phase2.subtracting(phase1))
        guard case .text(let codes, let values)? = commune.attribute("ti1_code")?.column else { Issue.record("ti1_code"); return }
        for (row, code) in commune.codes.enumerated() {
            #expect((codes[row] == .max ? nil : values[Int(codes[row])]) == Self.membership["1"]![code])
        }
    }

    @Test func epciSharesAreTheirPopulationShares() throws {
        try #require(GeoFixture.snapshotWithTI != nil)
        let epci = table("epci")
        for phase in ["1", "2"] {
            // Brute force: per EPCI, population inside some TI of the phase over its population.
            var inside: [String: Double] = [:], total: [String: Double] = [:]
            var insideCount: [String: Double] = [:], count: [String: Double] = [:]
            for (code, c) in Self.communes where !c.epci.isEmpty {
                let member = Self.membership[phase]![code] != nil
                count[c.epci, default: 0] += 1
                if member { insideCount[c.epci, default: 0] += 1 }
                guard let p = c.population else { continue }
                total[c.epci, default: 0] += p
                if member { inside[c.epci, default: 0] += p }
            }
            guard case .number(let share)? = epci.attribute("ti\(phase)_share")?.column else { Issue.record("share"); continue }
            for (row, code) in epci.codes.enumerated() {
                let expected = (total[code] ?? 0) > 0 ? (inside[code] ?? 0) / total[code]! : (insideCount[code] ?? 0) / (count[code] ?? 1)
                #expect(abs(share[row] - expected) < 1e-5, "EPCI \(code) phase \(phase)")
            }
        }
    }

    @Test func epciToTIWeightsAndPopulations() throws {
        try #require(GeoFixture.snapshotWithTI != nil)
        let epci = table("epci"), ti1 = table("ti1")
        let m = try #require(s.membership(from: epci.id, to: ti1.id))
        var pairs: [String: Double] = [:], epciPop: [String: Double] = [:], tiPop: [String: Double] = [:]
        for (code, c) in Self.communes {
            guard let p = c.population else { continue }
            if !c.epci.isEmpty { epciPop[c.epci, default: 0] += p }
            if let ti = Self.membership["1"]![code] {
                tiPop[ti, default: 0] += p
                if !c.epci.isEmpty { pairs["\(c.epci)>\(ti)", default: 0] += p }
            }
        }
        var checked = 0, fractional = 0
        for p in 0..<m.parentCount {
            for k in m.range(of: p) {
                let e = epci.codes[Int(m.children[k])], ti = ti1.codes[p]
                guard let pop = epciPop[e], pop > 0 else { continue }
                #expect(abs(Double(m.weights[k]) - (pairs["\(e)>\(ti)"] ?? 0) / pop) < 1e-5, "\(e) in \(ti)")
                checked += 1
                if m.weights[k] < 1 { fractional += 1 }
            }
        }
        #expect(checked >= 500)
        #expect(fractional > 0)
        #expect(m.exact.cardinality < ti1.count)
        guard case .number(let population)? = ti1.attribute("population")?.column else { Issue.record("population"); return }
        for (row, code) in ti1.codes.enumerated() { #expect(population[row] == tiPop[code] ?? .nan, "\(code)") }
    }
}

/// "France Relance beneficiaries in TI départements vs the others" needs département TI
/// attributes: checked against population sums over geo/communes.csv and commune_membership.csv.
@Suite(.enabled(if: SharedData.isAvailable, "needs ../shared/data (absent)"))
struct RealDépartementTITests {
    @Test func départementSharesFlagsAndCountsAreTheirCommunesPopulations() throws {
        let s = try #require(GeoFixture.snapshotWithTI)
        let dept = s[level: try #require(s.levelByName["dept"])]
        // Brute force: code → (dept, population) from geo/communes.csv.
        var communeDept: [String: (String, Double?)] = [:]
        for line in try SharedData.lines("geo/communes.csv").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            communeDept[String(f[0])] = (String(f[2]), Double(String(f[4])))
        }
        var checked = 0
        for phase in ["1", "2"] {
            var total: [String: Double] = [:], inside: [String: Double] = [:], tis: [String: Set<String>] = [:]
            var count: [String: Double] = [:], insideCount: [String: Double] = [:]   // when no population is known
            let members = RealTIMembershipTests.membership[phase]!
            for (code, (d, pop)) in communeDept {
                count[d, default: 0] += 1
                if let ti = members[code] { insideCount[d, default: 0] += 1; tis[d, default: []].insert(ti) }
                guard let pop else { continue }
                total[d, default: 0] += pop
                if members[code] != nil { inside[d, default: 0] += pop }
            }
            guard case .number(let share)? = dept.attribute("ti\(phase)_share")?.column,
                  case .flag(let flag)? = dept.attribute("ti\(phase)")?.column,
                  case .number(let touched)? = dept.attribute("ti\(phase)_count")?.column else {
                Issue.record("dept lacks ti\(phase) attributes"); continue
            }
            for (row, code) in dept.codes.enumerated() {
                let expected = (total[code] ?? 0) > 0 ? (inside[code] ?? 0) / total[code]! : (insideCount[code] ?? 0) / (count[code] ?? 1)
                #expect(abs(share[row] - expected) <= 1e-12, "dept \(code) ti\(phase)_share \(share[row]) vs \(expected)")
                #expect(flag.contains(row) == (expected >= 0.5), "dept \(code) ti\(phase)")
                #expect(touched[row] == Double(tis[code]?.count ?? 0), "dept \(code) ti\(phase)_count")
                checked += 1
            }
            #expect(flag.cardinality > 10 && flag.cardinality < dept.count, "some départements are TI départements, not all")
        }
        #expect(checked == 2 * dept.count && dept.count >= 100)
    }
}
