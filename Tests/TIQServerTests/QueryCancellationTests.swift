import Foundation
import Testing
import TIQWire

/// A real query — not the test-only sleep — stops when cancelled: the engine checks for
/// cancellation in its loops, and the daemon answers -32800 long before the query would end.
@Suite struct QueryCancellationTests {
    /// A query over every commune of the demo with several series, a derive and a sort.
    static let slowQuery = "from emploi_ind, etab_ind, creations, disparitions, ebe, va at commune | derive g = growth(emploi_ind, 2016, 2022), m = mean_over(ebe, 2015..2024), r = yoy(va) | sort g desc"

    @Test func cancellingARunningDemoQueryAnswersMinus32800() throws {
        let d = Daemon.inProcess([])
        d.request("0", "initialize")
        #expect(d.replies(for: ["0"], timeout: 120)["0"] != nil, "the demo did not start")
        let q = #"{"q":""# + Self.slowQuery + #"","limit":1}"#

        // How long the query takes uncancelled, on this build and machine.
        let start = Date()
        d.request("1", "query", q)
        let full = d.replies(for: ["1"], timeout: 120)["1"]
        let duration = Date().timeIntervalSince(start)
        #expect(full?["result"] != nil)

        // The same query, cancelled a tenth of the way in.
        let cancelStart = Date()
        d.request("2", "query", q)
        Thread.sleep(forTimeInterval: duration / 10)
        d.notify("$/cancelRequest", #"{"id":2}"#)
        let reply = d.replies(for: ["2"], timeout: 120)["2"]
        let cancelled = Date().timeIntervalSince(cancelStart)
        #expect(reply?["error"]?["code"]?.intValue == -32800, "reply was \(String(describing: reply))")
        #expect(cancelled < duration * 0.7, "cancelled after \(cancelled) s, uncancelled \(duration) s")
    }
}
