import Foundation
import Testing
import TIQWire

/// A real query — not the test-only sleep — is cancelled while it runs: the daemon answers
/// -32800, not the result. (That the engine's loops themselves stop early is proven without a
/// clock by TIQEngineTests' FuzzyMatchCancellationTests, which holds a loop mid-way.)
@Suite struct QueryCancellationTests {
    /// A query over every commune of the demo with several series, a derive and a sort; `year`
    /// varies it, so that a second run finds no plan or roll-up of the first in the caches.
    static func slowQuery(_ year: Int) -> String {
        "from emploi_ind, etab_ind, creations, disparitions, ebe, va at commune | derive g = growth(emploi_ind, \(year), 2022), m = mean_over(ebe, 2015..2024), r = yoy(va) | sort g desc"
    }

    /// How long the test waits for what must happen (the demo's load, an answer): long, because
    /// only a failing test waits that long, and a loaded CI machine is slow.
    static let patience = 600.0

    @Test func cancellingARunningDemoQueryAnswersMinus32800() throws {
        let d = Daemon.inProcess([])
        d.request("0", "initialize")
        try #require(d.replies(for: ["0"], timeout: Self.patience)["0"] != nil, "the demo did not start")

        // How long the query takes uncancelled, on this build and machine.
        let start = Date()
        d.request("1", "query", #"{"q":""# + Self.slowQuery(2016) + #"","limit":1}"#)
        let full = d.replies(for: ["1"], timeout: Self.patience)["1"]
        let duration = Date().timeIntervalSince(start)
        try #require(full?["result"] != nil, "the uncancelled query did not answer: \(String(describing: full))")

        // A query of the same cost, cancelled a tenth of the way in: its answer is -32800.
        d.request("2", "query", #"{"q":""# + Self.slowQuery(2017) + #"","limit":1}"#)
        Thread.sleep(forTimeInterval: duration / 10)
        d.notify("$/cancelRequest", #"{"id":2}"#)
        let reply = d.replies(for: ["2"], timeout: Self.patience)["2"]
        #expect(reply?["error"]?["code"]?.intValue == -32800, "reply was \(String(describing: reply))")
    }
}
