import Foundation
import Testing
import TIQWire

/// `tiq lsp` runs on the same endpoint as `tiq serve`, so it passes the same robustness tests:
/// bad JSON, unknown methods, cancellation, concurrency, the stdout guard, and a long check that
/// does not hold up a hover. Real pipes, `Content-Length` framing; the method logic runs on the
/// endpoint inside the test process, the stdout guard and the stderr log on a real `tiq lsp`.
@Suite(.serialized) struct LanguageServerEndpointTests {
    static let uri = "file:///tmp/tiq-endpoint-test/q.tiq"
    static let data = ["--data", "Tests/TIQServerTests/Fixtures/mini"]

    /// A language server past `initialize`: in the test process, or a spawned `tiq lsp`.
    static func initialized(_ extra: [String] = [], inProcess: Bool = true) throws -> Daemon {
        let d = inProcess ? Daemon.inProcess(languageServer: data + extra) : try Daemon(languageServer: data + extra)
        d.request("0", "initialize", #"{"capabilities":{}}"#)
        let r = try #require(d.next())
        #expect(r.result?["capabilities"]?["hoverProvider"] == .bool(true))
        return d
    }

    /// Opens `text` as the test document.
    static func open(_ d: Daemon, _ text: String) {
        d.notify("textDocument/didOpen", #"{"textDocument":{"uri":"\#(uri)","languageId":"tiq","version":1,"text":"\#(text)"}}"#)
    }

    /// A hover request at `line`:`character` of the test document.
    static func hover(_ d: Daemon, id: String, line: Int, character: Int) {
        d.request(id, "textDocument/hover", #"{"textDocument":{"uri":"\#(uri)"},"position":{"line":\#(line),"character":\#(character)}}"#)
    }

    @Test func badJSONUnknownMethodsAndInvalidRequestsAreAnsweredAndTheServerGoesOn() throws {
        let d = try Self.initialized()
        d.send("{not json")
        let parse = try #require(d.next())
        #expect(parse["id"] == .null)
        #expect(parse.errorCode == -32700)
        d.request("2", "no/such/method")
        let unknown = try #require(d.next())
        #expect(unknown.idText == "2")
        #expect(unknown.errorCode == -32601)
        #expect(unknown.errorMessage.contains("textDocument/hover"))
        d.send(#"{"jsonrpc":"2.0","id":3,"method":7}"#)
        let invalid = try #require(d.next())
        #expect(invalid.idText == "3")
        #expect(invalid.errorCode == -32600)
        d.request("4", "textDocument/hover", #"{"position":{}}"#)
        let badParams = try #require(d.next())
        #expect(badParams.errorCode == -32602)
        // Still serving: a hover on an indicator of the fixture.
        Self.open(d, "from emploi_ind at epci")
        Self.hover(d, id: "5", line: 0, character: 7)
        let hover = try #require(d.replies(for: ["5"])["5"])
        #expect(hover.result?["contents"]?["value"]?.stringValue?.contains("emploi_ind") == true)
        d.request("6", "shutdown")
        #expect(d.replies(for: ["6"])["6"]?.result == .null)
        d.notify("exit")
        #expect(d.waitForExit() == 0)
    }

    @Test func requestsBeforeInitializeAreRefusedWithMinus32002() throws {
        let d = Daemon.inProcess(languageServer: Self.data)
        Self.hover(d, id: "1", line: 0, character: 0)
        #expect(try #require(d.next()).errorCode == -32002)
        d.closeInput()
        #expect(d.waitForExit() == 1)  // the input ended without `shutdown`
    }

    @Test func aSlowRequestDoesNotHoldUpAHoverAndCancelRequestAnswersMinus32800() throws {
        let d = try Self.initialized(["--test-methods"])
        Self.open(d, "from emploi_ind at epci")
        d.request("\"slow\"", "$/test/sleep", #"{"ms":60000}"#)
        Self.hover(d, id: "\"hover\"", line: 0, character: 7)
        // The hover is answered while the slow request runs: it comes first.
        let first = try #require(d.nextReply())
        #expect(first.idText == "\"hover\"")
        d.notify("$/cancelRequest", #"{"id":"slow"}"#)
        let cancelled = try #require(d.replies(for: ["\"slow\""])["\"slow\""])
        #expect(cancelled.errorCode == -32800)
        #expect(cancelled["error"]?["data"]?["reason"]?.stringValue == "cancelled")
    }

    @Test func aLongCheckDoesNotBlockHover() throws {
        // Every check takes at least 60 s: the hover must be answered long before.
        let d = try Self.initialized(["--test-check-delay-ms", "60000"])
        Self.open(d, "from emploi_ind at epci")
        Self.hover(d, id: "7", line: 0, character: 7)
        let first = try #require(d.next(timeout: 30))
        #expect(first.idText == "7", "got \(first.jsonText.prefix(200)) before the hover's reply")
        #expect(first.result?["contents"] != nil)
    }

    @Test func checksPublishInTheOrderOfTheEditsAndStaleOnesAreDropped() throws {
        let d = try Self.initialized()
        Self.open(d, "from emploi_indus at epci")
        d.notify("textDocument/didChange", #"{"textDocument":{"uri":"\#(Self.uri)","version":2},"contentChanges":[{"text":"from emploi_ind at epci"}]}"#)
        // Whatever was published first, the last word is the fixed text's: no diagnostics.
        var last: JSONValue?
        while let message = d.next(timeout: 3) {
            if message["method"]?.stringValue == "textDocument/publishDiagnostics" { last = message }
        }
        #expect(last?["params"]?["diagnostics"] == .array([]))
    }

    @Test func strayPrintsGoToStderrNotToTheProtocolStream() throws {
        let d = try Self.initialized(["--test-methods"], inProcess: false)
        d.request("1", "$/test/print", #"{"text":"STRAY-OUTPUT"}"#)
        #expect(try #require(d.next()).result == .null)
        d.request("2", "shutdown")
        _ = d.next()
        d.notify("exit")
        #expect(d.waitForExit() == 0)
        #expect(d.stderrText.contains("STRAY-OUTPUT"))
        #expect(!String(decoding: d.rawStdout, as: UTF8.self).contains("STRAY-OUTPUT"))
    }

    @Test func aTruncatedMessageStopsWithExitCode1AndSaysWhy() throws {
        let d = try Daemon(languageServer: Self.data)
        d.sendBytes(Array("Content-Length: 100\r\n\r\n{\"jsonrpc\"".utf8))
        d.closeInput()
        #expect(d.waitForExit() == 1)
        #expect(d.stderrText.contains("input ended after 10 of 100 body bytes"))
        #expect(d.rawStdout.isEmpty)
    }

    @Test func runQueryReadsOnlyTiqFilesFromDisk() throws {
        let d = try Self.initialized()
        d.request("1", "workspace/executeCommand", #"{"command":"tiq.runQuery","arguments":["file:///proc/self/environ",0]}"#)
        let r = try #require(d.nextReply())
        #expect(r.errorCode == -32602)
        #expect(!r.errorMessage.contains("PATH="))
        d.request("2", "workspace/executeCommand", #"{"command":"tiq.runQuery","arguments":["file:///no/such/dir/q.tiq",0]}"#)
        let missing = try #require(d.nextReply())
        // The same refusal whether or not the path exists.
        #expect(missing.errorMessage.replacingOccurrences(of: "file:///no/such/dir/q.tiq", with: "X")
            == r.errorMessage.replacingOccurrences(of: "file:///proc/self/environ", with: "X"))
    }
}
