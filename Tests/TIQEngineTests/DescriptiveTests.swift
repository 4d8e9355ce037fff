import Foundation
import Testing
import TIQCore
import TIQData
import TIQEngine

/// The descriptive statistics, math functions, categories, cross-level reads and pivots,
/// checked against a brute-force pass over the demo rows (BruteForce, BruteStatistics).
@Suite struct DescriptiveTests {
    static let brute = QueryFilesTests.brute
    static func run(_ q: String) throws -> ResultTable { try DemoFixture.engine.run(q) }

    /// One EPCI as the brute force sees it: région name, TI flag, growth 2018→2022 and 2018 jobs.
    struct EPCIRow { var region: String; var ti1: Bool; var g: Double?; var e: Double? }

    static let epci: [EPCIRow] = QueryFilesTests.groups(brute, "epci").compactMap { key, cs in
        guard let r = brute.mainParent(cs, "region") else { return nil }
        return EPCIRow(region: brute.names[r]!, ti1: brute.flag(cs, "ti1"), g: QueryFilesTests.growth(brute, cs),
                       e: brute.strictSum("emploi_ind", cs, 2018))
    }

    /// The (région, ti1) groups in the engine's order: by name, false before true.
    static var groupKeys: [String] {
        Set(epci.map { "\($0.region)|\($0.ti1)" }).sorted { a, b in
            let (ra, fa) = a.split(separator: "|").map(String.init).pair, (rb, fb) = b.split(separator: "|").map(String.init).pair
            return ra != rb ? ra < rb : fa == "false" && fb == "true"
        }
    }

    static let statsQuery = """
        from emploi_ind at epci
        | derive g = growth(emploi_ind, 2018, 2022), t = floor(g * 100), e = emploi_ind@2018, k = 5
        | agg s = sd(g), v = var(g), q = quantile(g, 0.3), m = quantile(t, 0.5), i = iqr(t), c = corr(g, e), b = slope(g, e), b0 = slope(g, k), c0 = corr(g, k), up = share_if(g > 0), nu = count_if(g > 0) by region, ti1
        """

    @Test func statisticsPerGroupMatchBruteForce() throws {
        let t = try Self.run(Self.statsQuery)
        let keys = Self.groupKeys
        #expect(zip(t.texts("region"), t.bools("ti1")).map { "\($0!)|\($1!)" } == keys)
        var sawSingleton = false, sawTies = false
        for (i, key) in keys.enumerated() {
            let rows = Self.epci.filter { "\($0.region)|\($0.ti1)" == key }
            let g = rows.compactMap(\.g), tt = g.map { Foundation.floor($0 * 100) }
            let pairs = rows.compactMap { r in r.g.flatMap { g in r.e.map { (g, $0) } } }
            #expect(close(t.numbers("s")[i], BruteStatistics.sd(g)), "sd \(key)")
            #expect(close(t.numbers("v")[i], BruteStatistics.variance(g)), "var \(key)")
            #expect(close(t.numbers("q")[i], BruteStatistics.quantile(g, 0.3)), "quantile \(key)")
            #expect(close(t.numbers("m")[i], BruteStatistics.quantile(tt, 0.5)), "median of ties \(key)")
            #expect(close(t.numbers("i")[i], BruteStatistics.iqr(tt)), "iqr \(key)")
            #expect(close(t.numbers("c")[i], BruteStatistics.corr(pairs)), "corr \(key)")
            #expect(close(t.numbers("b")[i], BruteStatistics.slope(pairs)), "slope \(key)")
            #expect(t.numbers("b0")[i].isNaN && t.numbers("c0")[i].isNaN, "constant x gives undefined")
            #expect(close(t.numbers("up")[i], g.isEmpty ? nil : Double(g.filter { $0 > 0 }.count) / Double(g.count)))
            #expect(t.numbers("nu")[i] == Double(g.filter { $0 > 0 }.count))
            #expect(t.numbers("s_n")[i] == Double(g.count) && t.numbers("c_n")[i] == Double(pairs.count))
            if g.count == 1 { sawSingleton = true; #expect(t.numbers("s")[i].isNaN && t.statuses("s")[i] == .undefined) }
            if Set(tt).count < tt.count { sawTies = true }
        }
        #expect(sawSingleton && sawTies, "the demo groups include n = 1 and tied values")
        #expect(Self.epci.contains { $0.g == nil }, "some EPCI have no growth: skipped, not zero")
        #expect(t.statuses("b0").allSatisfy { $0 == .undefined })
    }

    @Test func mathFunctionsFollowTheirDefinitions() throws {
        let t = try Self.run("""
            from emploi_ind at epci
            | derive g = growth(emploi_ind, 2018, 2022), e = emploi_ind@2018
            | show l = log(g), x = exp(g), r = sqrt(g), a = abs(g), f = floor(g * 100), d = round(g * 1000, 1), lo = least(g, 0%), hi = greatest(g, 0%)
            """)
        let rows = QueryFilesTests.groups(Self.brute, "epci")
        #expect(t.rowCount == rows.count)
        var negatives = 0
        for (i, (_, cs)) in rows.enumerated() {
            let g = QueryFilesTests.growth(Self.brute, cs)
            #expect(close(t.numbers("l")[i], g.flatMap { $0 > 0 ? Foundation.log($0) : nil }))
            #expect(close(t.numbers("x")[i], g.map { Foundation.exp($0) }))
            #expect(close(t.numbers("r")[i], g.flatMap { $0 >= 0 ? Foundation.sqrt($0) : nil }))
            #expect(close(t.numbers("a")[i], g.map { Swift.abs($0) }))
            #expect(close(t.numbers("f")[i], g.map { Foundation.floor($0 * 100) }))
            #expect(close(t.numbers("d")[i], g.map { Foundation.round($0 * 1000 * 10) / 10 }))
            #expect(close(t.numbers("lo")[i], g.map { Swift.min($0, 0) }))
            #expect(close(t.numbers("hi")[i], g.map { Swift.max($0, 0) }))
            if let g, g <= 0 { negatives += 1; #expect(t.statuses("l")[i] == .undefined) }
            if g == nil { #expect(t.statuses("l")[i] != .undefined && t.numbers("l")[i].isNaN) }
        }
        #expect(negatives > 0)
    }

    @Test func roundingIsHalfAwayFromZero() throws {
        let t = try Self.run("territories at france | show a = round(2.5), b = round(-2.5), c = round(0.125, 2), d = floor(-0.5), e = sqrt(-1), f = log(0), g = least(3, 1, 2), h = greatest(3, 1, 2)")
        #expect(t.numbers("a") == [3] && t.numbers("b") == [-3] && t.numbers("c") == [0.13] && t.numbers("d") == [-1])
        #expect(t.statuses("e") == [.undefined] && t.statuses("f") == [.undefined])
        #expect(t.numbers("g") == [1] && t.numbers("h") == [3])
    }

    @Test func cutAndCaseMakeOrderedCategories() throws {
        let t = try Self.run("""
            from emploi_ind at epci
            | derive g = growth(emploi_ind, 2018, 2022), band = cut(g, [-10%, 0%, 10%]), size = case when emploi_ind@2018 >= 1000 then "large" when emploi_ind@2018 >= 100 then "medium" else "small" end
            | agg n = count() by band, size
            """)
        var count: [String: Int] = [:]
        func band(_ g: Double?) -> String? {
            guard let g else { return nil }
            return g < -0.1 ? "(-inf, -10%)" : g < 0 ? "[-10%, 0%)" : g < 0.1 ? "[0%, 10%)" : "[10%, +inf)"
        }
        func size(_ e: Double?) -> String? { e.map { $0 >= 1000 ? "large" : $0 >= 100 ? "medium" : "small" } }
        for r in Self.epci { count["\(band(r.g) ?? "~")|\(size(r.e) ?? "~")", default: 0] += 1 }
        let bands = ["(-inf, -10%)", "[-10%, 0%)", "[0%, 10%)", "[10%, +inf)", "~"], sizes = ["large", "medium", "small", "~"]
        let expected = bands.flatMap { b in sizes.map { "\(b)|\($0)" } }.filter { count[$0] != nil }
        #expect(zip(t.texts("band"), t.texts("size")).map { "\($0 ?? "~")|\($1 ?? "~")" } == expected)
        #expect(t.numbers("n") == expected.map { Double(count[$0]!) })
    }

    @Test func pivotOnCategoriesNamesColumnsByLabel() throws {
        let t = try Self.run("""
            from emploi_ind at epci
            | derive size = case when emploi_ind@2018 >= 1000 then "large" else "small" end
            | agg n = count() by ti1, size
            | show n by size as wide
            """)
        var n: [String: Double] = [:]
        for r in Self.epci { if let e = r.e { n["\(r.ti1)|\(e >= 1000 ? "large" : "small")", default: 0] += 1 } }
        #expect(t.columns.map(\.name) == ["ti1", "n_large", "n_small"])
        #expect(t.numbers("n_large") == [n["false|large"], n["true|large"]].map { $0 ?? .nan })
        #expect(t.numbers("n_small") == [n["false|small"], n["true|small"]].map { $0 ?? .nan })
    }

    @Test func pivotOnATextAttributeMakesOneColumnPerValue() throws {
        let t = try Self.run("territories at epci | agg n = count() by ti1, type | show n by type as wide")
        var n: [String: Double] = [:]
        for (key, cs) in QueryFilesTests.groups(Self.brute, "epci") {
            n["\(Self.brute.flag(cs, "ti1"))|\(Self.brute.attributes[key]?["type"] ?? "")", default: 0] += 1
        }
        let types = Set(n.keys.map { String($0.split(separator: "|")[1]) }).sorted()
        #expect(t.columns.map(\.name) == ["ti1"] + types.map { "n_\($0.lowercased())" })
        for ty in types {
            #expect(t.numbers("n_\(ty.lowercased())") == ["false", "true"].map { n["\($0)|\(ty)"] ?? .nan }.map { $0 })
        }
    }

    /// `x of L` reads `x` at L: the published value where the demo publishes one, else the roll-up.
    @Test func parentReadsTheTerritoryItBelongsTo() throws {
        let t = try Self.run("from pop at epci | show code, p = pop@2020, pr = pop@2020 of region, pd = pop@2020 of dept, rn = name of region")
        let b = Self.brute
        let regions = b.members(of: "region"), depts = b.members(of: "dept")
        for (i, (key, cs)) in QueryFilesTests.groups(b, "epci").enumerated() {
            #expect(t.texts("code")[i] == String(key.dropFirst(5)))
            let r = b.mainParent(cs, "region")!, d = b.mainParent(cs, "dept")!
            #expect(t.texts("rn")[i] == b.names[r])
            #expect(close(t.numbers("pr")[i], b.publishedOrSum("pop", r, regions[r]!, 2020)))
            #expect(close(t.numbers("pd")[i], b.publishedOrSum("pop", d, depts[d]!, 2020)))
        }
    }

    @Test(arguments: [
        ("from emploi_ind at epci | derive s = sd(emploi_ind@2018)", "E307"),
        ("from emploi_ind at epci | agg q = quantile(emploi_ind@2018, 1.5)", "E208"),
        ("from emploi_ind at epci | derive c = cut(emploi_ind@2018, [10, 5])", "E208"),
        ("from emploi_ind at epci | derive c = cut(emploi_ind, [10, 50])", "E305"),
        ("from emploi_ind at epci | derive x = emploi_ind of ti1", "E313"),
        ("from emploi_ind at region | derive x = emploi_ind of epci", "E313"),
        ("territories at epci | agg n = count() by population | show n by population as wide", "E315"),
        ("from emploi_ind at epci | show emploi_ind by ti1 as wide", "E315"),
        ("from emploi_ind at epci | derive c = case when ti1 then 1 else \"x\" end", "E301"),
        ("from emploi_ind at epci | derive l = log(ti1)", "E301"),
        ("from emploi_ind at epci | derive l = [1, 2]", "E301"),
    ])
    func misuseIsReportedWithItsCode(_ query: String, _ code: String) {
        let diagnostics = DemoFixture.engine.check(query)
        #expect(diagnostics.contains { $0.code == code }, "\(query): \(diagnostics.map(\.code))")
    }
}

extension Array where Element == String {
    fileprivate var pair: (String, String) { (self[0], self[1]) }
}

extension ResultTable {
    /// The status of every cell of a number column (`ok` or `missing` when none is recorded).
    func statuses(_ name: String) -> [ObservationStatus] {
        guard case .number(let x, let s)? = column(name)?.values else { return [] }
        return s ?? x.map { $0.isNaN ? .missing : .ok }
    }
}
