import Testing
import TIQCore
import TIQEngine

/// Coverage counts and their footer text on `HandDataset`; expected counts from plain loops.
@Suite struct CoverageTests {
    @Test func rowsDroppedByWhereCompleteAreCounted() throws {
        let t = try HandDataset.engine.run("from x at epci | where complete(x, 2020, 2022)")
        let complete = ["E1", "E2", "E3"].filter { e in
            [2020, 2022].allSatisfy { RollupSemanticsTests.expectedSum(e, $0).0 != nil }
        }
        #expect(t.rowCount == complete.count)
        #expect(t.coverage.rowsComplete == complete.count)
        #expect(t.coverage.rowsTotal == 3)
        #expect(t.coverage.summary(noun: "epci") == "kept \(complete.count) of 3 epci · \(3 - complete.count) dropped · "
            + t.coverage.summary().components(separatedBy: " · ").last!)
    }

    @Test func summaryNeverSaysCompleteBesideAbsentCells() {
        let c = Coverage(rowsComplete: 5, rowsTotal: 18, cellShare: 0)
        #expect(c.summary(noun: "régions") == "kept 5 of 18 régions · 13 dropped · 0.0% of cells present")
        #expect(Coverage(rowsComplete: 3, rowsTotal: 3, cellShare: 0.5).summary() == "all 3 rows kept · 50.0% of cells present")
        #expect(!c.summary().contains("complete"))
    }
}
