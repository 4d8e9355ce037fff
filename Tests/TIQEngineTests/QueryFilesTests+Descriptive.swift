import Foundation
import Testing
import TIQCore
import TIQEngine

/// Independent checks of the query files on spread, cross-level reads and pivots.
extension QueryFilesTests {
    /// Growth 2018→2022 of a group of communes from strict sums; nil when absent or undefined.
    static func growth(_ b: BruteForce, _ communes: [String]) -> Double? {
        guard let a = b.strictSum("emploi_ind", communes, 2018), let c = b.strictSum("emploi_ind", communes, 2022), a != 0 else { return nil }
        return c / a - 1
    }

    /// Growth 2018→2022 of a territory above the communes: its published totals where the demo
    /// publishes them (it does for départements and régions), else the strict sum of its communes.
    static func publishedGrowth(_ b: BruteForce, _ key: String, _ communes: [String]) -> Double? {
        guard let a = b.publishedOrSum("emploi_ind", key, communes, 2018),
              let c = b.publishedOrSum("emploi_ind", key, communes, 2022), a != 0 else { return nil }
        return c / a - 1
    }

    nonisolated(unsafe) static let descriptiveChecks: [String: (ResultTable, BruteForce) -> Void] = [
        "19-growth-dispersion.tiq": { t, b in
            var g: [Bool: [Double]] = [:]
            for (_, cs) in groups(b, "epci") { if let x = growth(b, cs) { g[b.flag(cs, "ti1"), default: []].append(x) } }
            #expect(t.bools("ti1") == [false, true])
            for (i, f) in [false, true].enumerated() {
                let x = g[f]!
                #expect(close(t.numbers("spread")[i], BruteStatistics.sd(x)))
                #expect(close(t.numbers("q25")[i], BruteStatistics.quantile(x, 0.25)))
                #expect(close(t.numbers("med")[i], BruteStatistics.quantile(x, 0.5)))
                #expect(close(t.numbers("q75")[i], BruteStatistics.quantile(x, 0.75)))
                #expect(close(t.numbers("iqr")[i], BruteStatistics.iqr(x)))
                #expect(close(t.numbers("grew")[i], Double(x.filter { $0 > 0 }.count) / Double(x.count)))
                #expect(t.numbers("spread_n")[i] == Double(x.count) && t.numbers("grew_n")[i] == Double(x.count))
            }
            #expect(t.column("spread")?.unit == .percentagePoints)
        },
        "20-ti-vs-own-region.tiq": { t, b in
            let regions = b.members(of: "region")
            var rows: [(code: String, g: Double, region: String, gr: Double?)] = []
            for (key, cs) in groups(b, "ti1") {
                guard let g = growth(b, cs), let r = b.mainParent(cs, "region") else { continue }
                rows.append((String(key.dropFirst(4)), g, r, publishedGrowth(b, r, regions[r] ?? [])))
            }
            // Largest gap first; absent gaps last; ties in frame (code) order.
            rows.sort { x, y in
                switch (x.gr.map { x.g - $0 }, y.gr.map { y.g - $0 }) {
                case (let a?, let c?): return a != c ? a > c : x.code < y.code
                case (.some, nil): return true
                case (nil, .some): return false
                default: return x.code < y.code
                }
            }
            #expect(t.rowCount == rows.count && rows.count > 0)
            #expect(t.texts("code") == rows.map(\.code))
            #expect(t.texts("region") == rows.map { b.names[$0.region] })
            #expect(zip(t.numbers("g"), rows).allSatisfy { close($0, $1.g) })
            #expect(zip(t.numbers("g_region"), rows).allSatisfy { close($0, $1.gr) })
            #expect(zip(t.numbers("gap"), rows).allSatisfy { got, row in close(got, row.gr.map { row.g - $0 }) })
            #expect(rows.contains { $0.gr != nil })
        },
        "21-gap-per-region.tiq": { t, b in
            var sums: [String: [Bool: (Double, Double, Int)]] = [:]
            for (_, cs) in groups(b, "epci") where complete(b, "emploi_ind", cs, [2018, 2022]) {
                guard let r = b.mainParent(cs, "region") else { continue }
                let f = b.flag(cs, "ti1")
                let old = sums[b.names[r]!, default: [:]][f] ?? (0, 0, 0)
                sums[b.names[r]!, default: [:]][f] = (old.0 + b.strictSum("emploi_ind", cs, 2018)!, old.1 + b.strictSum("emploi_ind", cs, 2022)!, old.2 + 1)
            }
            let names = sums.keys.sorted()
            #expect(t.rowCount == names.count && t.rowCount == 18)
            #expect(t.texts("region") == names)
            for (i, name) in names.enumerated() {
                let gt = sums[name]![true].map { $0.1 / $0.0 - 1 }, gf = sums[name]![false].map { $0.1 / $0.0 - 1 }
                #expect(close(t.numbers("g_true")[i], gt) && close(t.numbers("g_false")[i], gf))
                #expect(close(t.numbers("g_diff")[i], gt.flatMap { x in gf.map { x - $0 } }))
                #expect(t.numbers("n_true")[i] == Double(sums[name]![true]?.2 ?? 0) || sums[name]![true] == nil)
                #expect(t.numbers("n_false")[i] == Double(sums[name]![false]?.2 ?? 0) || sums[name]![false] == nil)
            }
            #expect(t.column("g_diff")?.unit == .percentagePoints)
        },
    ]
}
