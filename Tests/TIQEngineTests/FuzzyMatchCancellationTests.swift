import Foundation
import Testing
@testable import TIQEngine
import TIQCore
import TIQStore

/// The `~` fuzzy match checks for cancellation inside its loop over rows: a `where name ~ …`
/// with a 2,000-character pattern cost seconds per thousand rows and answered only at its end.
@Suite struct FuzzyMatchCancellationTests {
    /// A query whose only loop over rows is the fuzzy match (no aggregate, no series function).
    static let query = "from x at commune | where name ~ \"" + String(repeating: "commune abcdefghij ", count: 105) + "\""

    /// How many communes the many-names dataset holds: enough that comparing each of them with
    /// the long pattern takes far longer than cancelling the query.
    static let manyCommunes = 20_000

    /// `manyCommunes` communes, one observation: every row of `from x at commune` has a name.
    static let manyNames: Engine = {
        var d = Dataset()
        for c in 0..<manyCommunes { d.territories.append(TerritoryRecord(level: "commune", code: "C\(c)", name: "Commune \(c)")) }
        d.indicators = [IndicatorRecord(code: "x", name: "jobs", unit: "jobs", aggregate: "sum", frequency: "A", source: "test")]
        var o = ObservationTable()
        o.territoryKeys = ["commune:C0"]
        o.indicatorCodes = ["x"]
        o.territories = [0]; o.indicators = [0]; o.periods = [Period(year: 2020)]; o.values = [1]; o.statuses = [.ok]
        d.observations = o
        return Engine(snapshot: try! SnapshotBuilder.build(d, origin: "many names", id: 1))
    }()

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

    /// Cancelled once its loop has started, the match stops within a few rows: without the
    /// loop's own check it would compare all 20,000 names before a later check noticed.
    @Test func aFuzzyMatchCancelledInsideItsLoopStopsThere() async throws {
        let engine = Self.manyNames
        let counter = FuzzyMatchProbe.Counter(holdsAfterFirstRow: true)
        let task = Task { () -> Result<ResultTable, QueryFailure> in
            FuzzyMatchProbe.$rows.withValue(counter) {
                do throws(QueryFailure) { return .success(try engine.run(Self.query)) } catch { return .failure(error) }
            }
        }
        // Wait until the loop has compared its first row (bounded: a broken loop fails below).
        for _ in 0..<60_000 where counter.value == 0 { try await Task.sleep(nanoseconds: 1_000_000) }
        #expect(counter.value > 0, "the fuzzy match never started")
        // The loop is held after its first row: cancel, then let it go on. Only its own
        // check can stop it before the 20,000th row.
        task.cancel()
        counter.resume()
        guard case .failure(let f) = await task.value else {
            Issue.record("a fuzzy match cancelled in its loop must fail with E402")
            return
        }
        #expect(f.kind == .cancelled && f.diagnostics.first?.code == "E402")
        #expect(counter.value < Self.manyCommunes, "compared \(counter.value) of \(Self.manyCommunes) names after the cancellation")
    }

    @Test func anUncancelledFuzzyMatchStillAnswers() throws {
        // "c3" occurs in "commune c3" (folded) only, and shares no trigram with the other names.
        let table = try HandDataset.engine.run("from x at commune | where name ~ \"c3\"")
        #expect(table.rowCount == 1)
    }
}
