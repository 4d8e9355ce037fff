import Foundation
import Testing
import TIQWire

/// Startup, shutdown, exit codes and the stdout guard.
@Suite struct LifecycleTests {
    @Test func shutdownThenExitExitsZero() throws {
        let d = try Daemon()
        d.request("1", "initialize")
        #expect(d.next()?.result?["serverInfo"]?["name"]?.stringValue == "tiq")
        d.request("2", "shutdown")
        let r = try #require(d.next())
        #expect(r.idText == "2")
        #expect(r.result == .null)
        d.request("3", "status")
        #expect(d.next()?.errorCode == -32600)
        d.notify("exit")
        #expect(d.waitForExit() == 0)
    }

    @Test func shutdownAndExitSentBackToBackExitZeroAfterTheReply() throws {
        let d = try Daemon()
        d.send(#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"# + "\n" + #"{"jsonrpc":"2.0","method":"exit"}"#)
        #expect(d.waitForExit() == 0)
        #expect(d.next(timeout: 1)?.idText == "1")
    }

    @Test func exitWithoutShutdownExitsOne() throws {
        let d = try Daemon()
        d.request("1", "status")
        _ = d.next()
        d.notify("exit")
        #expect(d.waitForExit() == 1)
    }

    @Test func endOfInputAnswersWhatIsInFlightThenExitsCleanly() throws {
        let d = try Daemon()
        d.request("1", "$/test/sleep", #"{"ms":200}"#)
        d.request("2", "status")
        d.closeInput()
        let start = Date()
        let replies = d.replies(for: ["1", "2"], timeout: 3)
        #expect(replies["1"]?.result?["slept"]?.intValue == 200)
        #expect(replies["2"] != nil)
        #expect(d.waitForExit(timeout: 2) == 0)
        #expect(Date().timeIntervalSince(start) < 1.5)
    }

    @Test func endOfInputRightAfterAPipelinedScriptStillAnswersEveryRequest() throws {
        let d = try Daemon()
        let count = 5000
        var script = ""
        for i in 0..<count {
            script += i % 2 == 0
                ? #"{"jsonrpc":"2.0","id":\#(i),"method":"status"}"# + "\n"
                : #"{"jsonrpc":"2.0","id":\#(i),"method":"query","params":{"q":"from emploi_ind at epci"}}"# + "\n"
        }
        d.sendBytes(Array(script.utf8))
        d.closeInput()
        #expect(d.waitForExit(timeout: 60) == 0)
        var ids = Set<String>()
        while let r = d.next(timeout: 1) { if let id = r.idText { ids.insert(id) } }
        #expect(ids.count == count)
    }

    @Test func endOfInputCancelsLongRequestsWithinASecond() throws {
        let d = try Daemon()
        d.request("1", "$/test/sleep", #"{"ms":60000}"#)
        Thread.sleep(forTimeInterval: 0.1)
        let start = Date()
        d.closeInput()
        #expect(d.waitForExit(timeout: 3) == 0)
        #expect(Date().timeIntervalSince(start) < 1.5)
        let r = try #require(d.next(timeout: 1))
        #expect(r.errorCode == -32800)
        #expect(r["error"]?["data"]?["reason"]?.stringValue == "stopping")
    }

    @Test func stdoutHoldsNothingButJSONLines() throws {
        let d = try Daemon()
        d.request("1", "$/test/print", #"{"text":"STRAY PRINT"}"#)
        d.request("2", "initialize")
        d.send("garbage")
        d.request("3", "catalog")
        d.request("4", "load", #"{"path":"mini","progressToken":7}"#)
        _ = d.replies(for: ["1", "2", "3", "4"])
        d.request("5", "shutdown")
        _ = d.next()
        d.notify("exit")
        #expect(d.waitForExit() == 0)
        let raw = d.rawStdout
        #expect(raw.last == 0x0A)
        let lines = raw.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        #expect(lines.count >= 6)
        for line in lines {
            #expect(!line.isEmpty)
            let parsed = try? JSONParser.parse(Array(line))
            #expect(parsed?["jsonrpc"]?.stringValue == "2.0", "not a JSON-RPC line: \(String(decoding: line, as: UTF8.self))")
        }
        #expect(!String(decoding: raw, as: UTF8.self).contains("STRAY PRINT"))
        #expect(d.stderrText.contains("STRAY PRINT"))
    }

    @Test func initializeDescribesTheServerAndTheDataset() throws {
        let d = try Daemon()
        d.request("1", "initialize")
        let r = try #require(d.next()?.result)
        let methods = r["capabilities"]?["methods"]?.arrayValue?.compactMap(\.stringValue) ?? []
        for m in ["initialize", "shutdown", "query", "check", "explain", "complete", "hover", "catalog", "lookup", "load", "status"] {
            #expect(methods.contains(m), "\(m)")
        }
        #expect(r["capabilities"]?["formats"] == .array(["rows", "columns", "long", "wide"].map(JSONValue.string)))
        let dataset = try #require(r["dataset"])
        #expect(dataset["origin"]?.stringValue == "Tests/TIQServerTests/Fixtures/mini")
        let fixture = try FixtureCounts(directory: TestPaths.mini)
        #expect(dataset["indicators"]?.intValue == fixture.indicators)
        let levels = dataset["levels"]?.arrayValue ?? []
        var counts: [String: Int] = [:]
        for l in levels { counts[l["name"]?.stringValue ?? ""] = l["count"]?.intValue }
        #expect(counts == fixture.territoriesByLevel)
    }

    @Test func unknownDataDirectoryFailsAtStartupWithExitCode65() throws {
        let d = try Daemon(["--data", "Tests/TIQServerTests/Fixtures/does-not-exist"])
        #expect(d.waitForExit() == 65)
        #expect(d.rawStdout.isEmpty)
        #expect(d.stderrText.contains("does-not-exist"))
    }
}

/// Counts computed straight from a fixture's CSV files, independently of the loader.
struct FixtureCounts {
    var territoriesByLevel: [String: Int] = [:]
    var indicators = 0
    var indicatorCodes: [String] = []

    init(directory: String) throws {
        let territories = try String(contentsOfFile: directory + "/territories.csv", encoding: .utf8)
        for line in territories.split(separator: "\n").dropFirst() {
            territoriesByLevel[String(line.split(separator: ",", omittingEmptySubsequences: false)[0]), default: 0] += 1
        }
        let indicators = try String(contentsOfFile: directory + "/indicators.csv", encoding: .utf8)
        indicatorCodes = indicators.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        self.indicators = indicatorCodes.count
    }
}
