import Foundation
import Testing
import TIQCore
import TIQEngine
import TIQStore

/// Values published at several levels (Tests/TIQServerTests/Fixtures/published): a
/// département published although one of its communes is secret, one never published, one
/// whose published row is itself secret; a région and France published some years only.
/// Every expected value comes from `Truth`, a brute-force pass over the fixture's CSV rows.
@Suite struct PublishedValuesTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../TIQServerTests/Fixtures/published").standardized.path
    static let engine: Engine = {
        do { return Engine(snapshot: try DatasetLoader.loadSnapshot(directory: directory, id: 1)) } catch {
            fatalError("the published fixture does not load: \(error)")
        }
    }()
    static let truth = Truth(directory: directory)

    /// The fixture read with plain string splitting: no code shared with the store or the engine.
    struct Truth {
        /// `level:code` → parent keys.
        var parents: [String: [String]] = [:]
        /// Level → codes, in file order.
        var codes: [String: [String]] = [:]
        /// indicator → `level:code` → year → (value or nil, status text).
        var cells: [String: [String: [Int: (Double?, String)]]] = [:]

        init(directory: String) {
            func rows(_ file: String) -> [[String]] {
                let text = (try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)) ?? ""
                return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            }
            for r in rows("territories.csv") { codes[r[0], default: []].append(r[1]) }
            for r in rows("links.csv") { parents[r[0], default: []].append(r[1]) }
            for r in rows("observations.csv") {
                cells[r[1], default: [:]][r[0], default: [:]][Int(r[2])!] = (Double(r[3]), r.count > 4 ? r[4] : "")
            }
        }

        /// The communes inside `key`, following links upward from every commune.
        func communes(in key: String) -> [String] {
            (codes["commune"] ?? []).map { "commune:\($0)" }.filter { c in
                var frontier = [c]
                while let k = frontier.popLast() {
                    if k == key { return true }
                    frontier += parents[k] ?? []
                }
                return false
            }
        }

        /// The published value of `key`, when its row holds one.
        func published(_ ind: String, _ key: String, _ year: Int) -> Double? { cells[ind]?[key]?[year]?.0 }

        /// The strict sum over the communes: absent if one is absent, `na` adds nothing.
        func strictSum(_ ind: String, _ key: String, _ year: Int) -> Double? {
            var s = 0.0
            for c in communes(in: key) {
                let cell = cells[ind]?[c]?[year]
                if let v = cell?.0 { s += v } else if cell?.1 != "na" { return nil }
            }
            return s
        }

        /// The sum of the present parts, and whether some part (not `na`) was absent.
        func presentParts(_ ind: String, _ key: String, _ year: Int) -> (Double, Bool) {
            var s = 0.0, skipped = false
            for c in communes(in: key) {
                let cell = cells[ind]?[c]?[year]
                if let v = cell?.0 { s += v } else if cell?.1 != "na" { skipped = true }
            }
            return (s, skipped)
        }
    }

    @Test(arguments: ["dept", "region", "france"])
    func eachCellIsPublishedWhereItExistsAndRolledUpElsewhere(_ level: String) throws {
        let t = try Self.engine.run("from x at \(level)")
        let b = Self.truth
        let codes = b.codes[level]!.sorted()
        #expect(t.texts("code") == codes)
        let years = t.periods.map { Int($0.year) }
        #expect(years == [2018, 2019, 2020])
        let values = t.series("x")
        let sources = try #require(t.column("x")?.sources)
        for (i, code) in codes.enumerated() {
            for (j, y) in years.enumerated() {
                let key = "\(level):\(code)", published = b.published("x", key, y)
                #expect(close(values[i * 3 + j], published ?? b.strictSum("x", key, y)), "\(key) \(y)")
                #expect(sources[i * 3 + j] == (published == nil ? .rolled : .published), "\(key) \(y)")
            }
        }
    }

    @Test func publishedStatusesTravelWithTheirValues() throws {
        let t = try Self.engine.run("from x at dept")
        guard case .series(_, let statuses?)? = t.column("x")?.values else { Issue.record("no statuses"); return }
        // D3 2019 is published `provisional`; D3 2018's published row is secret, so the roll-up stands.
        let d3 = try #require(t.texts("code").firstIndex(of: "D3"))
        #expect(statuses[d3 * 3 + 1] == .provisional)
        #expect(statuses[d3 * 3] == .ok)
    }

    @Test func theSecretMassIsThePublishedTotalLessItsPresentParts() throws {
        let t = try Self.engine.run("from x at dept | derive p = parts(x), hidden = published(x) - parts(x)")
        let b = Self.truth
        let codes = t.texts("code").map { $0! }
        #expect(codes == b.codes["dept"]!.sorted())
        guard case .series(let parts, let partStatuses?)? = t.column("p")?.values else { Issue.record("no parts"); return }
        let hidden = t.series("hidden")
        var checked = 0
        for (i, code) in codes.enumerated() {
            for (j, y) in [2018, 2019, 2020].enumerated() {
                let key = "dept:\(code)", (sum, skipped) = b.presentParts("x", key, y)
                #expect(close(parts[i * 3 + j], sum), "\(key) \(y)")
                #expect((partStatuses[i * 3 + j] == .partial) == skipped, "\(key) \(y)")
                #expect(close(hidden[i * 3 + j], b.published("x", key, y).map { $0 - sum }), "\(key) \(y)")
                if b.published("x", key, y) != nil { checked += 1 }
            }
        }
        #expect(checked == 3)
        // D1 in 2019: published 20, its commune c2 secret: the hidden mass is c2's value.
        let d1 = try #require(codes.firstIndex(of: "D1"))
        #expect(hidden[d1 * 3 + 1] == 5)
    }

    @Test func provenanceSurvivesFiltersSortsAndShow() throws {
        let whole = try Self.engine.run("from x at dept")
        let t = try Self.engine.run("from x at dept | where code != \"D2\" | sort code desc | show code, x")
        let wholeSources = try #require(whole.column("x")?.sources)
        let codes = whole.texts("code")
        var expected: [CellSource] = []
        for code in t.texts("code") {
            let i = try #require(codes.firstIndex(of: code))
            expected += wholeSources[(i * 3)..<(i * 3 + 3)]
        }
        #expect(t.column("x")?.sources == expected)
        #expect(t.reshaped(.long).column("x")?.sources == expected)
        // A mixed column is noted, with its counts (4 published, 5 rolled in the fixture).
        let note = whole.warnings.first { $0.code == "W410" }
        let rolled = wholeSources.filter { $0 == .rolled }.count
        #expect(note?.severity == .note && note?.message.contains("\(wholeSources.count - rolled) cells are published values, \(rolled) are rolled up") == true)
        // A computed column says nothing of its sources; nor does an indicator published nowhere.
        #expect(try Self.engine.run("from x at dept | derive z = x * 2").column("z")?.sources == nil)
        #expect(try Self.engine.run("from y at dept").column("y")?.sources == nil)
        // `rollup` sums its rows: every cell is a roll-up, not a published value.
        #expect(try Self.engine.run("from x at commune | rollup to dept").column("x")?.sources == nil)
    }

    @Test func rollupSumsThePartsEvenWherePublished() throws {
        let t = try Self.engine.run("from x at commune | rollup to dept")
        let b = Self.truth
        for (i, code) in t.texts("code").enumerated() {
            for (j, y) in [2018, 2019, 2020].enumerated() {
                #expect(close(t.series("x")[i * 3 + j], b.strictSum("x", "dept:\(code!)", y)))
            }
        }
    }

    @Test func rollingUpPublishedRowsSumsThoseRows() throws {
        // `z` is published for D1 only; régions have no `z` of their own, so `rollup to region`
        // sums the rows it is given: D1's published value, D2's and D3's roll-ups.
        let t = try Self.engine.run("from z at dept | rollup to region")
        let b = Self.truth
        #expect(t.texts("code") == ["R1", "R2"])
        for (i, region) in ["R1", "R2"].enumerated() {
            var sum: Double? = 0
            for dept in b.codes["dept"]! where b.parents["dept:\(dept)"]?.contains("region:\(region)") == true {
                let key = "dept:\(dept)"
                let v = b.published("z", key, 2019) ?? b.strictSum("z", key, 2019)
                sum = sum.flatMap { s in v.map { s + $0 } }
            }
            #expect(close(t.series("z")[i], sum), "\(region)")
        }
        #expect(t.series("z")[0] == 19)
    }

    @Test func explainNamesTheRoute() throws {
        let scan = try Self.engine.explain("from x, y at dept").first
        #expect(scan?.detail.contains("x (published at dept, else rolled up commune → dept by sum)") == true)
        #expect(scan?.detail.contains("y (rolled up commune → dept") == true)
    }

    @Test func misusesAreDiagnosed() {
        func code(_ q: String) -> String? {
            do { _ = try Self.engine.run(q); return nil } catch { return error.diagnostics.first?.code }
        }
        #expect(code("from x at dept | derive p = published(y)") == "E203")   // y is never published
        #expect(code("from x at commune | derive p = parts(x)") == "E203")    // nothing below communes
        #expect(code("from x at dept | derive p = published(nope)") == "E201")
        #expect(code("from x at dept | derive p = published(x, 2018)") == "E208")
        #expect(code("from x at dept | agg s = sum(x) | derive p = published(x)") == "E314")
        #expect(code("territories at dept | derive p = published(x)") == "E302")
    }
}
