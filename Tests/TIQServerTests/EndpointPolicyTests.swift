import Foundation
import Testing
import TIQWire

/// What the endpoint enforces for every method, over real pipes: the operator's time limit is a
/// ceiling, time counts from arrival, a queued request is answered as soon as it is cancelled,
/// a refused `shutdown` shuts nothing down, and signals are named in the log.
@Suite(.serialized) struct EndpointPolicyTests {
    @Test(arguments: [("0", 300), ("999999", 300), ("100", 100)])
    func theOperatorsTimeLimitIsACeilingARequestMayLowerButNotRaise(asked: String, expected: Int) throws {
        let d = try Daemon(Daemon.standardArguments + ["--timeout-ms", "300"])
        d.request("1", "$/test/sleep", #"{"ms":20000,"timeoutMs":\#(asked)}"#)
        let r = try #require(d.next(timeout: 30))
        #expect(r.errorCode == -32800)
        #expect(r["error"]?["data"]?["reason"]?.stringValue == "timeout")
        #expect(r["error"]?["data"]?["timeoutMs"]?.intValue == expected)
    }

    @Test func aRequestQueuedBehindASlowOneTimesOutAndIsAnsweredBeforeIt() throws {
        // One worker: the second sleep waits for the first. Its time counts from its arrival, and
        // its time limit answers it while it is still queued, so its reply comes first.
        let d = try Daemon(Daemon.standardArguments + ["--workers", "1"])
        d.request("\"slow\"", "$/test/sleep", #"{"ms":4000}"#)
        d.request("\"queued\"", "$/test/sleep", #"{"ms":1,"timeoutMs":200}"#)
        let first = try #require(d.next(timeout: 30))
        #expect(first.idText == "\"queued\"")
        #expect(first.errorCode == -32800)
        #expect(first["error"]?["data"]?["timeoutMs"]?.intValue == 200)
        #expect(d.next(timeout: 30)?.idText == "\"slow\"")
    }

    @Test func cancellingAQueuedRequestAnswersItAtOnce() throws {
        let d = try Daemon(Daemon.standardArguments + ["--workers", "1"])
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
        let d = try Daemon()
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
}
