import Testing
import TIQEngine

/// The `~` fuzzy match checks for cancellation inside its loop over rows: a `where name ~ …`
/// with a 2,000-character pattern cost seconds per thousand rows and answered only at its end.
@Suite struct FuzzyMatchCancellationTests {
    /// A query whose only loop over rows is the fuzzy match (no aggregate, no series function).
    static let query = "from x at commune | where name ~ \"" + String(repeating: "commune abcdefghij ", count: 105) + "\""

    @Test func aCancelledFuzzyMatchIsE402() async {
        let task = Task { () throws(QueryFailure) -> ResultTable in
            withUnsafeCurrentTask { $0?.cancel() }
            return try HandDataset.engine.run(Self.query)
        }
        let result = await task.result
        guard case .failure(let error) = result, let f = error as? QueryFailure else {
            Issue.record("a cancelled fuzzy match must fail with E402")
            return
        }
        #expect(f.kind == .cancelled && f.diagnostics.first?.code == "E402")
    }

    @Test func anUncancelledFuzzyMatchStillAnswers() throws {
        // "c3" occurs in "commune c3" (folded) only, and shares no trigram with the other names.
        let table = try HandDataset.engine.run("from x at commune | where name ~ \"c3\"")
        #expect(table.rowCount == 1)
    }
}
