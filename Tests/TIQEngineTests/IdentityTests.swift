import Testing
import TIQCore
import TIQData
import TIQEngine
import TIQStore

/// Identities that must hold whatever the data: they tie independent code paths together.
@Suite struct IdentityTests {
    let engine = DemoFixture.engine

    @Test func rollupToFranceEqualsTheNationalSum() throws {
        let rolled = try engine.run("from emploi_ind at commune | rollup to france")
        let summed = try engine.run("from emploi_ind at commune | agg total = sum(emploi_ind)")
        let viaDepts = try engine.run("from emploi_ind at commune | rollup to dept | rollup to france")
        #expect(rolled.periods == summed.periods)
        #expect(zip(rolled.series("emploi_ind"), summed.series("total")).allSatisfy { close($0, $1) })
        #expect(zip(rolled.series("emploi_ind"), viaDepts.series("emploi_ind")).allSatisfy { close($0, $1) })
    }

    @Test func publishedRegionsAddUpToThePublishedFranceTotal() throws {
        // The demo publishes every région and France, summed before masking.
        let viaRegions = try engine.run("from emploi_ind at region | rollup to france")
        let france = try engine.run("from emploi_ind at france")
        #expect(france.column("emploi_ind")?.sources?.allSatisfy { $0 == .published } == true)
        #expect(!france.series("emploi_ind").isEmpty && france.series("emploi_ind").allSatisfy { !$0.isNaN })
        #expect(zip(viaRegions.series("emploi_ind"), france.series("emploi_ind")).allSatisfy { close($0, $1) })
        // The secret mass of France is what its communes hide: never negative, positive in a year with secrets.
        let mass = try engine.run("from emploi_ind at france | derive m = published(emploi_ind) - parts(emploi_ind)")
        #expect(mass.series("m").allSatisfy { $0 >= 0 } && mass.series("m").contains { $0 > 0 })
    }

    @Test func weightedMeanOfGrowthRatesIsTheAggregateGrowth() throws {
        let t = try engine.run("""
            from emploi_ind at epci
            | where complete(emploi_ind, 2018, 2022)
            | derive g = growth(emploi_ind, 2018, 2022)
            | agg w = mean(g, weight = emploi_ind@2018), a = growth(sum(emploi_ind), 2018, 2022) by region
            """)
        #expect(t.rowCount > 10)
        #expect(zip(t.numbers("w"), t.numbers("a")).allSatisfy { close($0, $1, 1e-12) })
    }

    @Test func attributeFiltersAsBitsetsAgreeWithRowByRowEvaluation() throws {
        // `ti2 and not ti1` runs as bitset algebra; the same test through a derived column runs row by row.
        let bits = try engine.run("territories at epci | where ti2 and not ti1 and type in (\"CA\", \"CC\")")
        let rows = try engine.run("territories at epci | derive k = ti2 and not ti1 and type in (\"CA\", \"CC\") | where k")
        #expect(bits.texts("code") == rows.texts("code"))
        #expect(bits.rowCount > 0)
    }

    @Test func aSumOfPartsEqualsTheWhole() throws {
        let parts = try engine.run("from emploi_ind at epci | where complete(emploi_ind, 2020) | agg s = sum(emploi_ind) by ti1 | agg total = sum(s)")
        let whole = try engine.run("from emploi_ind at epci | where complete(emploi_ind, 2020) | agg total = sum(emploi_ind)")
        let i = try #require(whole.periods.firstIndex { $0.year == 2020 })
        #expect(close(parts.series("total")[i], whole.series("total")[i]))
    }
}
