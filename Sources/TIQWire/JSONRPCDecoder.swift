/// Turns one line of bytes into JSON-RPC messages, keeping each id's raw text.
///
/// Every failure is mapped to the reply JSON-RPC prescribes: invalid JSON or UTF-8 is a
/// -32700 with a `null` id, the empty batch `[]` is one -32600, a batch element that is not a
/// request object is a -32600 in its slot, and a request with a bad `method`, `jsonrpc` or
/// `params` is a -32600 carrying its id when the id itself was readable.
public struct JSONRPCDecoder: Sendable {
    /// The deepest nesting accepted in a message.
    public var maxDepth: Int

    /// Creates a decoder.
    public init(maxDepth: Int = 64) { self.maxDepth = maxDepth }

    /// Decodes one line (without its terminator).
    public func decode(_ line: [UInt8]) -> DecodedLine {
        var parser = JSONParser(line, maxDepth: maxDepth)
        do throws(JSONParseError) {
            switch parser.peek() {
            case UInt8(ascii: "["):
                try parser.enterContainer()
                try parser.expect(UInt8(ascii: "["), "`[`")
                if parser.peek() == UInt8(ascii: "]") {
                    try parser.expect(UInt8(ascii: "]"), "`]`")
                    try parser.expectEnd()
                    return .single(.invalid(id: .null, error: .invalidRequest("an empty batch `[]` is not a valid request; send at least one request in the array")))
                }
                var messages: [IncomingMessage] = []
                while true {
                    messages.append(try decodeMessage(&parser))
                    if parser.peek() == UInt8(ascii: ",") {
                        try parser.expect(UInt8(ascii: ","), "`,`")
                        continue
                    }
                    try parser.expect(UInt8(ascii: "]"), "`,` or `]` in the batch array")
                    break
                }
                parser.leaveContainer()
                try parser.expectEnd()
                return .batch(messages)
            default:
                let message = try decodeMessage(&parser)
                try parser.expectEnd()
                return .single(message)
            }
        } catch {
            return .single(.invalid(id: .null, error: ResponseError(.parseError, "parse error: \(error.message) (byte \(error.offset) of the line)")))
        }
    }

    /// Decodes the message starting at the parser's position.
    private func decodeMessage(_ parser: inout JSONParser) throws(JSONParseError) -> IncomingMessage {
        guard parser.peek() == UInt8(ascii: "{") else {
            let value = try parser.parseValue()
            return .invalid(id: .null, error: .invalidRequest("a JSON-RPC message must be an object, got \(value.typeName)"))
        }
        try parser.enterContainer()
        try parser.expect(UInt8(ascii: "{"), "`{`")
        // The four members JSON-RPC defines, in locals (no dictionary per message); any other
        // member is parsed and ignored. A repeated member keeps its last value.
        var members = Members()
        if parser.peek() == UInt8(ascii: "}") {
            try parser.expect(UInt8(ascii: "}"), "`}`")
        } else {
            while true {
                guard parser.peek() == UInt8(ascii: "\"") else {
                    try parser.expect(UInt8(ascii: "\""), "a member name in double quotes")
                    break
                }
                let key = try parser.parseString()
                try parser.expect(UInt8(ascii: ":"), "`:` after a member name")
                parser.skipWhitespace()
                let start = parser.position
                let value = try parser.parseValue()
                switch key {
                case "id":
                    members.id = value
                    members.rawID = String(decoding: parser.bytes[start..<parser.position], as: UTF8.self)
                case "jsonrpc": members.jsonrpc = value
                case "method": members.method = value
                case "params": members.params = value
                default: break
                }
                if parser.peek() == UInt8(ascii: ",") {
                    try parser.expect(UInt8(ascii: ","), "`,`")
                    continue
                }
                try parser.expect(UInt8(ascii: "}"), "`,` or `}` in an object")
                break
            }
        }
        parser.leaveContainer()
        return validate(members)
    }

    /// The members of a message object that JSON-RPC gives a meaning to.
    private struct Members {
        var id: JSONValue?
        /// The id's text exactly as sent, echoed in the reply.
        var rawID: String?
        var jsonrpc: JSONValue?
        var method: JSONValue?
        var params: JSONValue?
    }

    /// Checks the members of a message object against JSON-RPC 2.0.
    private func validate(_ members: Members) -> IncomingMessage {
        var id: RequestID?
        if let idValue = members.id, let rawID = members.rawID {
            guard let parsed = RequestID(rawJSON: rawID, value: idValue) else {
                return .invalid(id: .null, error: .invalidRequest("`id` must be a string, a number or null, got \(idValue.typeName)"))
            }
            id = parsed
        }
        let replyID = id ?? .null
        guard let version = members.jsonrpc else {
            return .invalid(id: replyID, error: .invalidRequest("missing `\"jsonrpc\": \"2.0\"`"))
        }
        guard version == .string("2.0") else {
            return .invalid(id: replyID, error: .invalidRequest("`jsonrpc` must be the string \"2.0\", got \(version.jsonText)"))
        }
        guard let methodValue = members.method else {
            return .invalid(id: replyID, error: .invalidRequest("missing `method` (a string naming the method to call)"))
        }
        guard case .string(let method) = methodValue else {
            return .invalid(id: replyID, error: .invalidRequest("`method` must be a string, got \(methodValue.typeName)"))
        }
        let params = members.params
        if let params {
            switch params {
            case .object, .array: break
            default:
                return .invalid(id: replyID, error: .invalidRequest("`params` must be an object or an array, got \(params.typeName)"))
            }
        }
        if let id { return .request(id: id, method: method, params: params) }
        return .notification(method: method, params: params)
    }
}
