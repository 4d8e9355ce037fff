import Foundation
import Testing
import TIQWire

/// Each limit of protocol.md's "Limits", hit on the daemon's endpoint (in the test process; the
/// refused options on a spawned `tiq serve`): a clear error, then the daemon
/// goes on serving. (Message size and JSON depth: JSONRPCRulesTests; request time: ConcurrencyTests.)
@Suite struct LimitsTests {
    @Test func aQueryLongerThanMaxQueryBytesIsRefusedForEveryMethodThatTakesOne() throws {
        let d = Daemon.inProcess(Daemon.standardArguments + ["--max-query-bytes", "40"])
        let long = "from emploi_ind at epci | where name != \"" + String(repeating: "x", count: 20) + "\""
        #expect(long.utf8.count > 40)
        for (i, method) in ["query", "check", "explain", "complete", "hover"].enumerated() {
            d.request("\(i)", method, #"{"q":"# + JSONValue.string(long).jsonText + #","cursor":0}"#)
            let r = try #require(d.next())
            #expect(r.errorCode == -32602, "\(method): \(r.jsonText)")
            #expect(r.errorMessage.contains("--max-query-bytes"), "\(r.errorMessage)")
            #expect(r["error"]?["data"]?["maxQueryBytes"]?.intValue == 40)
        }
        // Below the limit, the query runs.
        let short = "from emploi_ind at epci"
        d.request("9", "query", #"{"q":"\#(short)"}"#)
        #expect(d.next()?.result?["rows"] != nil)
    }

    @Test func aQueryNestedTooDeeplyIsE116AndTheDaemonLivesOn() throws {
        let d = Daemon.inProcess()
        let deep = "from emploi_ind at epci | derive x = " + String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150)
        d.request("1", "query", #"{"q":"\#(deep)"}"#)
        let r = try #require(d.next())
        #expect(r.errorCode == 1)
        #expect(r.errorMessage.hasPrefix("E116"), "\(r.errorMessage)")
        d.request("2", "status")
        #expect(d.next()?.result != nil)
    }

    @Test func anAnswerAboveMaxResultCellsIsE401() throws {
        // The mini fixture has 6 communes: name and code columns alone hold 12 cells.
        let d = Daemon.inProcess(Daemon.standardArguments + ["--max-result-cells", "10"])
        d.request("1", "query", #"{"q":"from emploi_ind at commune"}"#)
        let r = try #require(d.next())
        #expect(r.errorCode == 4, "\(r.jsonText)")
        #expect(r.errorMessage.hasPrefix("E401"), "\(r.errorMessage)")
        #expect(r.errorMessage.contains("limit of 10"), "\(r.errorMessage)")
        // A smaller answer fits.
        d.request("2", "query", #"{"q":"from emploi_ind at region"}"#)
        let ok = try #require(d.next())
        #expect(ok.result?["rows"]?.arrayValue?.count == 1, "\(ok.jsonText)")
    }

    @Test func beyondMaxConcurrentReadingPausesUntilAReplyIsWritten() throws {
        // Two slots, both taken by sleeps: a third request that needs a slot (a 1 ms sleep) is
        // read only once a sleep has been answered. (`status` would not wait: it is answered on
        // the reader thread and takes no slot.)
        let d = Daemon.inProcess(Daemon.standardArguments + ["--max-concurrent", "2"])
        d.request("\"a\"", "$/test/sleep", #"{"ms":400}"#)
        d.request("\"b\"", "$/test/sleep", #"{"ms":400}"#)
        d.request("\"c\"", "$/test/sleep", #"{"ms":1}"#)
        let start = Date()
        var order: [String] = []
        var statusAfter = 0.0
        for _ in 0..<3 {
            guard let id = d.next()?.idText else { break }
            order.append(id)
            if id == "\"c\"" { statusAfter = Date().timeIntervalSince(start) }
        }
        #expect(order.count == 3)
        // Once a sleep is answered its slot goes to the short sleep, which may then overtake the other one.
        #expect(order.first != "\"c\"", "the third request waited for a free slot: \(order)")
        #expect(statusAfter >= 0.35, "the third request was answered after \(statusAfter) s")
        // Without the limit, the cheap request overtakes both sleeps.
        let free = Daemon.inProcess()
        free.request("\"a\"", "$/test/sleep", #"{"ms":400}"#)
        free.request("\"b\"", "$/test/sleep", #"{"ms":400}"#)
        free.request("\"c\"", "status")
        #expect(free.next()?.idText == "\"c\"")
    }

    @Test(arguments: ["--max-query-bytes", "--max-result-cells", "--max-concurrent"])
    func limitOptionsRefuseZero(option: String) throws {
        let d = try Daemon([option, "0"])
        #expect(d.waitForExit() == 64)
        #expect(d.stderrText.contains(option))
    }
}

/// `format: "long"` sends the cells of the long layout, so they count against `--max-result-cells`.
@Suite struct LongFormatCellLimitTests {
    @Test func aLongAnswerAboveTheLimitIsE401WhileTheSameRowsAnswerFits() throws {
        // From the fixture's files: the EPCIs, and the periods of emploi_ind.
        let root = TestPaths.mini
        let territories = try String(contentsOfFile: root + "/territories.csv", encoding: .utf8).split(separator: "\n")
        let epcis = territories.filter { $0.hasPrefix("epci,") }.count
        let observations = try String(contentsOfFile: root + "/observations.csv", encoding: .utf8).split(separator: "\n")
        let periods = Set(observations.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .filter { $0.count > 2 && $0[1] == "emploi_ind" }.map { $0[2] }).count
        // Rows: code, name and one cell per period. Long: a row per (EPCI, period) of at least
        // code, name, period and value: 4·P > 2 + P as soon as there is one period.
        let rowsCells = epcis * (2 + periods)
        #expect(epcis > 0 && periods > 0)
        let d = Daemon.inProcess(Daemon.standardArguments + ["--max-result-cells", String(rowsCells)])
        d.request("1", "query", #"{"q":"from emploi_ind at epci"}"#)
        let rows = try #require(d.next())
        #expect(rows.result?["rows"]?.arrayValue?.count == epcis, "\(rows.jsonText)")
        d.request("2", "query", #"{"q":"from emploi_ind at epci","format":"long"}"#)
        let long = try #require(d.next())
        #expect(long.errorCode == 4, "\(long.jsonText)")
        #expect(long.errorMessage.hasPrefix("E401") && long.errorMessage.contains("limit of \(rowsCells)"), "\(long.errorMessage)")
    }
}
