import Foundation
import Testing
import TIQCore
import TIQEngine
import TIQStore

/// `G@P` and `G_share@P` read a TI membership at a period, against a brute-force pass over the
/// staggered fixture's links.csv (validities, a half weight, a commune entering and leaving, a
/// link with two validities, never-members).
@Suite struct MembershipAtTests {
    static let directory = StaggeredChecksTests.directory
    static let engine = StaggeredChecksTests.engine

    /// Each commune's share in some TI in `year`: the direct links valid then (weight 1 when
    /// empty), capped at 1; from the CSV text alone.
    static func communeShares(_ year: Int) throws -> [String: Double] {
        let text = try String(contentsOfFile: directory + "/links.csv", encoding: .utf8)
        var out: [String: Double] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f[0].hasPrefix("commune:") else { continue }
            let code = String(f[0].dropFirst("commune:".count))
            out[code, default: 0] += 0
            guard f[1].hasPrefix("ti:") else { continue }
            let from = Int(f[3]) ?? Int.min, to = Int(f[4]) ?? Int.max
            if from <= year && year <= to { out[code, default: 0] += Double(f[2]) ?? 1 }
        }
        return out.mapValues { min(1, $0) }
    }

    /// Population and EPCI of each commune, from territories.csv and links.csv.
    static func communes() throws -> [String: (population: Double, epci: String)] {
        let territories = try String(contentsOfFile: directory + "/territories.csv", encoding: .utf8)
        let links = try String(contentsOfFile: directory + "/links.csv", encoding: .utf8)
        var population: [String: Double] = [:]
        for line in territories.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if f[0] == "commune" { population[f[1]] = Double(f[3]) ?? 0 }
        }
        var out: [String: (Double, String)] = [:]
        for line in links.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            if f[0].hasPrefix("commune:"), f[1].hasPrefix("epci:") {
                let c = String(f[0].dropFirst(8))
                out[c] = (population[c] ?? 0, String(f[1].dropFirst(5)))
            }
        }
        return out
    }

    @Test(arguments: 2015...2022)
    func communeFlagsAndSharesFollowTheLinksOfTheYear(_ year: Int) throws {
        let expected = try Self.communeShares(year)
        let t = try Self.engine.run("from jobs at commune | derive inside = ti@\(year), share = ti_share@\(year) | show code, inside, share")
        let codes = t.texts("code").map { $0! }
        #expect(Set(codes) == Set(expected.keys))
        for (i, code) in codes.enumerated() {
            let want = try #require(expected[code])
            #expect(close(t.numbers("share")[i], want), "\(code) \(year)")
            #expect(t.bools("inside")[i] == (want >= 0.5), "\(code) \(year)")
        }
        // `where` and `compare` take the flag like any other.
        let inside = try Self.engine.run("from jobs at commune | where ti@\(year) | show code")
        #expect(Set(inside.texts("code").map { $0! }) == Set(expected.filter { $0.value >= 0.5 }.keys), "\(year)")
    }

    @Test(arguments: [2016, 2019, 2021])
    func epciSharesArePopulationWeighted(_ year: Int) throws {
        let shares = try Self.communeShares(year), communes = try Self.communes()
        var inside: [String: Double] = [:], total: [String: Double] = [:]
        for (c, info) in communes {
            inside[info.epci, default: 0] += info.population * (shares[c] ?? 0)
            total[info.epci, default: 0] += info.population
        }
        let t = try Self.engine.run("from jobs at epci | derive share = ti_share@\(year) | show code, share")
        for (i, code) in t.texts("code").enumerated() {
            let e = try #require(code)
            #expect(close(t.numbers("share")[i], inside[e]! / total[e]!, 1e-12), "\(e) \(year)")
        }
    }

    /// The membership at a period differs from the perimeter of all time: c06 left in 2020.
    @Test func thePeriodMattersWhereTheAllTimeFlagDoesNot() throws {
        let t = try Self.engine.run("from jobs at commune | where code == \"c06\" | derive ever = ti, y2018 = ti@2018, y2021 = ti@2021 | show ever, y2018, y2021")
        #expect(t.bools("ever") == [true] && t.bools("y2018") == [true] && t.bools("y2021") == [false])
    }

    /// Without validities the membership is the same at every period: `ti1@2019` is `ti1`.
    @Test func aPerimeterThatNeverChangesReadsTheSameAtEveryPeriod() throws {
        let t = try DemoFixture.engine.run("from emploi_ind at epci | derive a = ti1, b = ti1@2019, c = ti1_share, d = ti1_share@2024 | show a, b, c, d")
        #expect(t.bools("a") == t.bools("b") && t.bools("a").contains(true) && t.bools("a").contains(false))
        #expect(zip(t.numbers("c"), t.numbers("d")).allSatisfy { close($0, $1) })
    }

    /// `@` on an attribute that is not a membership stays E302, and says what `@` reads.
    @Test func atOnAnotherAttributeSaysWhatAtReads() throws {
        let diagnostics = Self.engine.check("from jobs at commune | derive x = population@2019")
        let d = try #require(diagnostics.first { $0.code == "E302" })
        #expect(d.help?.contains("ti2@2024") == true)
    }
}
