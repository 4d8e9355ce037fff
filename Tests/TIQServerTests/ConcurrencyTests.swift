import Foundation
import Testing
import TIQWire

/// Pipelining, out-of-order replies, cancellation and time limits, over real pipes.
@Suite(.serialized) struct ConcurrencyTests {
    @Test func thousandsOfPipelinedRequestsEachGetExactlyOneReply() throws {
        let d = Daemon.inProcess()
        let count = 3000
        var batch = ""
        for i in 0..<count {
            switch i % 4 {
            case 0: batch += #"{"jsonrpc":"2.0","id":\#(i),"method":"status"}"# + "\n"
            case 1: batch += #"{"jsonrpc":"2.0","id":"s\#(i)","method":"check","params":{"q":"from emploi_ind at epci"}}"# + "\n"
            case 2: batch += #"{"jsonrpc":"2.0","id":\#(i),"method":"catalog","params":{"level":"epci"}}"# + "\n"
            default: batch += #"{"jsonrpc":"2.0","id":\#(i),"method":"nope"}"# + "\n"
            }
        }
        d.sendBytes(Array(batch.utf8))
        var seen: [String: Int] = [:]
        for _ in 0..<count {
            guard let r = d.next(timeout: 60), let id = r.idText else { break }
            seen[id, default: 0] += 1
        }
        #expect(seen.count == count)
        #expect(seen.values.allSatisfy { $0 == 1 })
        for i in 0..<count {
            let key = i % 4 == 1 ? "\"s\(i)\"" : String(i)
            #expect(seen[key] == 1, "id \(key)")
            if seen[key] != 1 { break }
        }
        #expect(d.isQuiet(for: 0.3))
    }

    @Test func aSlowRequestDoesNotHoldUpAFastOne() throws {
        let d = Daemon.inProcess(Daemon.standardArguments + ["--workers", "1"])
        d.request("\"slow\"", "$/test/sleep", #"{"ms":1500}"#)
        d.request("\"fast\"", "status")
        d.request("\"check\"", "check", #"{"q":"from emploi_ind"}"#)
        let start = Date()
        let first = try #require(d.next())
        let second = try #require(d.next())
        #expect(Set([first.idText, second.idText]) == ["\"fast\"", "\"check\""])
        #expect(Date().timeIntervalSince(start) < 1.0)
        #expect(d.next()?.idText == "\"slow\"")
    }

    @Test func cancelRequestAnswersMinus32800() throws {
        let d = Daemon.inProcess()
        d.request("1", "$/test/sleep", #"{"ms":20000}"#)
        Thread.sleep(forTimeInterval: 0.1)
        let start = Date()
        d.notify("$/cancelRequest", #"{"id":1}"#)
        let r = try #require(d.next())
        #expect(r.idText == "1")
        #expect(r.errorCode == -32800)
        #expect(r["error"]?["data"]?["reason"]?.stringValue == "cancelled")
        #expect(Date().timeIntervalSince(start) < 2)
        // A late cancel of a finished request is not an error: no reply, the daemon goes on.
        d.notify("$/cancelRequest", #"{"id":1}"#)
        d.request("2", "status")
        #expect(d.next()?.idText == "2")
        #expect(d.isQuiet(for: 0.2))
    }

    @Test func cancelByStringID() throws {
        let d = Daemon.inProcess()
        d.request(#""job-7""#, "$/test/sleep", #"{"ms":20000}"#)
        Thread.sleep(forTimeInterval: 0.05)
        d.notify("$/cancelRequest", #"{"id":"job-7"}"#)
        let r = try #require(d.next())
        #expect(r.idText == #""job-7""#)
        #expect(r.errorCode == -32800)
    }

    @Test func requestTimeLimitCancels() throws {
        let d = Daemon.inProcess()
        d.request("1", "$/test/sleep", #"{"ms":20000,"timeoutMs":100}"#)
        let start = Date()
        let r = try #require(d.next())
        #expect(r.errorCode == -32800)
        #expect(r["error"]?["data"]?["reason"]?.stringValue == "timeout")
        #expect(r["error"]?["data"]?["timeoutMs"]?.intValue == 100)
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test func daemonDefaultTimeLimitAppliesAndParamsMayLowerButNotRaiseIt() throws {
        // issue 14: `--timeout-ms` is a ceiling; a larger params.timeoutMs does not lift it.
        let d = Daemon.inProcess(Daemon.standardArguments + ["--timeout-ms", "100"])
        d.request("1", "$/test/sleep", #"{"ms":20000}"#)
        d.request("2", "$/test/sleep", #"{"ms":20000,"timeoutMs":5000}"#)
        d.request("3", "$/test/sleep", #"{"ms":20000,"timeoutMs":50}"#)
        let replies = d.replies(for: ["1", "2", "3"])
        #expect(replies["1"]?.errorCode == -32800)
        #expect(replies["2"]?.errorCode == -32800)
        #expect(replies["2"]?["error"]?["data"]?["timeoutMs"]?.intValue == 100)
        #expect(replies["3"]?["error"]?["data"]?["timeoutMs"]?.intValue == 50)
    }

    @Test func timeoutFiresEvenWhenEveryWorkerIsBusy() throws {
        let d = Daemon.inProcess(Daemon.standardArguments + ["--workers", "1"])
        d.request("1", "$/test/sleep", #"{"ms":20000,"timeoutMs":200}"#)
        let r = try #require(d.next(timeout: 5))
        #expect(r.errorCode == -32800)
    }
}
