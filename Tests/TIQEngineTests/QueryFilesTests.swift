import Foundation
import Testing
import TIQCore
import TIQData
import TIQEngine

/// Every file in queries/ is run on the demo and its answer checked against an independent
/// brute-force pass over the demo dataset's rows (BruteForce), never against pasted output.
@Suite struct QueryFilesTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../queries").standardized
    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".tiq") }.sorted()
    static let brute = BruteForce(Demo.dataset())

    static func run(_ file: String) throws -> ResultTable {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        return try DemoFixture.engine.run(text)
    }

    @Test func everyQueryFileHasAnIndependentCheck() {
        #expect(Self.files.count >= 15)
        for f in Self.files { #expect(Self.checks[f] != nil, "queries/\(f) has no independent check in QueryFilesTests") }
    }

    @Test(arguments: files) func queryFileMatchesBruteForce(_ file: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
        #expect(text.hasPrefix("#"), "queries/\(file) starts with a comment saying what question it answers")
        let table = try Self.run(file)
        try #require(Self.checks[file] != nil)
        Self.checks[file]!(table, Self.brute)
    }

    /// EPCI (or another level) as lists of communes, with strict sums per year.
    static func groups(_ b: BruteForce, _ level: String) -> [(key: String, communes: [String])] {
        b.members(of: level).map { ($0.key, $0.value) }.sorted { $0.key < $1.key }
    }

    static func complete(_ b: BruteForce, _ ind: String, _ communes: [String], _ years: some Sequence<Int>) -> Bool {
        years.allSatisfy { b.strictSum(ind, communes, $0) != nil }
    }

    nonisolated(unsafe) static let checks: [String: (ResultTable, BruteForce) -> Void] = baseChecks.merging(descriptiveChecks) { a, _ in a }.merging(levelChecks) { a, _ in a }.merging(perimeterChecks) { a, _ in a }

    /// Mean industrial jobs per year of the phase-1 and other EPCI with a value every year of `years`.
    static func panelMeans(_ b: BruteForce, _ years: ClosedRange<Int>) -> (treated: [Int: Double], control: [Int: Double], units: Int) {
        var sums: [Bool: [Int: Double]] = [:], counts: [Bool: Int] = [:]
        for (_, cs) in groups(b, "epci") where complete(b, "emploi_ind", cs, years) {
            let f = b.flag(cs, "ti1")
            counts[f, default: 0] += 1
            for y in years { sums[f, default: [:]][y, default: 0] += b.strictSum("emploi_ind", cs, y)! }
        }
        func means(_ f: Bool) -> [Int: Double] { sums[f]!.mapValues { $0 / Double(counts[f]!) } }
        return (means(true), means(false), counts.values.reduce(0, +))
    }

    nonisolated(unsafe) static let baseChecks: [String: (ResultTable, BruteForce) -> Void] = [
        "01-ti1-vs-rest-growth.tiq": { t, b in
            var s18 = [0.0, 0.0], s22 = [0.0, 0.0], n = [0, 0]
            for (_, cs) in groups(b, "epci") where complete(b, "emploi_ind", cs, [2018, 2022]) {
                let g = b.flag(cs, "ti1") ? 0 : 1
                s18[g] += b.strictSum("emploi_ind", cs, 2018)!; s22[g] += b.strictSum("emploi_ind", cs, 2022)!; n[g] += 1
            }
            #expect(t.texts("ti1") == ["true", "false", "diff"])
            let v = t.numbers("value")
            #expect(close(v[0], s22[0] / s18[0] - 1) && close(v[1], s22[1] / s18[1] - 1))
            #expect(close(v[2], (s22[0] / s18[0]) - (s22[1] / s18[1])))
            #expect(t.numbers("n")[0...1] == [Double(n[0]), Double(n[1])])
            #expect(t.column("value")?.unit == .percent)
        },
        "02-growth-per-ti1.tiq": { t, b in
            var rows: [(String, Double)] = []
            for (key, cs) in groups(b, "ti1") {
                if let a = b.strictSum("emploi_ind", cs, 2018), let c = b.strictSum("emploi_ind", cs, 2022), a != 0 { rows.append((key, c / a - 1)) }
            }
            rows.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
            let top = rows.prefix(20)
            #expect(t.texts("code") == top.map { String($0.0.dropFirst(4)) })
            #expect(zip(t.numbers("g"), top).allSatisfy { close($0, $1.1) })
            #expect(t.warnings.contains { $0.code == "W404" } == (rows.count < (b.codes["ti1"]?.count ?? 0)))
        },
        "03-share-of-job-losses.tiq": { t, b in
            // Jobs lost by the EPCI whose 2018→2022 change is negative, by ti1 flag.
            var lost: [Bool: Double] = [:]
            for (_, cs) in groups(b, "epci") where complete(b, "emploi_ind", cs, [2018, 2022]) {
                let net = b.strictSum("emploi_ind", cs, 2022)! - b.strictSum("emploi_ind", cs, 2018)!
                if net < 0 { lost[b.flag(cs, "ti1"), default: 0] += -net }
            }
            let total = lost.values.reduce(0, +)
            #expect(t.bools("ti1") == [false, true])
            #expect(close(t.numbers("lost")[0], lost[false]) && close(t.numbers("lost")[1], lost[true]))
            #expect(close(t.numbers("part")[1], lost[true]! / total))
            #expect(t.numbers("lost").allSatisfy { $0 > 0 })
            #expect(!t.warnings.contains { $0.code == "W411" })
        },
        "04-did-jobs.tiq": { t, b in
            var s: [[Double]] = [[0, 0, 0], [0, 0, 0]]
            for (_, cs) in groups(b, "epci") where complete(b, "emploi_ind", cs, [2015, 2018, 2022]) {
                let g = b.flag(cs, "ti1") ? 0 : 1
                for (k, y) in [2015, 2018, 2022].enumerated() { s[g][k] += b.strictSum("emploi_ind", cs, y)! }
            }
            let pre = s.map { $0[1] / $0[0] - 1 }, post = s.map { $0[2] / $0[1] - 1 }
            #expect(close(t.numbers("pre")[0], pre[0]) && close(t.numbers("pre")[1], pre[1]))
            #expect(close(t.numbers("post")[0], post[0]) && close(t.numbers("post")[1], post[1]))
            #expect(close(t.numbers("change")[2], (post[0] - post[1]) - (pre[0] - pre[1])))
            #expect(t.warnings.contains { $0.message.contains("parallel-trend") })
        },
        "05-closure-rate.tiq": { t, b in
            var d: [[Int: Double]] = [[:], [:]], e: [[Int: Double]] = [[:], [:]]
            for (_, cs) in groups(b, "epci") where complete(b, "disparitions", cs, 2015...2022) && complete(b, "etab_ind", cs, 2015...2022) {
                let g = b.flag(cs, "ti1") ? 0 : 1
                for y in 2015...2022 { d[g][y, default: 0] += b.strictSum("disparitions", cs, y)!; e[g][y, default: 0] += b.strictSum("etab_ind", cs, y)! }
            }
            func meanRate(_ g: Int, _ r: ClosedRange<Int>) -> Double { r.map { d[g][$0]! / e[g][$0]! }.reduce(0, +) / Double(r.count) }
            #expect(close(t.numbers("pre")[0], meanRate(0, 2015...2018)) && close(t.numbers("pre")[1], meanRate(1, 2015...2018)))
            #expect(close(t.numbers("post")[0], meanRate(0, 2019...2022)) && close(t.numbers("post")[1], meanRate(1, 2019...2022)))
        },
        "06-margin-rate-change.tiq": { t, b in
            var ebe: [[Double]] = [[0, 0], [0, 0]], va: [[Double]] = [[0, 0], [0, 0]]
            for (_, cs) in groups(b, "epci") where complete(b, "ebe", cs, [2018, 2022]) && complete(b, "va", cs, [2018, 2022]) {
                let g = b.flag(cs, "ti1") ? 0 : 1
                for (k, y) in [2018, 2022].enumerated() { ebe[g][k] += b.strictSum("ebe", cs, y)!; va[g][k] += b.strictSum("va", cs, y)! }
            }
            let ch = (0...1).map { ebe[$0][1] / va[$0][1] - ebe[$0][0] / va[$0][0] }
            #expect(close(t.numbers("value")[0], ch[0]) && close(t.numbers("value")[1], ch[1]))
            #expect(t.column("value")?.unit == .percentagePoints)
        },
        "07-top-epci-in-region.tiq": { t, b in
            let ge = b.codes["region"]!.first { b.names["region:\($0)"] == "Grand Est" }!
            var rows: [(String, Double, Double)] = []
            for (key, cs) in groups(b, "epci") where b.mainParent(cs, "region") == "region:\(ge)" {
                guard let a = b.strictSum("emploi_ind", cs, 2018), a >= 500, let c = b.strictSum("emploi_ind", cs, 2022) else { continue }
                rows.append((key, a, c / a - 1))
            }
            rows.sort { $0.2 > $1.2 || ($0.2 == $1.2 && $0.0 < $1.0) }
            let top = Array(rows.prefix(10))
            #expect(t.texts("name") == top.map { b.names[$0.0] })
            #expect(zip(t.numbers("e2018"), top).allSatisfy { close($0, $1.1) })
            #expect(zip(t.numbers("g"), top).allSatisfy { close($0, $1.2) })
        },
        "08-rollup-to-ti2.tiq": { t, b in
            var rows: [(String, Double?, Double?)] = []
            for (key, cs) in groups(b, "ti2") {
                let e = b.strictSum("emploi_ind", cs, 2022)
                let m = b.strictSum("ebe", cs, 2022).flatMap { x in b.strictSum("va", cs, 2022).map { x / $0 } }
                rows.append((key, e, m))
            }
            rows.sort { ($0.1 ?? -.infinity, $1.0) > ($1.1 ?? -.infinity, $0.0) }
            #expect(t.rowCount == rows.count)
            #expect(t.texts("code") == rows.map { String($0.0.dropFirst(4)) })
            #expect(zip(t.series("emploi_ind"), rows).allSatisfy { close($0, $1.1) })
            #expect(zip(t.series("taux_marge"), rows).allSatisfy { close($0, $1.2) })
        },
        "09-rollup-to-region.tiq": { t, b in
            var byRegion: [String: [String]] = [:]
            for c in b.communes where b.parent(c, at: "ti2") != nil { byRegion[b.parent(c, at: "region")!, default: []].append(c) }
            let regions = byRegion.keys.sorted { b.names[$0]! < b.names[$1]! }
            #expect(t.texts("name") == regions.map { b.names[$0] })
            let years = t.periods.map { Int($0.year) }
            for (i, r) in regions.enumerated() {
                for (j, y) in years.enumerated() {
                    #expect(close(t.series("emploi_ind")[i * years.count + j], b.strictSum("emploi_ind", byRegion[r]!, y)))
                }
            }
        },
        "10-index-2018.tiq": { t, b in
            var s: [Bool: [Int: Double]] = [:]
            for (_, cs) in groups(b, "epci") where complete(b, "emploi_ind", cs, 2015...2024) {
                for y in 2015...2024 { s[b.flag(cs, "ti1"), default: [:]][y, default: 0] += b.strictSum("emploi_ind", cs, y)! }
            }
            #expect(t.bools("ti1") == [false, true])
            for (i, f) in [false, true].enumerated() {
                for y in 2015...2024 { #expect(close(t.numbers("idx@\(y)")[i], 100 * s[f]![y]! / s[f]![2018]!)) }
            }
        },
        "11-new-ti2-entrants.tiq": { t, b in
            var count: [String: Int] = [:]
            for (key, cs) in groups(b, "epci") {
                let type = b.attributes[key]?["type"] ?? ""
                guard b.flag(cs, "ti2"), !b.flag(cs, "ti1"), type == "CA" || type == "CC", let r = b.mainParent(cs, "region") else { continue }
                count["\(b.names[r]!)|\(type)", default: 0] += 1
            }
            let keys = count.keys.sorted()
            #expect(zip(t.texts("region"), t.texts("type")).map { "\($0!)|\($1!)" } == keys)
            #expect(t.numbers("n") == keys.map { Double(count[$0]!) })
        },
        "12-projects-per-inhabitant.tiq": { t, b in
            // Regions' sums over phase-2 EPCI: weights split EPCI straddling regions, so compare only
            // regions whose phase-2 EPCI all lie wholly inside them.
            var byRegion: [String: [String]] = [:]
            var straddling = Set<String>()
            for (_, cs) in groups(b, "epci") where b.flag(cs, "ti2") {
                let regions = Set(cs.compactMap { b.parent($0, at: "region") })
                if regions.count > 1 { straddling.formUnion(regions) }
                for c in cs { byRegion[b.parent(c, at: "region")!, default: []].append(c) }
            }
            var checked = 0
            for (i, name) in t.texts("name").enumerated() {
                guard let r = byRegion.keys.first(where: { b.names[$0] == name }), !straddling.contains(r) else { continue }
                let p = b.strictSum("pop", byRegion[r]!, 2024), m = b.strictSum("montant_aides", byRegion[r]!, 2024)
                #expect(close(t.series("aide_hab")[i], m.flatMap { x in p.map { x / $0 } }, 1e-9))
                checked += 1
            }
            #expect(checked > 0)
            // The scale stays in the unit: projects per 10,000 inhabitants.
            #expect(t.column("projets_10k")?.unit.symbol.hasSuffix("per 10000 hab") == true)
            for (i, name) in t.texts("name").enumerated() {
                guard let r = byRegion.keys.first(where: { b.names[$0] == name }), !straddling.contains(r) else { continue }
                let p = b.strictSum("pop", byRegion[r]!, 2024), n = b.strictSum("projets_soutenus", byRegion[r]!, 2024)
                #expect(close(t.series("projets_10k")[i], n.flatMap { x in p.map { x / $0 * 10000 } }, 1e-9))
            }
        },
        "13-closures-exceed-creations.tiq": { t, b in
            var count: [String: Int] = [:]
            for (_, cs) in groups(b, "epci") {
                let ok = (2019...2023).allSatisfy { y in
                    guard let d = b.strictSum("disparitions", cs, y), let c = b.strictSum("creations", cs, y) else { return false }
                    return d > c
                }
                guard ok, let r = b.mainParent(cs, "region") else { continue }
                count["\(b.flag(cs, "ti2"))|\(b.names[r]!)", default: 0] += 1
            }
            let got = zip(t.bools("ti2"), t.texts("region")).map { "\($0!)|\($1!)" }
            #expect(got == count.keys.sorted { ($0.hasPrefix("false") ? 0 : 1, $0) < ($1.hasPrefix("false") ? 0 : 1, $1) })
            #expect(t.numbers("n") == got.map { Double(count[$0] ?? -1) })
        },
        "14-lookup.tiq": { t, b in
            let expected = b.codes["epci"]!.filter { TextFolding.fold(b.names["epci:\($0)"]!).contains("chalon") }
            #expect(!expected.isEmpty)
            #expect(t.texts("code").first.map { expected.contains($0 ?? "") } == true)
            #expect(t.rowCount <= 5)
        },
        "15-yoy-cagr-long.tiq": { t, b in
            let ge = b.codes["region"]!.first { b.names["region:\($0)"] == "Grand Est" }!
            let tis = groups(b, "ti2").filter { b.mainParent($0.communes, "region") == "region:\(ge)" }
            #expect(t.rowCount == tis.count * 8)
            for (k, ti) in tis.enumerated() {
                for (j, y) in (2016...2023).enumerated() {
                    let i = k * 8 + j
                    #expect(t.texts("name")[i] == b.names[ti.key])
                    let cur = b.strictSum("etab_ind", ti.communes, y), prev = b.strictSum("etab_ind", ti.communes, y - 1)
                    #expect(close(t.numbers("etab_ind")[i], cur))
                    #expect(close(t.numbers("yoy")[i], cur.flatMap { c in prev.map { c / $0 - 1 } }))
                }
                let a = b.strictSum("etab_ind", ti.communes, 2015), z = b.strictSum("etab_ind", ti.communes, 2023)
                #expect(close(t.numbers("cagr")[k * 8], a.flatMap { x in z.map { Foundation.pow($0 / x, 1.0 / 8) - 1 } }))
            }
        },
        "16-growth-distribution.tiq": { t, b in
            var g: [Bool: [(Double, Double)]] = [:]
            for (_, cs) in groups(b, "epci") where complete(b, "emploi_ind", cs, [2018, 2022]) {
                let a = b.strictSum("emploi_ind", cs, 2018)!, c = b.strictSum("emploi_ind", cs, 2022)!
                guard a >= 100 else { continue }
                g[b.flag(cs, "ti1"), default: []].append((c / a - 1, a))
            }
            for (i, f) in [false, true].enumerated() {
                let rates = g[f]!.map(\.0).sorted()
                let median = rates.count % 2 == 1 ? rates[rates.count / 2] : (rates[rates.count / 2 - 1] + rates[rates.count / 2]) / 2
                #expect(close(t.numbers("med")[i], median))
                #expect(close(t.numbers("avg")[i], rates.reduce(0, +) / Double(rates.count)))
                // The identity: the base-weighted mean of growth rates is the aggregate growth.
                #expect(close(t.numbers("wavg")[i], t.numbers("agg_growth")[i], 1e-12))
                let s18 = g[f]!.map(\.1).reduce(0, +), s22 = g[f]!.map { $0.1 * (1 + $0.0) }.reduce(0, +)
                #expect(close(t.numbers("agg_growth")[i], s22 / s18 - 1))
            }
        },
        "17-france-total.tiq": { t, b in
            #expect(t.rowCount == 1)
            for (j, p) in t.periods.enumerated() {
                let y = Int(p.year)
                var total = 0.0, absent = false
                for c in b.communes {
                    // fill with prev: the last present value at or before y.
                    if let v = (2000...y).reversed().lazy.compactMap({ b.values["emploi_ind"]?[c]?[$0] }).first { total += v }
                    else if b.notApplicable["emploi_ind"]?[c]?.contains(y) != true { absent = true }
                }
                #expect(close(t.series("emploi_ind")[j], absent ? nil : total))
            }
        },
        "18-investment-slope.tiq": { t, b in
            var rows: [(String, Double)] = []
            for (key, cs) in groups(b, "dept") {
                var pts: [(Double, Double)] = []
                for y in 2015...2024 { if let v = b.publishedOrSum("invest_ind", key, cs, y) { pts.append((Double(y - 2015), v)) } }
                guard pts.count >= 2 else { continue }
                let n = Double(pts.count), sx = pts.map(\.0).reduce(0, +), sy = pts.map(\.1).reduce(0, +)
                let sxx = pts.map { $0.0 * $0.0 }.reduce(0, +), sxy = pts.map { $0.0 * $0.1 }.reduce(0, +)
                rows.append((key, (n * sxy - sx * sy) / (n * sxx - sx * sx)))
            }
            rows.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
            #expect(t.texts("code") == rows.prefix(10).map { String($0.0.dropFirst(5)) })
            #expect(zip(t.numbers("trend"), rows).allSatisfy { close($0, $1.1, 1e-6) })
        },
        "22-event-study-ti1.tiq": { t, b in
            // On a balanced panel the saturated event-study coefficient of year k is the
            // difference in differences of group means against the reference year 2018.
            let m = panelMeans(b, 2015...2022)
            let years = Array(2015...2022)
            #expect(t.texts("term") == years.map { $0 == 2018 ? "2018 (ref)" : "\($0)" } + ["pre-trend (joint)"])
            for (i, y) in years.enumerated() {
                #expect(close(t.numbers("estimate")[i], (m.treated[y]! - m.control[y]!) - (m.treated[2018]! - m.control[2018]!), 1e-9))
            }
            #expect(t.numbers("clusters")[0] == Double(m.units) && t.numbers("n")[0] == Double(m.units * 8))
            let p = t.numbers("p")[8]
            #expect(t.numbers("stat")[8] > 0 && p > 0 && p < 1)
            #expect(t.warnings.contains { $0.message.contains("parallel trends") && $0.message.contains("does not prove") })
        },
        "23-placebo-start.tiq": { t, b in
            // With D = treated × post on a balanced panel, the TWFE coefficient is the 2×2
            // difference in differences of the group means over the pre and post years.
            let m = panelMeans(b, 2015...2018)
            func mean(_ g: [Int: Double], _ ys: [Int]) -> Double { ys.map { g[$0]! }.reduce(0, +) / Double(ys.count) }
            let did = (mean(m.treated, [2017, 2018]) - mean(m.treated, [2015, 2016])) - (mean(m.control, [2017, 2018]) - mean(m.control, [2015, 2016]))
            #expect(t.texts("term") == ["ti1 × post"])
            #expect(close(t.numbers("estimate")[0], did, 1e-9))
            #expect(t.numbers("clusters")[0] == Double(m.units))
        },
        "24-matched-comparison.tiq": { t, b in
            // Brute force: every phase-1 EPCI against the non-TI EPCI of its région nearest on
            // the pooled z-scores of (jobs 2018, growth 2015→2018), ties by code.
            var units: [(code: String, treated: Bool, region: String, y: Double, x: [Double])] = []
            for (key, cs) in groups(b, "epci") {
                guard let a = b.strictSum("emploi_ind", cs, 2015), let c = b.strictSum("emploi_ind", cs, 2018),
                      let d = b.strictSum("emploi_ind", cs, 2022), a != 0, c != 0, let r = b.mainParent(cs, "region") else { continue }
                units.append((key, b.flag(cs, "ti1"), r, d / c - 1, [c, c / a - 1]))
            }
            let n = Double(units.count)
            let means = (0..<2).map { j in units.map { $0.x[j] }.reduce(0, +) / n }
            let sds = (0..<2).map { j in (units.map { ($0.x[j] - means[j]) * ($0.x[j] - means[j]) }.reduce(0, +) / (n - 1)).squareRoot() }
            func z(_ u: (code: String, treated: Bool, region: String, y: Double, x: [Double])) -> [Double] { (0..<2).map { (u.x[$0] - means[$0]) / sds[$0] } }
            var effects: [Double] = []
            for u in units where u.treated {
                let zu = z(u)
                let best = units.filter { !$0.treated && $0.region == u.region }
                    .map { c -> (Double, String, Double) in let zc = z(c); return ((zu[0] - zc[0]) * (zu[0] - zc[0]) + (zu[1] - zc[1]) * (zu[1] - zc[1]), c.code, c.y) }
                    .min { ($0.0, $0.1) < ($1.0, $1.1) }
                if let best { effects.append(u.y - best.2) }
            }
            #expect(t.texts("term") == ["att", "treated mean", "matched control mean", "balance: emploi_ind@2018", "balance: growth(emploi_ind, 2015, 2018)"])
            #expect(close(t.numbers("estimate")[0], effects.reduce(0, +) / Double(effects.count), 1e-9))
            #expect(t.numbers("n")[0] == Double(effects.count))
            // Balance before matching: all treated against all controls.
            for j in 0..<2 {
                let xt = units.filter(\.treated).map { $0.x[j] }, xc = units.filter { !$0.treated }.map { $0.x[j] }
                func mv(_ v: [Double]) -> (Double, Double) {
                    let m = v.reduce(0, +) / Double(v.count)
                    return (m, v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count - 1))
                }
                let (mt, vt) = mv(xt), (mc, vc) = mv(xc)
                #expect(close(t.numbers("smd_before")[3 + j], (mt - mc) / ((vt + vc) / 2).squareRoot(), 1e-9))
            }
        },
    ]
}
