import Foundation
import Testing
import TIQCore
import TIQEngine

/// The items of "every answer true" that each need a query to fire: codes beside group names,
/// statuses of `did`, E316, `pp/yr`, W411 and an additive head-count times a share. Expected
/// values come from brute-force passes over the demo's or the hand dataset's rows.
@Suite struct IssueTwelveTests {
    let demo = DemoFixture.engine
    var brute: BruteForce { QueryFilesTests.brute }

    // MARK: codes beside names

    // Rows at commune level: the brute force walks their links up. (An EPCI has no link up in
    // the demo, so the walk finds no région for it: the next test has an oracle of its own.)
    @Test(arguments: [("commune", "dept"), ("commune", "region"), ("commune", "epci")])
    func aggByATerritoryAttributeCarriesItsCode(rows: String, key: String) throws {
        let t = try demo.run("territories at \(rows) | agg n = count() by \(key)")
        #expect(t.columns.map(\.name) == [key, "\(key)_code", "n"])
        // Brute force: each row's parent at `key`, counted by parent.
        var expected: [String: (name: String, n: Int)] = [:]
        for code in brute.codes[rows] ?? [] {
            guard let p = brute.parent("\(rows):\(code)", at: key) else { continue }
            expected[String(p.dropFirst(key.count + 1)), default: (brute.names[p] ?? "", 0)].n += 1
        }
        var got: [String: (name: String, n: Int)] = [:]
        for (i, code) in t.texts("\(key)_code").enumerated() {
            guard let code else { continue }   // rows with no parent at `key` form a group with no code
            #expect(got[code] == nil, "one group per \(key) code")
            got[code] = (t.texts(key)[i] ?? "", Int(t.numbers("n")[i]))
        }
        #expect(got.count == expected.count && got.count > 1, "groups only in tiq: \(Set(got.keys).subtracting(expected.keys).sorted()), only in the brute force: \(Set(expected.keys).subtracting(got.keys).sorted())")
        for (code, e) in expected {
            #expect(got[code]?.name == e.name && got[code]?.n == e.n, "\(key) \(code)")
        }
    }

    /// EPCI rows grouped by région: an EPCI has no link up, so its région is the one holding
    /// the largest share of its communes' population (protocol.md), computed here from the
    /// communes' own links.
    @Test func aggOfEPCIsByRegionFollowsTheirCommunesPopulation() throws {
        let t = try demo.run("territories at epci | agg n = count() by region")
        #expect(t.columns.map(\.name) == ["region", "region_code", "n"])
        var expected: [String: Int] = [:]
        for (_, communes) in brute.members(of: "epci") {
            guard let r = brute.mainParent(communes, "region") else { continue }
            expected[String(r.dropFirst("region:".count)), default: 0] += 1
        }
        var got: [String: Int] = [:]
        for (i, code) in t.texts("region_code").enumerated() {
            guard let code else { continue }
            got[code] = Int(t.numbers("n")[i])
        }
        #expect(got.count > 1 && got == expected, "only in tiq: \(got.filter { expected[$0.key] != $0.value }), in the brute force: \(expected.filter { got[$0.key] != $0.value })")
    }

    @Test func aggByAGroupingNameCarriesItsCodeAndAFlagNone() throws {
        let t = try demo.run("territories at epci | agg n = count() by ti1_name")
        #expect(t.columns.map(\.name) == ["ti1_name", "ti1_code", "n"])
        var nameOf: [String: String] = [:]
        for code in brute.codes["ti1"] ?? [] { nameOf[code] = brute.names["ti1:\(code)"] }
        var checked = 0
        for (name, code) in zip(t.texts("ti1_name"), t.texts("ti1_code")) where name != nil {
            #expect(code.flatMap { nameOf[$0] } == name)
            checked += 1
        }
        #expect(checked > 0)
        // A flag names no territory: no code column.
        #expect(try demo.run("territories at epci | agg n = count() by ti1").columns.map(\.name) == ["ti1", "n"])
    }

    @Test func pivotingOnATerritoryKeyTakesItsCodeAlong() throws {
        let t = try demo.run("territories at epci | agg n = count() by ti1, region | show n by region as wide")
        #expect(t.columns.map(\.name).first == "ti1")
        #expect(!t.columns.map(\.name).contains("region_code"))
        #expect(t.rowCount == 2)
        let rows = try demo.run("territories at epci | agg n = count() by region, ti1 | show n by ti1 as wide")
        #expect(rows.columns.map(\.name).prefix(2) == ["region", "region_code"])
        #expect(rows.rowCount == Set(rows.texts("region_code")).count)
    }

    // MARK: did carries statuses

    /// The qualifier precedence of docs/tql.md, written out here: the higher wins.
    static let precedence: [ObservationStatus] = [.ok, .estimated, .provisional, .approx, .breakHere, .imputed, .partial]
    static func combine(_ a: ObservationStatus, _ b: ObservationStatus) -> ObservationStatus {
        precedence.firstIndex(of: a)! >= precedence.firstIndex(of: b)! ? a : b
    }

    @Test func didColumnsCarryTheQualifiersOfTheirCells() throws {
        // C1 is the treated group, C2 the control (the other communes lack a value in 2020-2022).
        let t = try HandDataset.engine.run("from x at commune | where code in (\"C1\", \"C2\") | derive g = code == \"C1\" | did g pre 2020..2021 post 2021..2022 on change(sum(x))")
        // A change from a to b is `break` when b is a break (it spans it), not when a is.
        func change(_ c: String, _ a: Int, _ b: Int) -> (Double, ObservationStatus) {
            let (x, s) = HandDataset.cell(c, a), (y, u) = HandDataset.cell(c, b)
            return (y! - x!, Self.combine(s == .breakHere ? .ok : s, u))
        }
        func minus(_ a: (Double, ObservationStatus), _ b: (Double, ObservationStatus)) -> (Double, ObservationStatus) {
            (a.0 - b.0, Self.combine(a.1, b.1))
        }
        let pre = [change("C1", 2020, 2021), change("C2", 2020, 2021)], post = [change("C1", 2021, 2022), change("C2", 2021, 2022)]
        let preCol = pre + [minus(pre[0], pre[1])], postCol = post + [minus(post[0], post[1])]
        let changeCol = zip(postCol, preCol).map { minus($0, $1) }
        #expect(t.texts("g") == ["true", "false", "diff"])
        for (name, want) in [("pre", preCol), ("post", postCol), ("change", changeCol)] {
            guard case .number(let x, let st)? = t.column(name)?.values else { Issue.record("no \(name)"); continue }
            #expect(x == want.map(\.0), "\(name) values")
            #expect((st ?? [ObservationStatus](repeating: .ok, count: 3)) == want.map(\.1), "\(name) statuses")
        }
        // The fixture makes the test able to fail: some cell is qualified.
        #expect(changeCol.contains { $0.1 != .ok })
    }

    // MARK: units

    @Test(arguments: ["projets_soutenus / pop * 10000", "10000 * projets_soutenus / pop", "projets_soutenus * 10000 / pop", "projets_soutenus / pop / 0.0001"])
    func aPlainFactorOnARateIsRefusedWithAHintToPer(expr: String) {
        let d = demo.check("from projets_soutenus, pop at epci | derive r = \(expr)").first { $0.severity == .error }
        #expect(d?.code == "E316")
        #expect(d?.help?.contains("per(") == true)
    }

    @Test func aRateWithoutAFactorAndPerAreAccepted() throws {
        #expect(demo.check("from projets_soutenus, pop at epci | derive r = projets_soutenus / pop").allSatisfy { $0.severity != .error })
        let t = try demo.run("from projets_soutenus, pop at epci | period 2022 | derive r = per(projets_soutenus, pop, 10000) | show code, r")
        var checked = 0
        let members = brute.members(of: "epci")  // once: it walks every commune's links
        for (i, code) in t.texts("code").enumerated() {
            let cs = members["epci:\(code ?? "")"] ?? []
            guard let n = brute.strictSum("projets_soutenus", cs, 2022), let p = brute.strictSum("pop", cs, 2022), p != 0 else { continue }
            #expect(close(t.series("r")[i], n / p * 10000), "\(code ?? "?")")
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test func aDifferenceOfAnnualRatesIsInPointsPerYear() throws {
        let t = try demo.run("from emploi_ind at epci | derive a = cagr(emploi_ind, 2015, 2018), b = cagr(emploi_ind, 2018, 2022), d = b - a | show code, a, d")
        #expect(t.column("a")?.unit.symbol == "%/yr")
        #expect(t.column("d")?.unit.symbol == "pp/yr")
        var checked = 0
        let members = brute.members(of: "epci")  // once: it walks every commune's links
        for (i, code) in t.texts("code").enumerated() {
            let cs = members["epci:\(code ?? "")"] ?? []
            guard let x15 = brute.strictSum("emploi_ind", cs, 2015), let x18 = brute.strictSum("emploi_ind", cs, 2018),
                  let x22 = brute.strictSum("emploi_ind", cs, 2022), x15 > 0, x18 > 0 else { continue }
            let want = (pow(x22 / x18, 1.0 / 4) - 1) - (pow(x18 / x15, 1.0 / 3) - 1)
            #expect(close(t.numbers("d")[i], want), "\(code ?? "?")")
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test func aHeadCountTimesAShareStaysAHeadCount() throws {
        let t = try demo.run("territories at commune | agg p = sum(population * ti1_share) by dept")
        let popUnit = try demo.run("territories at commune | agg p = sum(population) by dept").column("p")?.unit
        #expect(t.column("p")?.unit == popUnit)
        // Brute force: each commune's population times its weight in phase-1 territories.
        var sums: [String: Double] = [:], unknown = Set<String>()
        for c in brute.communes {
            guard let d = brute.parent(c, at: "dept") else { continue }
            guard let p = brute.attributes[c]?["population"].flatMap(Double.init) else { unknown.insert(d); continue }
            sums[d, default: 0] += p * brute.weights(c, at: "ti1").values.reduce(0, +)
        }
        var checked = 0
        for (i, code) in t.texts("dept_code").enumerated() where code != nil && !unknown.contains("dept:\(code!)") {
            #expect(close(t.numbers("p")[i], sums["dept:\(code!)"] ?? 0), "dept \(code!)")
            checked += 1
        }
        #expect(checked > 90)
        #expect(sums.values.contains { $0 > 0 })
    }

    // MARK: share of mixed signs

    @Test func shareOfValuesOfBothSignsWarns() throws {
        let t = try demo.run("from emploi_ind at epci | where complete(emploi_ind, 2018, 2022) | derive d = change(emploi_ind, 2018, 2022), s = share(d)")
        // Brute force: the demo's EPCI changes are of both signs.
        var positive = false, negative = false
        for (_, cs) in brute.members(of: "epci") {
            guard let a = brute.strictSum("emploi_ind", cs, 2018), let b = brute.strictSum("emploi_ind", cs, 2022) else { continue }
            if b > a { positive = true } else if b < a { negative = true }
        }
        #expect(positive && negative)
        #expect(t.warnings.contains { $0.code == "W411" })
        // Losses only, made positive: no warning.
        let losses = try demo.run("from emploi_ind at epci | where complete(emploi_ind, 2018, 2022) and change(emploi_ind, 2018, 2022) < 0 | derive s = share(-change(emploi_ind, 2018, 2022))")
        #expect(!losses.warnings.contains { $0.code == "W411" })
        #expect(close(losses.numbers("s").reduce(0, +), 1, 1e-9))
    }
}
