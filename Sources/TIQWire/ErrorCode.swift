/// A JSON-RPC error code: an open set, so application codes sit beside the reserved ones.
public struct ErrorCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The numeric code sent on the wire.
    public let rawValue: Int
    /// Wraps a code.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Wraps a code.
    public init(_ rawValue: Int) { self.rawValue = rawValue }

    /// -32700: the line is not valid JSON (or not valid UTF-8). The reply's id is `null`.
    public static let parseError = ErrorCode(-32700)
    /// -32600: valid JSON that is not a JSON-RPC request (or a message over the size limit).
    public static let invalidRequest = ErrorCode(-32600)
    /// -32601: no such method.
    public static let methodNotFound = ErrorCode(-32601)
    /// -32602: the params are missing a field or have one of the wrong type; the message names it.
    public static let invalidParams = ErrorCode(-32602)
    /// -32603: a bug in the server.
    public static let internalError = ErrorCode(-32603)
    /// -32800: the request was cancelled by `$/cancelRequest` or its time limit (as in LSP).
    public static let requestCancelled = ErrorCode(-32800)
    /// -32002 (LSP ServerNotInitialized): a request other than `initialize` came first.
    public static let serverNotInitialized = ErrorCode(-32002)
    /// -32803 (LSP RequestFailed): the request was valid but could not be carried out.
    public static let requestFailed = ErrorCode(-32803)

    public var description: String { String(rawValue) }
}

/// The `error` object of a JSON-RPC reply: code, message and optional structured data.
public struct ResponseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The code.
    public var code: ErrorCode
    /// One sentence: what is wrong and how to fix it.
    public var message: String
    /// Structured details (`{"diagnostics": [...]}` for query failures), already JSON.
    public var data: JSONValue?

    /// Creates an error.
    public init(_ code: ErrorCode, _ message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// -32602 naming the offending field.
    public static func invalidParams(_ message: String) -> ResponseError { ResponseError(.invalidParams, message) }
    /// -32600.
    public static func invalidRequest(_ message: String) -> ResponseError { ResponseError(.invalidRequest, message) }
    /// -32803: valid, but it could not be carried out (the message says why).
    public static func requestFailed(_ message: String) -> ResponseError { ResponseError(.requestFailed, message) }
    /// -32603.
    public static func internalError(_ message: String) -> ResponseError { ResponseError(.internalError, message) }

    /// Writes `{"code":…,"message":…,"data":…}`.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.member("code", code.rawValue)
        w.member("message", message)
        if let data {
            w.key("data")
            w.value(data)
        }
        w.endObject()
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
