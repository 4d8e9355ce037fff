import Foundation
import Testing
import TIQWire

/// The JSON-RPC 2.0 rules, checked against `tiq serve`'s endpoint over pipes (in the test process).
@Suite struct JSONRPCRulesTests {
    @Test func parseErrorHasNullIDAndTheDaemonLivesOn() throws {
        let d = Daemon.inProcess()
        d.send("{not json")
        d.send(#"{"jsonrpc":"2.0","id":1,"method":"status"}"#)
        let first = try #require(d.next())
        #expect(first.errorCode == -32700)
        #expect(first.idText == "null")
        #expect(first.errorMessage.contains("byte 1"))
        #expect(d.next()?.idText == "1")
    }

    @Test func invalidUTF8IsAParseError() throws {
        let d = Daemon.inProcess()
        d.sendBytes(Array(#"{"jsonrpc":"2.0","id":1,"method":"check","params":{"q":""#.utf8) + [0xC3, 0x28] + Array("\"}}\n".utf8))
        d.request("2", "status")
        let r = try #require(d.next())
        #expect(r.errorCode == -32700)
        #expect(r.idText == "null")
        #expect(d.next()?.idText == "2")
    }

    @Test(arguments: [
        (#"{"jsonrpc":"2.0","id":7}"#, "7", "method"),
        (#"{"jsonrpc":"1.0","id":8,"method":"status"}"#, "8", "jsonrpc"),
        (#"{"id":9,"method":"status"}"#, "9", "jsonrpc"),
        (#"{"jsonrpc":"2.0","id":10,"method":["status"]}"#, "10", "method"),
        (#"{"jsonrpc":"2.0","id":11,"method":"status","params":"x"}"#, "11", "params"),
        (#"{"jsonrpc":"2.0","id":{"a":1},"method":"status"}"#, "null", "id"),
        ("17", "null", "object"),
    ])
    func invalidRequests(line: String, id: String, mentions: String) throws {
        let d = Daemon.inProcess()
        d.send(line)
        let r = try #require(d.next())
        #expect(r.errorCode == -32600)
        #expect(r.idText == id)
        #expect(r.errorMessage.contains(mentions))
    }

    @Test func methodNotFoundListsTheMethods() throws {
        let d = Daemon.inProcess()
        d.request("1", "qurey", #"{"q":"from x"}"#)
        let r = try #require(d.next())
        #expect(r.errorCode == -32601)
        #expect(r.errorMessage.contains("qurey"))
        #expect(r.errorMessage.contains("query"))
    }

    @Test(arguments: [
        ("query", "{}", "params.q"),
        ("query", #"{"q":5}"#, "params.q"),
        ("query", #"{"q":"x","format":"tsv"}"#, "params.format"),
        ("query", #"{"q":"x","limit":-1}"#, "params.limit"),
        ("query", #"{"q":"x","timeoutMs":"soon"}"#, "params.timeoutMs"),
        ("query", #"["from x"]"#, "object"),
        ("complete", #"{"q":"from","cursor":99}"#, "params.cursor"),
        ("complete", #"{"q":"é","cursor":1}"#, "params.cursor"),
        ("hover", #"{"q":"from"}"#, "params.cursor"),
        ("lookup", #"{"name":"x","level":"canton"}"#, "canton"),
        ("catalog", #"{"level":"canton"}"#, "canton"),
        ("load", "{}", "params.path"),
    ])
    func invalidParamsNameTheField(method: String, params: String, field: String) throws {
        let d = Daemon.inProcess()
        d.request("1", method, params)
        let r = try #require(d.next())
        #expect(r.errorCode == -32602, "\(r.jsonText)")
        #expect(r.errorMessage.contains(field), "\(r.errorMessage)")
    }

    @Test func internalErrorsAreReportedNotFatal() throws {
        let d = Daemon.inProcess()
        d.request("1", "$/test/fail")
        let r = try #require(d.next())
        #expect(r.errorCode == -32603)
        d.request("2", "status")
        #expect(d.next()?.idText == "2")
    }

    @Test(arguments: [#""abc""#, "12345678901234567890123456789", "1.50", "-0", "6.02e23", #""a\u00e9\/""#, "0", #""""#])
    func idsAreEchoedByteForByte(id: String) throws {
        let d = Daemon.inProcess()
        d.request(id, "status")
        let line = try #require(d.nextLine())
        #expect(line.hasPrefix(#"{"jsonrpc":"2.0","id":"# + id + ","), "\(line)")
    }

    @Test func notificationsNeverGetAReply() throws {
        let d = Daemon.inProcess()
        d.notify("status")
        d.notify("query", #"{"q":"from emploi_ind"}"#)
        d.notify("no/such/method")
        d.notify("$/cancelRequest", #"{"id":424242}"#)
        d.notify("$/cancelRequest", #"{"nope":1}"#)
        d.notify("initialized")
        d.request(#""last""#, "status")
        let r = try #require(d.next())
        #expect(r.idText == "\"last\"")
        #expect(d.isQuiet(for: 0.3))
    }

    @Test func batchRepliesComeAsOneArray() throws {
        let d = Daemon.inProcess()
        d.send(#"[{"jsonrpc":"2.0","id":1,"method":"status"},{"jsonrpc":"2.0","method":"status"},42,{"jsonrpc":"2.0","id":"b","method":"nope"},{"jsonrpc":"2.0","id":3,"method":"$/test/sleep","params":{"ms":50}}]"#)
        let r = try #require(d.next())
        let items = try #require(r.arrayValue)
        #expect(items.count == 4)
        let ids = Set(items.map { $0.idText ?? "?" })
        #expect(ids == ["1", "null", "\"b\"", "3"])
        #expect(items.first { $0.idText == "null" }?.errorCode == -32600)
        #expect(items.first { $0.idText == "\"b\"" }?.errorCode == -32601)
        #expect(items.first { $0.idText == "3" }?.result?["slept"]?.intValue == 50)
        #expect(items.first { $0.idText == "1" }?.result?["snapshot"] != nil)
    }

    @Test func allNotificationBatchGetsNoLine() throws {
        let d = Daemon.inProcess()
        d.send(#"[{"jsonrpc":"2.0","method":"status"},{"jsonrpc":"2.0","method":"initialized"}]"#)
        d.request(#""after""#, "status")
        #expect(d.next()?.idText == "\"after\"")
        #expect(d.isQuiet(for: 0.3))
    }

    @Test func emptyBatchIsOneInvalidRequest() throws {
        let d = Daemon.inProcess()
        d.send("[]")
        let r = try #require(d.next())
        #expect(r.arrayValue == nil)
        #expect(r.errorCode == -32600)
        #expect(r.idText == "null")
    }

    @Test func badLinesThenGoodOnes() throws {
        let d = Daemon.inProcess()
        d.send("}{")
        d.send("   ")
        d.send("")
        d.send(#"{"jsonrpc":"2.0","id":1,"method":"status",}"#)
        d.send("\u{1}")
        for i in 2...4 { d.request(String(i), "status") }
        let replies = (0..<6).compactMap { _ in d.next() }
        #expect(replies.prefix(3).map(\.errorCode) == [-32700, -32700, -32700])
        #expect(Set(replies.suffix(3).compactMap(\.idText)) == ["2", "3", "4"])
    }

    @Test func crlfLineEndingsAreAccepted() throws {
        let d = Daemon.inProcess()
        d.sendBytes(Array("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"status\"}\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"status\"}\r\n".utf8))
        #expect(Set(d.replies(for: ["1", "2"]).keys) == ["1", "2"])
        #expect(d.isQuiet(for: 0.2))
    }

    @Test func oversizeMessageGetsAClearErrorAndTheDaemonLivesOn() throws {
        let d = Daemon.inProcess(Daemon.standardArguments + ["--max-message-bytes", "1000"])
        let big = #"{"jsonrpc":"2.0","id":1,"method":"check","params":{"q":""# + String(repeating: "x", count: 50_000) + "\"}}"
        d.send(big)
        d.request("2", "check", #"{"q":"from emploi_ind"}"#)
        let r = try #require(d.next())
        #expect(r.errorCode == -32600)
        #expect(r.idText == "null")
        #expect(r.errorMessage.contains("--max-message-bytes"))
        #expect(d.next()?.idText == "2")
    }

    @Test func nestingBeyondMaxDepthIsRefused() throws {
        let d = Daemon.inProcess(Daemon.standardArguments + ["--max-depth", "5"])
        let deep = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        d.send(#"{"jsonrpc":"2.0","id":1,"method":"status","params":{"x":"# + deep + "}}")
        d.request("2", "status", #"{"x":[[1]]}"#)
        let r = try #require(d.next())
        #expect(r.errorCode == -32700)
        #expect(r.errorMessage.contains("deeper than 5"))
        #expect(d.next()?.idText == "2")
    }

    @Test func duplicateIDInFlightIsRefused() throws {
        let d = Daemon.inProcess()
        d.request("1", "$/test/sleep", #"{"ms":400}"#)
        d.request("1", "status")
        let first = try #require(d.next())
        #expect(first.errorCode == -32600)
        #expect(first.errorMessage.contains("already used"))
        #expect(d.next()?.result?["slept"]?.intValue == 400)
    }
}
