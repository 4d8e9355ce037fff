import Testing
import TIQLanguage

/// Cursor classification for completion; the cursor is marked `‸` in each text.
@Suite struct CursorContextTests {
    private func context(_ marked: String) -> CursorContext {
        let m = MarkedText(marked)
        return CursorContext.context(in: m.text, at: m.offset("‸"))
    }

    private func kind(_ marked: String) -> CursorContext.Kind { context(marked).kind }

    @Test func sourceKeywordAtTheStart() {
        #expect(kind("‸") == .sourceKeyword)
        let c = context("fr‸")
        #expect(c.kind == .sourceKeyword)
        #expect(c.prefix == "fr")
        #expect(c.replace == 0..<2)
    }

    @Test func stageKeywordAfterPipe() {
        #expect(kind("from x | ‸") == .stageKeyword)
        #expect(kind("from x\n| wh‸") == .stageKeyword)
        #expect(kind("from x | where a > 1 | ‸ | limit 3") == .stageKeyword)
    }

    @Test func indicatorAfterFromOrComma() {
        #expect(kind("from ‸") == .indicator(levelSoFar: nil))
        #expect(kind("from a, emp‸ at epci") == .indicator(levelSoFar: "epci"))
        let c = context("from a, emp‸loi at epci")
        #expect(c.prefix == "emp")
        #expect(c.replace == 8..<14)
    }

    @Test func levelAfterAtAndRollupTo() {
        #expect(kind("from a, b at ‸") == .level(indicatorsSoFar: ["a", "b"]))
        #expect(kind("from a, b at ep‸") == .level(indicatorsSoFar: ["a", "b"]))
        #expect(kind("territories at ‸") == .level(indicatorsSoFar: []))
        #expect(kind("from a at epci | rollup to ‸") == .level(indicatorsSoFar: ["a"]))
    }

    @Test func expressionStartsInStages() {
        #expect(kind("from a | where ‸") == .expression(stage: "where"))
        #expect(kind("from a | where ti1 and re‸") == .expression(stage: "where"))
        #expect(kind("from a | derive g = ‸") == .expression(stage: "derive"))
        #expect(kind("from a | show name, ‸") == .expression(stage: "show"))
        #expect(kind("from a | sort ‸") == .expression(stage: "sort"))
        #expect(kind("from a | top 10 by ‸") == .expression(stage: "top"))
        #expect(kind("from a | compare ‸") == .expression(stage: "compare"))
        #expect(kind("from a | compare ti1 on ‸") == .expression(stage: "compare"))
        #expect(kind("from a | did ti1 pre 2014..2018 post 2018..2022 on ‸") == .expression(stage: "did"))
        #expect(kind("from a | where (‸") == .expression(stage: "where"))
    }

    @Test func aggregateInsideAgg() {
        #expect(kind("from a | agg n = ‸") == .aggregate)
        #expect(kind("from a | agg n = count(), s = su‸") == .aggregate)
        #expect(kind("from a at epci | rollup to ti2 (a = ‸") == .aggregate)
        #expect(kind("from a | agg n = count() by ‸") == .groupKey)
    }

    @Test func attributeValues() {
        #expect(kind("from a | where region == ‸") == .attributeValue(attribute: "region"))
        #expect(kind("from a | where region = ‸") == .attributeValue(attribute: "region"))
        let c = context("from a | where region == \"Gra‸")
        #expect(c.kind == .attributeValue(attribute: "region"))
        #expect(c.prefix == "Gra")
        #expect(kind("from a | where type in (‸") == .attributeValue(attribute: "type"))
        #expect(kind("from a | where type in (\"CA\", ‸") == .attributeValue(attribute: "type"))
        #expect(kind("from a | where type in (\"CA\", \"C‸\")") == .attributeValue(attribute: "type"))
    }

    @Test func territoryNames() {
        let c = context("lookup \"chal‸")
        #expect(c.kind == .territoryName)
        #expect(c.prefix == "chal")
        #expect(c.replace == 7..<12)
        #expect(kind("lookup ‸") == .territoryName)
        #expect(kind("from a at ti2 | where name ~ \"vallee ar‸\"") == .territoryName)
        #expect(kind("from a at ti2 | where name ~ ‸") == .territoryName)
    }

    @Test func periods() {
        #expect(kind("from a | where a@‸") == .period)
        #expect(kind("from a | period ‸") == .period)
        #expect(kind("from a | period 2014..‸") == .period)
        #expect(kind("from a | period 2014..20‸") == .period)
        #expect(kind("from a | did ti1 pre ‸") == .period)
        #expect(kind("from a | did ti1 pre 2014..2018 post ‸") == .period)
        #expect(kind("from a | derive s = a[‸") == .period)
    }

    @Test func namedArguments() {
        #expect(kind("from a | agg m = mean(g, ‸") == .namedArgument(function: "mean"))
        #expect(kind("from a | where complete(‸") == .namedArgument(function: "complete"))
        #expect(kind("from a | where complete(a, 2018, ‸") == .namedArgument(function: "complete"))
        #expect(kind("from a | agg m = mean(g, weight = ‸") == .aggregate)
    }

    @Test func keywordsAfterCompleteClauses() {
        #expect(kind("from a ‸") == .keywords(["at"]))
        #expect(kind("from a | where ti1 an‸") == .keywords(["and", "or", "in", "not"]))
        #expect(kind("from a | sort g ‸") == .keywords(["and", "or", "in", "not", "asc", "desc"]))
        #expect(kind("from a | fill a ‸") == .keywords(["with"]))
        #expect(kind("from a | fill a with ‸") == .keywords(["prev", "next", "linear"]))
        #expect(kind("from a | show a as ‸") == .keywords(["table", "wide", "long"]))
        #expect(kind("from a | derive ‸") == .none)
    }

    @Test func innermostCallAndArgumentForSignatureHelp() {
        #expect(context("from a | where growth(x, 20‸").call == .init(function: "growth", argumentIndex: 1))
        #expect(context("from a | agg n = change(sum(x), 2018, ‸").call == .init(function: "change", argumentIndex: 2))
        #expect(context("from a | agg n = change(sum(‸").call == .init(function: "sum", argumentIndex: 0))
        #expect(context("from a | where type in (‸").call == nil)
        #expect(context("from a | where f(x) > ‸").call == nil)
        #expect(context("from a | where f(x[2018..‸").call == nil)
    }

    @Test func scopeIsReadFromTheSourceWhereverTheCursorIs() {
        let c = context("from emploi_ind, pop at epci | where ‸")
        #expect(c.indicators == ["emploi_ind", "pop"])
        #expect(c.level == "epci")
    }

    @Test func cursorOutsideTheTextIsClamped() {
        #expect(CursorContext.context(in: "from x | ", at: 999).kind == .stageKeyword)
        #expect(CursorContext.context(in: "from x", at: -4).kind == .sourceKeyword)
    }
}

/// The identifier under the cursor and its role, for hover.
@Suite struct IdentifierAtCursorTests {
    private func identifier(_ marked: String) -> IdentifierAtCursor? {
        let m = MarkedText(marked)
        return CursorContext.identifier(in: m.text, at: m.offset("‸"))
    }

    @Test func roles() {
        #expect(identifier("from emp‸loi_ind at epci")?.role == .indicator)
        #expect(identifier("from emploi_ind at ep‸ci")?.role == .level)
        #expect(identifier("from x | rollup to ti‸2")?.role == .level)
        #expect(identifier("from x | where gro‸wth(x, 2018, 2022) > 0")?.role == .function)
        #expect(identifier("from x | where reg‸ion == \"44\"")?.role == .column)
        #expect(identifier("from x | wh‸ere a")?.role == .keyword)
        #expect(identifier("from x | agg m = mean(g, wei‸ght = pop)")?.role == .argumentLabel)
        #expect(identifier("from x | rollup to ti2 (r = mean wei‸ght pop)")?.role == .keyword)
        #expect(identifier("from x | agg m = mean(g, miss‸ing = skip)")?.role == .argumentLabel)
        #expect(identifier("from x | derive g‸ = a")?.role == .newColumn)
        #expect(identifier("from x | rollup to ti2 (revenu_med‸ian = mean weight pop)")?.role == .indicator)
    }

    @Test func nameAndSpan() throws {
        let id = try #require(identifier("from x | where Regi‸on == \"44\""))
        #expect(id.name == "region")
        #expect(id.span.start == 15 && id.span.end == 21)
        #expect(identifier("from x | where a == \"4‸4\"") == nil)
        #expect(identifier("from x |  ‸  ") == nil)
    }
}
