import Testing
import TIQCore
import TIQEngine

/// Completion offers only what is valid at the cursor; hover describes what is under it.
/// The cursor is where `‸` stands in each query text.
@Suite struct CompletionTests {
    let engine = DemoFixture.engine

    func complete(_ marked: String) -> [CompletionItem] {
        let cursor = marked.utf8.distance(from: marked.utf8.startIndex, to: marked.range(of: "‸")!.lowerBound.samePosition(in: marked.utf8)!)
        return engine.complete(marked.replacingOccurrences(of: "‸", with: ""), cursor: cursor)
    }

    @Test func stageKeywordsAfterAPipe() {
        let labels = complete("from emploi_ind at epci | ‸").map(\.label)
        #expect(labels.contains("where") && labels.contains("agg") && !labels.contains("from"))
    }

    @Test func indicatorsByPrefixWithTheirDescription() {
        let items = complete("from emp‸")
        #expect(items.map(\.label) == ["emploi_ind"])
        #expect(items.first?.detail?.contains("jobs") == true)
        #expect(items.first?.replace == 5..<8)
    }

    @Test func levelsWhereEveryIndicatorExists() {
        let labels = Set(complete("from emploi_ind, taux_marge at ‸").map(\.label))
        #expect(labels.isSuperset(of: ["commune", "epci", "region", "france", "ti1", "ti2", "dept"]))
    }

    @Test func columnsDerivedEarlierAreOffered() {
        let labels = complete("from emploi_ind at epci | derive growth_18_22 = growth(emploi_ind, 2018, 2022) | where gro‸").map(\.label)
        #expect(labels.contains("growth_18_22"))
        #expect(labels.contains("growth"))   // the function too
    }

    @Test func attributeValuesAfterAComparison() {
        let items = complete("from emploi_ind at epci | where region == \"Gra‸")
        #expect(items.map(\.label) == ["Grand Est"])
        #expect(items.first?.insertText == "\"Grand Est\"")
    }

    @Test func periodsWithDataAfterAt() {
        let labels = complete("from emploi_ind at epci | where emploi_ind@‸").map(\.label)
        #expect(labels.first == "2024" && labels.last == "2015" && labels.count == 10)
    }

    @Test func hoverOnAnIndicatorGivesItsUnitAndSource() throws {
        let q = "from emploi_ind at epci"
        let h = try #require(engine.hover(q, cursor: 7))
        #expect(h.markdown.contains("jobs") && h.markdown.contains("synthetic"))
        #expect(h.span.start == 5 && h.span.end == 15)
    }

    @Test func hoverOnAFunctionGivesItsSignature() throws {
        let q = "from emploi_ind at epci | derive g = growth(emploi_ind, 2018, 2022)"
        let h = try #require(engine.hover(q, cursor: q.utf8.count - 25))
        #expect(h.markdown.contains("growth(series, from, to)"))
    }

    @Test func perIsCompletedAndHoveredWithItsSignature() throws {
        let items = complete("from projets_soutenus, pop at epci | derive r = pe‸")
        let per = try #require(items.first { $0.label == "per" })
        #expect(per.kind == "function" && per.insertText == "per(")
        #expect(per.detail?.hasPrefix("per(x, y, scale)") == true)
        let q = "from projets_soutenus, pop at epci | derive r = per(projets_soutenus, pop, 10000)"
        let h = try #require(engine.hover(q, cursor: q.utf8.count - 31))
        #expect(h.markdown.contains("per(x, y, scale)") && h.markdown.contains("per <scale>"))
    }
}
