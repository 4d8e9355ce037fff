import Testing
import TIQCore
import TIQEngine

/// The cell limit holds while frames grow (issue 14): a query whose answer is small but whose
/// stages pile up columns fails with E401 at the stage that crosses the working budget.
@Suite struct WorkingCellLimitTests {
    let engine = DemoFixture.engine

    @Test func stagesThatPileUpColumnsFailWithE401() throws {
        // C: the cells of one series at commune level, measured without a limit.
        let one = try engine.run("from emploi_ind at commune | show emploi_ind", options: QueryOptions(maxCells: .max)).cellCount
        try #require(one > 64)
        // Working budget 16 × C/4 = 4C: the base frame (one series) and a small answer fit ...
        let options = QueryOptions(maxCells: one / 4)
        let small = "from emploi_ind at commune | agg s = sum(emploi_ind)"
        #expect(throws: Never.self) { _ = try engine.run(small, options: options) }
        // ... but twelve derived series (13C) do not, though the answer would be one cell.
        let derives = (1...12).map { "| derive d\($0) = emploi_ind * \($0) " }.joined()
        let piled = "from emploi_ind at commune " + derives + "| agg s = sum(d12)"
        do throws(QueryFailure) {
            _ = try engine.run(piled, options: options)
            Issue.record("expected E401 while the frame grows")
        } catch {
            #expect(error.diagnostics.first?.code == "E401")
            #expect(error.diagnostics.first?.message.contains("works on") == true)
        }
        // Without a limit the same query answers: the failure is the budget, not the query.
        #expect(throws: Never.self) { _ = try engine.run(piled, options: QueryOptions(maxCells: .max)) }
    }
}
