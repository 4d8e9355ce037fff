import Testing
import TIQCore
import TIQEngine
import TIQWire
@testable import TIQProtocol

/// The wire form of the params and results, pinned byte for byte against hand-written JSON, and
/// the -32602 each params decoder gives for a bad field.
@Suite struct CodingTests {
    static func params(_ method: String, _ json: String) throws -> Params {
        try Params(method: method, params: try JSONParser.parse(json))
    }

    static func text(_ result: some MethodResult) -> String { String(decoding: result.jsonBytes, as: UTF8.self) }

    @Test func queryParamsDecodeWithDefaultsAndNameTheBadField() throws {
        let p = try QueryParams(Self.params("query", #"{"q":"from x","limit":3}"#))
        #expect(p.q == "from x" && p.format == .rows && p.limit == 3)
        #expect(try QueryParams(Self.params("query", #"{"q":"x","format":"wide"}"#)).format == .wide)
        #expect(throws: ResponseError.self) { try QueryParams(Self.params("query", #"{"q":"x","format":"tall"}"#)) }
        do {
            _ = try QueryParams(Self.params("query", #"{"q":"x","limit":-1}"#))
            Issue.record("a negative limit was accepted")
        } catch let error as ResponseError {
            #expect(error.code == .invalidParams)
            #expect(error.message.contains("params.limit"))
        }
    }

    @Test func cursorParamsRefuseAnOffsetInsideACharacter() throws {
        // "é" is two UTF-8 bytes: offset 1 falls inside it.
        #expect(try CursorParams(Self.params("hover", #"{"q":"é","cursor":2}"#)).cursor == 2)
        do {
            _ = try CursorParams(Self.params("hover", #"{"q":"é","cursor":1}"#))
            Issue.record("a cursor inside a character was accepted")
        } catch let error as ResponseError {
            #expect(error.message.contains("multi-byte"))
        }
        #expect(throws: ResponseError.self) { try CursorParams(Self.params("hover", #"{"q":"é","cursor":3}"#)) }
    }

    @Test func lookupParamsHaveTheirDocumentedDefaultsAndBounds() throws {
        let p = try LookupParams(Self.params("lookup", #"{"name":"Lyon"}"#))
        #expect(p.limit == 10 && p.match == .similar && p.level == nil)
        #expect(throws: ResponseError.self) { try LookupParams(Self.params("lookup", #"{"name":"Lyon","limit":1001}"#)) }
        #expect(throws: ResponseError.self) { try LookupParams(Self.params("lookup", #"{"name":"Lyon","match":"exact"}"#)) }
    }

    @Test func loadAndSleepParams() throws {
        let load = try LoadParams(Self.params("load", #"{"path":"mini","progressToken":"t"}"#))
        #expect(load.path == "mini" && load.progressToken == .string("t"))
        #expect(throws: ResponseError.self) { try LoadParams(Self.params("load", "{}")) }
        #expect(throws: ResponseError.self) { try SleepParams(Self.params("$/test/sleep", #"{"ms":600001}"#)) }
    }

    @Test func resultsEncodeExactly() {
        #expect(Self.text(NullResult()) == "null")
        #expect(Self.text(StatusResult(snapshot: 2, origin: "demo", uptimeMs: 5, requestsServed: 1, inFlight: 1, memoryBytes: nil))
            == #"{"snapshot":2,"origin":"demo","uptimeMs":5,"requestsServed":1,"inFlight":1,"memoryBytes":null}"#)
        #expect(Self.text(ExplainResult(plan: [PlanStep(name: "scan", detail: "epci", rows: 3), PlanStep(name: "show", detail: "name")]))
            == #"{"plan":[{"name":"scan","detail":"epci","rows":3},{"name":"show","detail":"name"}]}"#)
        let span = SourceSpan(start: 5, end: 8, line: 1, column: 6, endLine: 1, endColumn: 9)
        #expect(Self.text(HoverResult(info: HoverInfo(markdown: "**x**", span: span)))
            == #"{"markdown":"**x**","span":{"start":5,"end":8,"line":1,"col":6,"endLine":1,"endCol":9}}"#)
        #expect(Self.text(HoverResult(info: nil)) == "null")
        #expect(Self.text(CompleteResult(items: [CompletionItem(label: "where", kind: "keyword", replace: 2..<4)]))
            == #"{"items":[{"label":"where","kind":"keyword","insertText":"where","replace":{"start":2,"end":4}}]}"#)
        #expect(Self.text(LookupResult(matches: [.init(level: "epci", code: "200", name: "Lyon", label: "Lyon", score: 1)]))
            == #"{"matches":[{"level":"epci","code":"200","name":"Lyon","label":"Lyon","score":1}]}"#)
        #expect(Self.text(CheckResult(diagnostics: [])) == #"{"diagnostics":[]}"#)
    }
}
