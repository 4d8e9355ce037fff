import Testing
import TIQCore
import TIQLanguage

/// The options of `compare` and `did`: any order in, one canonical order out, and clear errors.
@Suite struct InferenceClauseTests {
    func stage(_ text: String) throws -> Stage {
        let r = TQLParser.parse(text)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        return try #require(r.query?.stages.last)
    }

    @Test func compareOptionsParseInAnyOrderAndPrintCanonically() throws {
        let s = try stage("from x at epci | compare ti1 on growth(sum(x), 2018, 2022) seed 7 matched on (x@2018, y) exact region caliper 0.5 draws 200 with ci 97.5 k 2")
        guard case .compare(_, _, let o) = s.kind else { Issue.record("not a compare: \(s.kind)"); return }
        #expect(o.level == 97.5 && o.draws == 200 && o.seed == 7)
        #expect(o.matching?.covariates.count == 2 && o.matching?.neighbours == 2 && o.matching?.caliper == 0.5)
        #expect(o.matching?.exact.map(\.name) == ["region"])
        let printed = ASTPrinter.stage(s)
        #expect(printed == "compare ti1 on growth(sum(x), 2018, 2022) matched on (x@2018, y) k 2 caliper 0.5 exact region with ci 97.5 draws 200 seed 7")
        let again = try stage("from x | " + printed)
        #expect(again.erasingSpansForTest() == s.erasingSpansForTest())
    }

    @Test func didModelAndReference() throws {
        let s = try stage("from x | did ti1 pre 2015..2018 post 2019..2022 on x model event ref 2017 with ci 90")
        guard case .did(_, _, _, _, let o) = s.kind else { Issue.record("not a did"); return }
        #expect(o.model?.name == "event" && o.reference?.period == Period(year: 2017) && o.level == 90)
        #expect(ASTPrinter.stage(s) == "did ti1 pre 2015..2018 post 2019..2022 on x model event ref 2017 with ci 90")
    }

    @Test func stratifiedByParsesAndPrints() throws {
        let s = try stage("from x | compare ti1 on growth(sum(x), 2018, 2022) stratified by region")
        guard case .compare(_, _, let o) = s.kind else { Issue.record("not a compare"); return }
        #expect(o.strata?.name == "region" && !o.isEmpty)
        let printed = ASTPrinter.stage(s)
        #expect(printed == "compare ti1 on growth(sum(x), 2018, 2022) stratified by region")
        #expect(try stage("from x | " + printed).erasingSpansForTest() == s.erasingSpansForTest())
        #expect(TQLParser.parse("from x | compare ti1 on sum(x) stratified region").diagnostics.first?.severity == .error)
    }

    @Test func withoutOptionsNothingChanges() throws {
        let s = try stage("from x | compare ti1 on sum(x)")
        guard case .compare(_, _, let o) = s.kind else { Issue.record("not a compare"); return }
        #expect(o.isEmpty && o.span == nil)
        #expect(ASTPrinter.stage(s) == "compare ti1 on sum(x)")
    }

    @Test(arguments: [
        ("from x | compare ti1 on sum(x) k 2", "belongs to `matched on"),
        ("from x | compare ti1 on sum(x) draws 10 draws 20", "given twice"),
        ("from x | did ti1 pre 2015..2018 post 2019..2022 on x model ols", "unknown option"),
        ("from x | compare ti1 on sum(x) with ci", ""),
    ])
    func badOptionsAreSyntaxErrors(_ text: String, _ message: String) {
        let d = TQLParser.parse(text).diagnostics
        #expect(d.count == 1 && d.first?.severity == .error)
        #expect(d.first?.message.contains(message) == true, "\(d)")
    }
}

extension Stage {
    /// The stage with spans erased, through a one-stage query.
    func erasingSpansForTest() -> Stage {
        Query(source: SourceClause(.territories(level: nil), span: .zero), stages: [self], span: .zero).erasingSpans().stages[0]
    }
}
