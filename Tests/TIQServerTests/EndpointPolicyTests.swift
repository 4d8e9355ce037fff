import Foundation
import Testing
import TIQWire

/// What the endpoint enforces for every method, over real pipes: the operator's time limit is a
/// ceiling, time counts from arrival, a queued request is answered as soon as it is cancelled,
/// a refused `shutdown` shuts nothing down, and signals are named in the log.
@Suite(.serialized) struct EndpointPolicyTests {
    @Test(arguments: [("0", 300), ("999999", 300), ("100", 100)])
    func theOperatorsTimeLimitIsACeilingARequestMayLowerButNotRaise(asked: String, expected: Int) throws {
        let d = Daemon.inProcess(Daemon.standardArguments + ["--timeout-ms", "300"])
        d.request("1", "$/test/sleep", #"{"ms":20000,"timeoutMs":\#(asked)}"#)
        let r = try #require(d.next(timeout: 30))
        #expect(r.errorCode == -32800)
        #expect(r["error"]?["data"]?["reason"]?.stringValue == "timeout")
        #expect(r["error"]?["data"]?["timeoutMs"]?.intValue == expected)
    }

    @Test func aRequestQueuedBehindASlowOneTimesOutAndIsAnsweredBeforeIt() throws {
        // One worker: the second sleep waits for the first. Its time counts from its arrival, and
        // its time limit answers it while it is still queued, so its reply comes first.
        let d = Daemon.inProcess(Daemon.standardArguments + ["--workers", "1"])
        d.request("\"slow\"", "$/test/sleep", #"{"ms":4000}"#)
        d.request("\"queued\"", "$/test/sleep", #"{"ms":1,"timeoutMs":200}"#)
        let first = try #require(d.next(timeout: 30))
        #expect(first.idText == "\"queued\"")
        #expect(first.errorCode == -32800)
        #expect(first["error"]?["data"]?["timeoutMs"]?.intValue == 200)
        #expect(d.next(timeout: 30)?.idText == "\"slow\"")
    }

    @Test func cancellingAQueuedRequestAnswersItAtOnce() throws {
        let d = Daemon.inProcess(Daemon.standardArguments + ["--workers", "1"])
        d.request("\"slow\"", "$/test/sleep", #"{"ms":4000}"#)
        d.request("\"queued\"", "$/test/sleep", #"{"ms":1}"#)
        d.notify("$/cancelRequest", #"{"id":"queued"}"#)
        let first = try #require(d.next(timeout: 30))
        #expect(first.idText == "\"queued\"")
        #expect(first.errorCode == -32800)
        #expect(first["error"]?["data"]?["reason"]?.stringValue == "cancelled")
        #expect(d.next(timeout: 30)?.idText == "\"slow\"")
        #expect(d.isQuiet(for: 0.3))  // exactly one reply each
    }

    @Test func aShutdownRefusedWithMinus32602DoesNotShutTheDaemonDown() throws {
        let d = Daemon.inProcess()
        d.request("1", "shutdown", "[1]")
        #expect(try #require(d.next()).errorCode == -32602)
        d.request("2", "status")
        let status = try #require(d.next())
        #expect(status.result?["snapshot"] != nil, "\(status.jsonText)")
        d.notify("exit")
        #expect(d.waitForExit() == 1)  // no `shutdown` was accepted
    }

    @Test func sigintIsLoggedAsSigint() throws {
        let d = try Daemon()
        d.request("1", "status")
        _ = try #require(d.next())
        kill(d.process.processIdentifier, SIGINT)
        #expect(d.waitForExit() == 0)
        #expect(d.stderrText.contains("SIGINT"))
        #expect(!d.stderrText.contains("SIGTERM"))
    }

    @Test func sighupReloadsTheDatasetAndSigusr1LogsAStatusLineWithoutStopping() throws {
        let d = try Daemon()
        d.request("1", "status")
        #expect(try #require(d.next()).result?["snapshot"]?.intValue == 1)
        kill(d.process.processIdentifier, SIGHUP)
        // The reload is ordered like a `load`: a status sent after it is logged reads its outcome.
        #expect(Self.waitForLog(d, "reloaded"))
        d.request("2", "status")
        #expect(try #require(d.next()).result?["snapshot"]?.intValue == 2)
        kill(d.process.processIdentifier, SIGUSR1)
        #expect(Self.waitForLog(d, "status: snapshot 2"))
        d.request("3", "status")
        #expect(try #require(d.next()).result?["snapshot"]?.intValue == 2)
        d.closeInput()
        #expect(d.waitForExit() == 0)
    }

    /// Waits (up to 10 s) until stderr contains `text`; signals are handled asynchronously.
    static func waitForLog(_ d: Daemon, _ text: String) -> Bool {
        for _ in 0..<200 {
            if d.stderrText.contains(text) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("`\(text)` never logged: \(d.stderrText)")
        return false
    }

    @Test(arguments: ["0", "1001", "400000"])
    func maxDepthHasAnUpperBound(value: String) throws {
        let d = try Daemon(["--max-depth", value])
        #expect(d.waitForExit() == 64)
        #expect(d.stderrText.contains("--max-depth must be between 1 and 1000") || d.stderrText.contains("--max-depth must be at least 1"))
    }

    @Test func closingStdoutCancelsRunningWorkAtOnce() throws {
        let d = try UnreadDaemon(Daemon.standardArguments)
        #expect(d.write(Array(#"{"jsonrpc":"2.0","id":1,"method":"$/test/sleep","params":{"ms":60000}}"#.utf8) + [0x0A]))
        Thread.sleep(forTimeInterval: 0.2)
        d.closeOutput()
        // Without the watch, the daemon would notice only when the 60 s sleep writes its reply.
        #expect(d.waitForExit(timeout: 20) == 0)
    }

    @Test func theRepliesOfABatchAreBoundedAndEveryRequestStillGetsOne() throws {
        // 4 x --max-message-bytes = 16 KiB of replies at most; 80 catalogs of the fixture are more.
        let d = Daemon.inProcess(Daemon.standardArguments + ["--max-message-bytes", "4096"])
        let count = 80  // the batch line itself must stay under 4096 bytes
        let batch = "[" + (0..<count).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"catalog"}"# }.joined(separator: ",") + "]"
        d.sendBytes(Array((batch + "\n").utf8))
        let line = try #require(d.nextLine(timeout: 30))
        let items = try JSONParser.parse(line).arrayValue ?? []
        #expect(Set(items.compactMap { $0["id"]?.intValue }) == Set(0..<count))
        let dropped = items.filter { $0["error"]?["data"]?["reason"]?.stringValue == "batchTooLarge" }
        #expect(!dropped.isEmpty)
        #expect(items.count - dropped.count >= 1)
        #expect(line.utf8.count < 4 * 4096 + dropped.count * 400)
    }
}
