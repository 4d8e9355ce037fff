import Foundation
import Testing
import TIQWire

/// Cheap methods and queries known to be fast are answered on the reader thread
/// (protocol.md, "Concurrency, ordering and cancellation"): observable as answers that do not
/// wait for a busy worker, in arrival order.
/// `ReplyBuffer.flushBytes` (64 KiB), as protocol.md states it: the test target does not import TIQServer.
enum ReplyBufferSize {
    static let flushBytes = 64 << 10
}

@Suite struct InlineAnswerTests {
    static let fastQuery = #"{"q":"from emploi_ind at region"}"#

    /// Runs the query `first` (its params) on the only worker, then holds that worker with a
    /// sleep and sends the queries `later` (id text, params): the ids in the order answered.
    func order(after first: String, then later: [(id: String, params: String)],
               inlineQueryMicroseconds: Int = 1_000_000) throws -> [String] {
        let d = Daemon.inProcess(Daemon.standardArguments + ["--workers", "1", "--inline-query-us", "\(inlineQueryMicroseconds)"])
        d.request("\"first\"", "query", first)               // a new query: runs on the worker, and is timed
        #expect(d.next()?.idText == "\"first\"")
        d.request("\"sleep\"", "$/test/sleep", #"{"ms":600}"#)
        usleep(100_000)                                        // the worker has taken the sleep
        for (id, params) in later { d.request(id, "query", params) }
        var order: [String] = []
        for _ in 0...later.count {
            guard let id = d.next()?.idText else { break }
            order.append(id)
        }
        return order
    }

    /// With one worker busy with a sleep: does a second run of `fastQuery` overtake it, and
    /// does a new query wait?
    func secondRunOvertakesABusyWorker(inlineQueryMicroseconds: Int) throws -> [String] {
        try order(after: Self.fastQuery, then: [("\"again\"", Self.fastQuery), ("\"new\"", #"{"q":"from emploi_ind at dept"}"#)],
                  inlineQueryMicroseconds: inlineQueryMicroseconds)
    }

    @Test func aQueryKnownToBeFastOvertakesABusyWorkerAndANewOneWaits() throws {
        // A generous threshold (1 s), so a slow debug build on a loaded machine still counts as fast.
        let order = try secondRunOvertakesABusyWorker(inlineQueryMicroseconds: 1_000_000)
        #expect(order == ["\"again\"", "\"sleep\"", "\"new\""], "\(order)")
    }

    @Test func withInlineQueriesOffEveryQueryWaitsForTheWorker() throws {
        let order = try secondRunOvertakesABusyWorker(inlineQueryMicroseconds: 0)
        #expect(order == ["\"sleep\"", "\"again\"", "\"new\""], "\(order)")
    }

    /// `order(after:then:)` with one later query, `second`.
    func orderAfter(first: String, second: String) throws -> [String] {
        try order(after: first, then: [("\"second\"", second)])
    }

    @Test func aQueryThatFailedIsNotRememberedAsFast() throws {
        // A bad `limit` fails at once whatever the text costs: the text must not count as fast.
        let order = try orderAfter(first: #"{"q":"from emploi_ind at region","limit":-1}"#,
                                   second: #"{"q":"from emploi_ind at region"}"#)
        #expect(order == ["\"sleep\"", "\"second\""], "\(order)")
    }

    @Test func formatAndLimitArePartOfWhatWasFast() throws {
        // Fast with `limit: 1` says nothing of the whole answer, nor of another layout.
        let noLimit = try orderAfter(first: #"{"q":"from emploi_ind at region","limit":1}"#,
                                     second: #"{"q":"from emploi_ind at region"}"#)
        #expect(noLimit == ["\"sleep\"", "\"second\""], "\(noLimit)")
        let otherFormat = try orderAfter(first: #"{"q":"from emploi_ind at region"}"#,
                                         second: #"{"q":"from emploi_ind at region","format":"long"}"#)
        #expect(otherFormat == ["\"sleep\"", "\"second\""], "\(otherFormat)")
        let same = try orderAfter(first: #"{"q":"from emploi_ind at region","limit":1}"#,
                                  second: #"{"q":"from emploi_ind at region","limit":1}"#)
        #expect(same == ["\"second\"", "\"sleep\""], "\(same)")
    }

    @Test func aReplyLargerThanTheBufferKeepsItsPlaceInTheOrder() throws {
        // A `check` whose 90 diagnostics each quote a 600-character unknown name answers with
        // more than the 64 KiB buffer (diagnostics are capped at 100, so their size, not their
        // number, makes it large): written directly, after the replies gathered before it and
        // before those after it.
        let d = Daemon.inProcess()
        let longName = String(repeating: "z", count: 600)
        let bad = "from emploi_ind at epci | derive " + (0..<90).map { "a\($0) = \(longName)\($0)" }.joined(separator: ", ")
        var text = #"{"jsonrpc":"2.0","id":1,"method":"status"}"# + "\n"
        text += #"{"jsonrpc":"2.0","id":2,"method":"check","params":{"q":"\#(bad)"}}"# + "\n"
        text += #"{"jsonrpc":"2.0","id":3,"method":"status"}"# + "\n"
        d.sendBytes(Array(text.utf8))
        var ids: [String] = []
        var checkReply: JSONValue?
        while ids.count < 3, let reply = d.next(timeout: 30) {
            ids.append(reply.idText ?? "?")
            if reply.idText == "2" { checkReply = reply }
        }
        #expect(ids == ["1", "2", "3"])
        let diagnostics = checkReply?.result?["diagnostics"]?.arrayValue ?? []
        #expect(diagnostics.count == 90, "\(diagnostics.count) diagnostics")
        #expect((checkReply?.jsonText.utf8.count ?? 0) > ReplyBufferSize.flushBytes, "the reply is large enough to bypass the buffer")
    }

    @Test func pipelinedCheapRequestsAreAnsweredOnceEachInArrivalOrder() throws {
        // 3,000 requests in one write, mixing inline methods, an unknown method and a bad line:
        // every request gets exactly one reply, in the order sent (all are answered inline).
        let d = Daemon.inProcess()
        var text = ""
        var expected: [String] = []
        for i in 0..<3000 {
            switch i % 5 {
            case 0: text += #"{"jsonrpc":"2.0","id":\#(i),"method":"status"}"#
            case 1: text += #"{"jsonrpc":"2.0","id":\#(i),"method":"check","params":{"q":"from emploi_ind at epci"}}"#
            case 2: text += #"{"jsonrpc":"2.0","id":\#(i),"method":"complete","params":{"q":"from emp","cursor":8}}"#
            case 3: text += #"{"jsonrpc":"2.0","id":\#(i),"method":"nope"}"#
            default: text += #"{"jsonrpc":"2.0","id":\#(i),"method":"lookup","params":{"name":"Lyo"}}"#
            }
            text += "\n"
            expected.append("\(i)")
            if i % 1000 == 999 { text += "not json\n"; expected.append("null") }
        }
        d.sendBytes(Array(text.utf8))
        var got: [String] = []
        while got.count < expected.count, let reply = d.next(timeout: 30) {
            got.append(reply.idText ?? "?")
        }
        #expect(got == expected)
        #expect(d.isQuiet(for: 0.3), "no extra reply")
    }
}
