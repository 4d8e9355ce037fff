import Foundation
import Testing
import TIQWire

/// `tiq lsp` is linear in the document, and refuses documents over its limit with a clear error.
/// The endpoint runs in the test process on real pipes; no timing assertion: the elapsed times are printed.
@Suite(.serialized) struct LanguageServerSizeTests {
    static let uri = "file:///tmp/tiq-size-test/big.tiq"

    /// One query with one misspelt attribute (`nmae`) on its second line.
    static let unit = "from emploi_ind at epci\n| where nmae > 3\n| sort value desc\n\n"

    /// `text` as a JSON string body (only `\n` needs escaping in these documents).
    static func json(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\\n") }

    /// The diagnostics published for `uri`, skipping other messages.
    static func diagnostics(_ d: Daemon, timeout: Double) -> [JSONValue]? {
        while let m = d.next(timeout: timeout) {
            if m["method"]?.stringValue == "textDocument/publishDiagnostics", m["params"]?["uri"]?.stringValue == uri {
                return m["params"]?["diagnostics"]?.arrayValue
            }
        }
        return nil
    }

    @Test func aOneMegabyteDocumentIsCheckedAndAnswered() throws {
        let copies = (1 << 20) / Self.unit.utf8.count
        let text = String(repeating: Self.unit, count: copies)
        let d = try LanguageServerEndpointTests.initialized()
        let clock = ContinuousClock()
        let start = clock.now
        d.notify("textDocument/didOpen", #"{"textDocument":{"uri":"\#(Self.uri)","languageId":"tiq","version":1,"text":"\#(Self.json(text))"}}"#)
        // A hover on `emploi_ind` in the last query: line 4 × (copies - 1), character 7.
        let lastQuery = 4 * (copies - 1)
        d.request("1", "textDocument/hover", #"{"textDocument":{"uri":"\#(Self.uri)"},"position":{"line":\#(lastQuery),"character":7}}"#)
        var hover: JSONValue?
        var diagnostics: [JSONValue]?
        while hover == nil || diagnostics == nil, let m = d.next(timeout: 600) {
            if m.idText == "1" { hover = m; print("lsp 1 MB: hover after \(clock.now - start)") }
            if m["method"]?.stringValue == "textDocument/publishDiagnostics" {
                diagnostics = m["params"]?["diagnostics"]?.arrayValue
                print("lsp 1 MB: \(diagnostics?.count ?? 0) diagnostics after \(clock.now - start)")
            }
        }
        #expect(hover?.result?["contents"]?["value"]?.stringValue?.contains("emploi_ind") == true, "\(hover?.jsonText ?? "no hover")")
        let found = try #require(diagnostics)
        // Every query has the same diagnostics, so they come in `copies` equal groups, and the
        // last one points at `nmae` in the last query: its line and column counted here.
        #expect(found.count % copies == 0 && found.count >= copies, "\(found.count) diagnostics for \(copies) queries")
        let atName = found.filter { $0["message"]?.stringValue?.contains("nmae") == true }
        #expect(atName.count == copies)
        let last = try #require(atName.last?["range"]?["start"])
        let column = Self.unit.split(separator: "\n")[1].utf8.count - "nmae > 3".utf8.count
        #expect(last["line"]?.intValue == lastQuery + 1 && last["character"]?.intValue == column, "\(last.jsonText)")
    }

    @Test func aDocumentOverTheLimitIsRefusedWithOneDiagnostic() throws {
        let text = String(repeating: Self.unit, count: (5 << 20) / Self.unit.utf8.count)
        let d = try LanguageServerEndpointTests.initialized()
        d.notify("textDocument/didOpen", #"{"textDocument":{"uri":"\#(Self.uri)","languageId":"tiq","version":1,"text":"\#(Self.json(text))"}}"#)
        let found = try #require(Self.diagnostics(d, timeout: 120))
        #expect(found.count == 1)
        let message = found.first?["message"]?.stringValue ?? ""
        #expect(message.contains("\(text.utf8.count) bytes") && message.contains("split"), "\(message)")
        d.request("2", "textDocument/hover", #"{"textDocument":{"uri":"\#(Self.uri)"},"position":{"line":0,"character":7}}"#)
        let hover = try #require(d.replies(for: ["2"], timeout: 120)["2"])
        #expect(hover.errorCode == -32602 && hover.errorMessage.contains("split"), "\(hover.jsonText)")
        // A smaller version of the same document is checked again.
        d.notify("textDocument/didChange", #"{"textDocument":{"uri":"\#(Self.uri)","version":2},"contentChanges":[{"text":"\#(Self.json(Self.unit))"}]}"#)
        let again = try #require(Self.diagnostics(d, timeout: 120))
        #expect(again.contains { $0["message"]?.stringValue?.contains("nmae") == true })
    }
}
