import Foundation
import Testing
import TIQWire

/// `--max-memory`: a query whose frames grow past the budget stops with E403 while it grows,
/// and the daemon goes on serving the snapshot it holds.
@Suite struct MemoryBudgetTests {
    /// The demo's commune series (34,875 communes × 10 years) doubled 60 times: each `derive`
    /// adds a column of about 3 MB, so the frame outgrows a budget 48 MiB above the idle daemon.
    static let growing = "from emploi_ind at commune | "
        + (1...60).map { "derive a\($0) = emploi_ind * \($0)" }.joined(separator: " | ") + " | show code, a60"

    @Test func aQueryGrowingPastTheBudgetIsE403AndTheDaemonKeepsServing() throws {
        // The idle daemon's resident size, measured without a budget.
        let idle = try Daemon(["--max-memory", "0"])
        idle.request("1", "status")
        let base = try #require(idle.next(timeout: 120)?.result?["memoryBytes"]?.intValue)
        idle.closeInput()

        let budget = base + 48 << 20
        let d = try Daemon(["--max-memory", "\(budget)", "--max-result-cells", "100000000"])
        d.request("1", "query", #"{"q":"# + JSONValue.string(Self.growing).jsonText + "}")
        let r = try #require(d.next(timeout: 300))
        #expect(r.errorCode == 4, "\(r.jsonText)")
        #expect(r.errorMessage.hasPrefix("E403"), "\(r.errorMessage)")
        #expect(r.errorMessage.contains("above the memory budget"), "\(r.errorMessage)")
        let help = r["error"]?["data"]?["diagnostics"]?.arrayValue?.first?["help"]?.stringValue ?? ""
        #expect(help.contains("--max-memory"), "\(help)")

        // The daemon lives on, on the same snapshot, and answers a small query.
        d.request("2", "status")
        let status = try #require(d.next(timeout: 60)?.result)
        #expect(status["snapshot"]?.intValue == 1)
        d.request("3", "query", #"{"q":"from emploi_ind at region | show code"}"#)
        #expect(d.next(timeout: 60)?.result?["rowCount"]?.intValue == 18)
    }

    @Test func maxMemoryIsASizeAndZeroMeansNoBudget() throws {
        let d = try Daemon(["--max-memory", "lots"])
        d.closeInput()
        #expect(d.waitForExit() == 64)
        #expect(d.stderrText.contains("--max-memory takes a size"), "\(d.stderrText)")
    }
}
