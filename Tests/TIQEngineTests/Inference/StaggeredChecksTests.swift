import Foundation
import Testing
import TIQTestSupport
import TIQCore
@testable import TIQEngine
import TIQStore

/// `did … model staggered` on Tests/Fixtures/staggered, a hand-made dataset whose TI links
/// carry validities with every hard case: entry at the first period (left out), entry at the
/// last period, a commune entering and leaving, a half-weighted member, one link with two
/// validities, a commune with an absent value, never-members. Every value is computed again
/// by scripts/check_staggered.py from the CSV files (pandas/numpy); the estimator's arithmetic
/// is also checked against a brute-force loop here.
@Suite struct StaggeredChecksTests {
    static let directory = InferenceChecksTests.packageRoot.appendingPathComponent("Tests/Fixtures/staggered").path
    static let engine: Engine = {
        do { return Engine(snapshot: try DatasetLoader.loadSnapshot(directory: directory, id: 1)) } catch {
            fatalError("the staggered fixture does not load: \(error)")
        }
    }()

    /// (name, level, pre, post, keep only territories ever in `ti`, cells without controls)
    static let cases: [(String, String, ClosedRange<Int>, ClosedRange<Int>, Bool, Int)] = [
        ("communes", "commune", 2016...2017, 2018...2021, false, 0),
        ("communes ever in ti", "commune", 2016...2017, 2018...2021, true, 4),
        ("epci", "epci", 2016...2017, 2018...2021, false, 0),
        ("communes, short post", "commune", 2016...2018, 2019...2020, false, 0),
    ]

    static func query(_ c: (String, String, ClosedRange<Int>, ClosedRange<Int>, Bool, Int)) -> String {
        "from jobs at \(c.1)" + (c.4 ? " | where ti" : "")
            + " | did ti pre \(c.2.lowerBound)..\(c.2.upperBound) post \(c.3.lowerBound)..\(c.3.upperBound) on jobs model staggered"
    }

    @Test(.enabled(if: RequiredInCI.isOn || InferenceChecksTests.python(has: "numpy, pandas"), "python3 with numpy and pandas is needed"))
    func staggeredMatchesPandas() throws {
        var cases: [[String: Any]] = []
        for c in Self.cases {
            let t = try Self.engine.run(Self.query(c))
            let rows = t.texts("cohort").indices.map { i -> [String: Any] in
                ["cohort": t.texts("cohort")[i]!, "period": t.texts("period")[i]!, "att": InferenceChecksTests.json(t.numbers("att")[i]),
                 "n_treated": t.numbers("n_treated")[i], "n_control": t.numbers("n_control")[i], "weight": t.numbers("weight")[i]]
            }
            cases.append(["name": c.0, "level": c.1, "group": "ti", "pre": [c.2.lowerBound, c.2.upperBound],
                          "post": [c.3.lowerBound, c.3.upperBound], "only_ever": c.4, "expect_undefined": c.5, "rows": rows])
        }
        let input: [String: Any] = ["dataset": Self.directory, "cases": cases]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-staggered-\(ProcessInfo.processInfo.processIdentifier).json")
        try JSONSerialization.data(withJSONObject: input).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = InferenceChecksTests.run([InferenceChecksTests.packageRoot.appendingPathComponent("scripts/check_staggered.py").path, file.path])
        #expect(r.status == 0, "scripts/check_staggered.py:\n\(r.output)")
    }

    /// A cohort with no not-yet-treated control left is named in a W422 warning, its cells are
    /// absent (`undefined`), never a silent number.
    @Test func aCohortWithoutControlsIsAWarning() throws {
        let t = try Self.engine.run(Self.query(Self.cases[1]))
        let undefined = t.numbers("att").enumerated().filter { $0.element.isNaN }.map { t.texts("cohort")[$0.offset]! }
        #expect(!undefined.isEmpty && !undefined.contains("overall"))
        let w = t.warnings.filter { $0.code == "W422" }
        #expect(w.count == 1 && w[0].message.hasPrefix("no not-yet-treated control left for ") && w[0].message.contains("cohort 2021 at 2021"))
    }

    /// Entry at the first period is left out (a note counts it); the absent value is dropped (W404).
    @Test func alreadyTreatedAndAbsentValuesAreCounted() throws {
        let t = try Self.engine.run(Self.query(Self.cases[0]))
        #expect(t.warnings.contains { $0.code == "W420" && $0.message.hasPrefix("1 commune already in ti") })
        #expect(t.warnings.contains { $0.code == "W404" && $0.message.hasPrefix("1 commune dropped") })
        #expect(t.texts("cohort") == ["2018", "2018", "2018", "2018", "2019", "2019", "2019", "2020", "2020", "2021", "overall"])
    }

    /// `model staggered` needs a grouping whose links have a validity (E320), and a panel
    /// with periods before and after (an empty post window is E320 too).
    @Test func refusals() {
        let codes = { (q: String) in Self.engine.check(q).map(\.code) }
        #expect(codes("from jobs at commune | did ti pre 2016..2017 post 2018..2021 on jobs model staggered").allSatisfy { $0.hasPrefix("W") })
        #expect(codes("from jobs at commune | did ti_share >= 0.5 pre 2016..2017 post 2018..2021 on jobs model staggered").contains("E320"))
        #expect(codes("from jobs at commune | did ti pre 2016..2017 post 2025..2026 on jobs model staggered").contains("E320"))
        #expect(DemoFixture.engine.check("from emploi_ind at epci | did ti1 pre 2015..2018 post 2019..2022 on emploi_ind model staggered").contains { $0.code == "E320" })
    }

    /// The estimator against a direct loop on a random balanced panel with three cohorts,
    /// never-members, and a last cohort left without controls.
    @Test func estimatorMatchesABruteForceLoop() {
        var rng = SplitMix64(seed: 42)
        let periods = 6, firstCohort = 2
        let entry: [Int?] = (0..<40).map { i in i % 5 == 0 ? nil : [2, 3, 5, 5][i % 4] }
        let y = (0..<(40 * periods)).map { _ in Double(rng.next() % 1000) / 7 }
        let r = StaggeredEstimator.estimate(y: y, entry: entry, periods: periods, firstCohort: firstCohort)
        var want: [(Int, Int, Double?)] = []
        var num = 0.0, den = 0
        for g in [2, 3, 5] {
            for t in g..<periods {
                var dt = 0.0, nt = 0, dc = 0.0, nc = 0
                for i in 0..<40 {
                    let change = y[i * periods + t] - y[i * periods + g - 1]
                    if entry[i] == g { dt += change; nt += 1 } else if (entry[i] ?? 99) > t { dc += change; nc += 1 }
                }
                let att: Double? = nc == 0 ? nil : dt / Double(nt) - dc / Double(nc)
                if let att { num += Double(nt) * att; den += nt }
                want.append((g, t, att))
            }
        }
        #expect(r.cells.count == want.count)
        for (c, w) in zip(r.cells, want) {
            #expect(c.cohort == w.0 && c.period == w.1)
            if let a = w.2 { #expect(abs(c.att - a) <= 1e-12 * max(1, abs(a))) } else { #expect(c.att.isNaN) }
        }
        #expect(abs(r.overall - num / Double(den)) <= 1e-12 * max(1, abs(r.overall)))
    }
}
