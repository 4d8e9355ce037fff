import Testing
@testable import TIQWire

@Suite struct JSONRPCDecoderTests {
    let decoder = JSONRPCDecoder()

    func decode(_ text: String) -> DecodedLine { decoder.decode(Array(text.utf8)) }

    func single(_ text: String) -> IncomingMessage? {
        if case .single(let m) = decode(text) { return m }
        return nil
    }

    func errorCode(_ text: String) -> (RequestID, Int)? {
        if case .invalid(let id, let e)? = single(text) { return (id, e.code.rawValue) }
        return nil
    }

    @Test(arguments: [#""abc""#, "12345678901234567890123", "1.5", "-0", "7e3", #""a\u0062""#, "0"])
    func requestIDKeepsRawText(raw: String) throws {
        guard case .request(let id, let method, _)? = single(#"{"jsonrpc":"2.0","id":"# + raw + #","method":"status"}"#) else {
            Issue.record("not a request")
            return
        }
        #expect(id.rawJSON == raw)
        #expect(method == "status")
        let reply = OutgoingMessage.success(id: id, resultJSON: Array("{}".utf8))
        #expect(String(decoding: reply, as: UTF8.self) == #"{"jsonrpc":"2.0","id":"# + raw + #","result":{}}"#)
    }

    @Test func stringIDsCompareByValue() throws {
        let a = try #require(RequestID(rawJSON: #""ab""#, value: .string("ab")))
        let b = try #require(RequestID(rawJSON: #""a\u0062""#, value: .string("ab")))
        #expect(a == b)
        #expect(RequestID(1) != RequestID("1"))
        #expect(RequestID(.number(JSONNumber(validatedText: "12345678901234567890"))) != RequestID(.number(JSONNumber(validatedText: "12345678901234567891"))))
    }

    @Test func notificationHasNoID() {
        #expect(single(#"{"jsonrpc":"2.0","method":"exit"}"#) == .notification(method: "exit", params: nil))
    }

    @Test func nullIDIsARequest() {
        guard case .request(let id, _, _)? = single(#"{"jsonrpc":"2.0","id":null,"method":"x"}"#) else {
            Issue.record("not a request")
            return
        }
        #expect(id.isNull)
    }

    @Test func parseErrorsHaveNullID() {
        for bad in ["{", "{\"jsonrpc\":\"2.0\",}", "[1,2", "nope"] {
            let r = errorCode(bad)
            #expect(r?.0.isNull == true)
            #expect(r?.1 == -32700, "\(bad)")
        }
        if case .single(.invalid(_, let e)) = decoder.decode([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) {
            #expect(e.code == .parseError)
        } else {
            Issue.record("invalid UTF-8 not a parse error")
        }
    }

    @Test func invalidRequestsKeepTheirIDWhenReadable() {
        #expect(errorCode(#"{"jsonrpc":"1.0","id":3,"method":"x"}"#).map { [$0.0.rawJSON, String($0.1)] } == ["3", "-32600"])
        #expect(errorCode(#"{"jsonrpc":"2.0","id":4}"#).map { [$0.0.rawJSON, String($0.1)] } == ["4", "-32600"])
        #expect(errorCode(#"{"jsonrpc":"2.0","id":5,"method":1}"#).map { [$0.0.rawJSON, String($0.1)] } == ["5", "-32600"])
        #expect(errorCode(#"{"jsonrpc":"2.0","id":6,"method":"x","params":3}"#).map { [$0.0.rawJSON, String($0.1)] } == ["6", "-32600"])
        #expect(errorCode(#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#).map { [$0.0.rawJSON, String($0.1)] } == ["null", "-32600"])
        #expect(errorCode(#"{"id":7,"method":"x"}"#).map { [$0.0.rawJSON, String($0.1)] } == ["7", "-32600"])
        #expect(errorCode("42").map { String($0.1) } == "-32600")
    }

    @Test func batches() {
        #expect(errorCode("[]").map { [$0.0.rawJSON, String($0.1)] } == ["null", "-32600"])
        guard case .batch(let items) = decode(#"[{"jsonrpc":"2.0","id":1,"method":"a"}, 1, {"jsonrpc":"2.0","method":"n"}]"#) else {
            Issue.record("not a batch")
            return
        }
        #expect(items.count == 3)
        #expect(items[0] == .request(id: RequestID(1), method: "a", params: nil))
        if case .invalid(_, let e) = items[1] { #expect(e.code == .invalidRequest) } else { Issue.record("element 1") }
        #expect(items[2] == .notification(method: "n", params: nil))
        // A batch that is not valid JSON is one parse error.
        #expect(errorCode(#"[{"jsonrpc":"2.0","id":1,"method":"a"},"#).map { $0.1 } == -32700)
    }

    @Test func depthLimitIsAParseError() {
        let d = JSONRPCDecoder(maxDepth: 4)
        let line = #"{"jsonrpc":"2.0","id":1,"method":"x","params":{"a":[[[1]]]}}"#
        if case .single(.invalid(_, let e)) = d.decode(Array(line.utf8)) {
            #expect(e.code == .parseError)
            #expect(e.message.contains("deeper than 4"))
        } else {
            Issue.record("depth not enforced")
        }
    }
}

/// The exact text of what the server sends, pinned.
@Suite struct OutgoingMessageTests {
    @Test func success() {
        let line = OutgoingMessage.success(id: RequestID("a"), resultJSON: Array(#"{"x":1}"#.utf8))
        #expect(String(decoding: line, as: UTF8.self) == #"{"jsonrpc":"2.0","id":"a","result":{"x":1}}"#)
    }

    @Test func failureWithAndWithoutData() {
        let plain = OutgoingMessage.failure(id: .null, error: ResponseError(.parseError, "bad \"json\""))
        #expect(String(decoding: plain, as: UTF8.self) == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad \"json\""}}"#)
        let withData = OutgoingMessage.failure(id: RequestID(3), error: ResponseError(ErrorCode(2), "E201", data: .object(["diagnostics": .array([])])))
        #expect(String(decoding: withData, as: UTF8.self) == #"{"jsonrpc":"2.0","id":3,"error":{"code":2,"message":"E201","data":{"diagnostics":[]}}}"#)
    }

    @Test func notificationAndBatch() {
        let n = OutgoingMessage.notification(method: "$/progress", params: .object(["token": .number(1)]))
        #expect(String(decoding: n, as: UTF8.self) == #"{"jsonrpc":"2.0","method":"$/progress","params":{"token":1}}"#)
        let b = OutgoingMessage.batch([Array("1".utf8), Array("2".utf8)])
        #expect(String(decoding: b, as: UTF8.self) == "[1,2]")
    }
}
