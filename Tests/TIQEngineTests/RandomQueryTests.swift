import Testing
import TIQCore
import TIQData
import TIQEngine

/// Hundreds of random pipelines, assembled from valid and invalid pieces by a seeded generator,
/// run over the demo: each must end in an answer or a `QueryFailure` with diagnostics — never
/// a trap, since a trap would take the daemon down with it.
@Suite struct RandomQueryTests {
    /// Seeded picks from the demo generator's own SplitMix64, so failures reproduce.
    struct Generator {
        var random: SplitMix64
        init(state: UInt64) { random = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { random.next() }
        mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
    }

    static let sources = ["from emploi_ind at epci", "from emploi_ind, etab_ind at region", "from ebe, va, taux_marge at dept",
                          "from creations, disparitions at ti1", "territories at epci", "from pop at ti2", "lookup \"saint\" at epci limit 3",
                          "from emploi_ind at commune | where dept == \"01\"", "from montant_aides at region | rollup to france"]
    static let stages = [
        "where ti1", "where not ti2 and type in (\"CA\", \"CU\")", "where emploi_ind@2018 >= 100", "where complete(emploi_ind, 2016..2020)",
        "where name ~ \"val\"", "period 2018..2022", "period 2024", "period 2030", "derive g = growth(emploi_ind, 2018, 2022)",
        "derive y = yoy(emploi_ind)", "derive i = index(emploi_ind, 2018)", "derive s = share(emploi_ind)", "derive r = rank(emploi_ind@2020)",
        "derive d = diff(emploi_ind) / emploi_ind", "derive z = emploi_ind / 0", "derive c = coalesce(emploi_ind, emploi_ind@2015)",
        "agg s = sum(emploi_ind) by ti1", "agg n = count(), m = median(emploi_ind@2020) by region", "agg s = sum(emploi_ind, missing = skip)",
        "agg r = ratio(ebe, va) by ti2", "rollup to region", "rollup to france", "rollup to ti2",
        "compare ti1 on growth(sum(emploi_ind), 2018, 2022)", "compare ti2 on sum(emploi_ind)",
        "did ti1 pre 2015..2018 post 2018..2022 on growth(sum(emploi_ind))", "fill emploi_ind with prev", "fill emploi_ind with linear",
        "fill emploi_ind with 0", "top 5 by emploi_ind@2022", "bottom 3 by g", "sort name desc", "sort emploi_ind@2019", "limit 4", "limit 0",
        "show name, emploi_ind", "show code, g as long", "show emploi_ind as wide", "show x = emploi_ind@2018 * 2",
        "where emploi_ind > 3", "agg x = emploi_ind", "derive q = sum(emploi_ind)", "rollup to commune", "where region == \"Nowhere\"",
        "where", "derive", "period 2020..2018", "top -1 by x", "show ti1, ti1_name, ti1_share, new_ti2",
    ]

    @Test(arguments: 0..<4) func randomPipelinesAnswerOrFailCleanly(_ batch: Int) {
        var g = Generator(state: UInt64(1000 + batch))
        var answered = 0, failed = 0
        for _ in 0..<60 {
            var q = g.pick(Self.sources)
            for _ in 0..<Int(g.next() % 5) { q += " | " + g.pick(Self.stages) }
            do throws(QueryFailure) {
                let t = try DemoFixture.engine.run(q)
                #expect(t.columns.allSatisfy { c in
                    switch c.values {
                    case .text(let v): v.count == t.rowCount
                    case .number(let v, _): v.count == t.rowCount
                    case .bool(let v): v.count == t.rowCount
                    case .period(let v): v.count == t.rowCount
                    case .series(let v, _): v.count == t.rowCount * t.periods.count
                    }
                }, "ragged columns for \(q)")
                answered += 1
            } catch {
                #expect(!error.diagnostics.isEmpty, "a failure without a diagnostic for \(q)")
                #expect(error.diagnostics.allSatisfy { !$0.message.isEmpty }, "\(q)")
                failed += 1
            }
        }
        #expect(answered > 5 && failed > 5)
    }
}
