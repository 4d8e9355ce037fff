import Testing
import TIQCore
import TIQEngine

/// One test per engine diagnostic code: the code, the text its span covers, and the help or
/// suggestion that tells the user how to fix it.
@Suite struct DiagnosticCodeTests {
    let engine = DemoFixture.engine

    /// The first error of `query` (from `check`, which evaluates nothing).
    func firstError(_ query: String) -> Diagnostic? {
        engine.check(query).first { $0.severity == .error }
    }

    /// The text of `query` covered by the diagnostic's span.
    func covered(_ d: Diagnostic?, in query: String) -> String? {
        guard let s = d?.span else { return nil }
        let bytes = Array(query.utf8)
        return String(decoding: bytes[s.start..<s.end], as: UTF8.self)
    }

    struct Case: Sendable, CustomStringConvertible {
        let code: String
        let query: String
        let span: String
        let hint: String
        var description: String { "\(code): \(query)" }
    }

    static let cases: [Case] = [
        Case(code: "E201", query: "from emploi_indus at epci", span: "emploi_indus", hint: "emploi_ind"),
        Case(code: "E202", query: "from emploi_ind at epcii", span: "epcii", hint: "epci"),
        Case(code: "E204", query: "from emploi_ind at epci | where region == \"Grand Ets\"", span: "\"Grand Ets\"", hint: "Grand Est"),
        Case(code: "E204", query: "territories at epci | where type == \"CX\"", span: "\"CX\"", hint: "CA"),
        Case(code: "E205", query: "from emploi_ind at epci | where regoin == \"Grand Est\"", span: "regoin", hint: "region"),
        Case(code: "E206", query: "from emploi_ind at epci | derive g = growht(emploi_ind, 2018, 2022)", span: "growht", hint: "growth"),
        Case(code: "E207", query: "from emploi_ind at epci | derive r = etab_ind@2020", span: "etab_ind", hint: "from …, etab_ind"),
        Case(code: "E209", query: "from emploi_ind at epci | agg s = sum(emploi_ind, missing = maybe)", span: "maybe", hint: "skip"),
        Case(code: "E102", query: "from emploi_ind at epci | top 10 by growth(emploi_ind, 2018)", span: "growth(emploi_ind, 2018)", hint: "2018, 2022"),
        Case(code: "E301", query: "from emploi_ind at epci | where emploi_ind@2018 + 1", span: "emploi_ind@2018 + 1", hint: ">"),
        Case(code: "E302", query: "from emploi_ind at epci | derive g = growth(emploi_ind@2018, 2018, 2022)", span: "emploi_ind@2018", hint: "whole series"),
        Case(code: "E305", query: "from emploi_ind at epci | where emploi_ind > 500", span: "emploi_ind > 500", hint: "all("),
        Case(code: "E306", query: "from emploi_ind at epci | agg s = emploi_ind by region", span: "emploi_ind", hint: "sum(emploi_ind)"),
        Case(code: "E307", query: "from emploi_ind at epci | where sum(emploi_ind)@2018 > 0", span: "sum", hint: "agg"),
        Case(code: "E310", query: "from emploi_ind, etab_ind at epci | derive x = emploi_ind + etab_ind", span: "emploi_ind + etab_ind", hint: "convert"),
        Case(code: "E310", query: "from emploi_ind at epci | where growth(emploi_ind, 2018, 2022) > 5", span: "5", hint: "5%"),
        Case(code: "E311", query: "from taux_marge at epci | agg s = sum(taux_marge) by region", span: "sum(taux_marge)", hint: "ratio(ebe, va)"),
        Case(code: "E312", query: "from emploi_ind at epci | where emploi_ind@2018-Q3 > 0", span: "2018-Q3", hint: "annual"),
        Case(code: "E313", query: "from emploi_ind at region | rollup to commune", span: "commune", hint: "roll up to"),
        Case(code: "E314", query: "from emploi_ind at epci | agg s = sum(emploi_ind) by region | rollup to france", span: "rollup", hint: "before"),
        Case(code: "E315", query: "from emploi_ind at epci | agg n = count() by region | show n by ti1 as wide", span: "ti1", hint: "agg v = … by region, ti1"),
        Case(code: "E313", query: "from emploi_ind at epci | derive r = emploi_ind of ti1", span: "ti1", hint: "region"),
        Case(code: "E320", query: "from emploi_ind at epci | compare ti1 on growth(sum(emploi_ind), 2018, 2022) model twfe", span: "model twfe", hint: "did"),
        Case(code: "E320", query: "from emploi_ind at epci | did ti1 pre 2015..2018 post 2018..2022 on emploi_ind model twfe", span: "2018..2022", hint: "2019..2022"),
    ]

    @Test(arguments: cases) func diagnosticCode(_ c: Case) {
        let d = firstError(c.query)
        #expect(d?.code == c.code, "\(c.query) gave \(engine.check(c.query).map(\.description))")
        #expect(covered(d, in: c.query) == c.span)
        let advice = [d?.help ?? "", d?.label ?? ""].joined(separator: " ") + (d?.suggestions.map(\.label).joined(separator: " ") ?? "")
        #expect(advice.contains(c.hint), "advice was: \(advice)")
    }

    @Test func unknownIndicatorSuggestsOnlyIndicatorsAvailableAtTheLevel() throws {
        let d = try #require(firstError("from emploi_indus at region"))
        #expect(d.suggestions.map(\.label) == ["emploi_ind"])
        #expect(d.expected == ["an indicator"])
    }

    @Test func errorsInSeveralStagesAreAllReported() {
        let errors = engine.check("from emploi_ind at epci | where regoin == \"x\" | derive g = growht(emploi_ind)").filter { $0.severity == .error }
        #expect(errors.map(\.code) == ["E205", "E206"])
    }

    @Test func failedQueryCarriesItsKind() {
        for (q, kind) in [("from emploi_ind at", FailureKind.syntax), ("from nope at epci", .resolution), ("from emploi_ind at epci | where emploi_ind > 1", .type)] {
            do throws(QueryFailure) { _ = try engine.run(q); Issue.record("\(q) must fail") } catch { #expect(error.kind == kind, "\(q)") }
        }
    }

    @Test func resultTooLargeIsE401WithAFix() {
        do throws(QueryFailure) {
            _ = try engine.run("from emploi_ind, etab_ind at commune", options: QueryOptions(maxCells: 10_000))
            Issue.record("expected E401")
        } catch {
            #expect(error.diagnostics.first?.code == "E401")
            #expect(error.diagnostics.first?.help?.contains("where") == true)
        }
    }

    @Test func cancelledQueryIsE402() async {
        let task = Task { () throws(QueryFailure) -> ResultTable in
            withUnsafeCurrentTask { $0?.cancel() }
            return try DemoFixture.engine.run("from emploi_ind at commune | derive g = growth(emploi_ind, 2018, 2022)")
        }
        let result = await task.result
        guard case .failure(let error) = result, let f = error as? QueryFailure else { Issue.record("a cancelled query must fail"); return }
        #expect(f.kind == .cancelled && f.diagnostics.first?.code == "E402")
    }

    // MARK: - Warnings

    func warnings(_ q: String) throws -> [String] { try engine.run(q).warnings.map(\.code) }

    @Test func emptyPeriodWindowIsW402() throws {
        #expect(try warnings("from emploi_ind at region | period 1990..1995").contains("W402"))
    }

    @Test func absentValuesDroppedByWhereAreW403() throws {
        // Some EPCI lack 2018 data in the demo; each dropped row is counted, never compared as 0.
        let t = try engine.run("from emploi_ind at epci | where emploi_ind@2018 >= 0")
        let all = try engine.run("from emploi_ind at epci")
        let absent = zip(all.series("emploi_ind").indices, all.series("emploi_ind")).filter { i, v in
            let row = i / all.periods.count, col = i % all.periods.count
            _ = row
            return all.periods[col].year == 2018 && v.isNaN
        }.count
        #expect(t.rowCount + absent == all.rowCount)
        let w = t.warnings.first { $0.code == "W403" }
        #expect((absent == 0) == (w == nil))
        if absent > 0 { #expect(w?.message.hasPrefix("\(absent) ") == true) }
    }

    @Test func rowsDroppedByCompareAreW404WithCountsPerGroup() throws {
        let t = try engine.run("from emploi_ind at epci | compare ti1 on growth(sum(emploi_ind), 2018, 2022)")
        let w = try #require(t.warnings.first { $0.code == "W404" })
        #expect(w.message.contains("ti1=true:") && w.message.contains("ti1=false:"))
        #expect(w.help?.contains("complete(emploi_ind, 2018, 2022)") == true)
        // The dropped rows are exactly those the explicit filter removes: same answer.
        let explicit = try engine.run("from emploi_ind at epci | where complete(emploi_ind, 2018, 2022) | compare ti1 on growth(sum(emploi_ind), 2018, 2022)")
        #expect(t.numbers("value") == explicit.numbers("value") || zip(t.numbers("value"), explicit.numbers("value")).allSatisfy { close($0, $1) })
    }

    @Test func fractionalRollupIsW407() throws {
        #expect(try warnings("from emploi_ind at epci | rollup to ti1").contains("W407"))
    }

    @Test func compareSaysItIsDescriptive() throws {
        let t = try engine.run("from emploi_ind at epci | where complete(emploi_ind, 2018, 2022) | compare ti1 on growth(sum(emploi_ind), 2018, 2022)")
        #expect(t.warnings.contains { $0.code == "W408" && $0.severity == .note })
        // The diff row has no count of its own: not applicable, which is not missing data.
        guard case .number(let n, let st?)? = t.column("n")?.values else { Issue.record("n has statuses"); return }
        #expect(n[2].isNaN && st[2] == .notApplicable)
        #expect(t.coverage.cellShare == 1)
    }

    @Test func derivedColumnsDroppedByRollupAreW409() throws {
        #expect(try warnings("from emploi_ind at epci | derive g = growth(emploi_ind, 2018, 2022) | rollup to region").contains("W409"))
    }
}
