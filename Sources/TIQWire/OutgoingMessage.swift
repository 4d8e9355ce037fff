/// Builds the lines the server sends: replies and notifications, each one compact JSON
/// object without a trailing newline (the writer adds it).
public enum OutgoingMessage {
    /// `{"jsonrpc":"2.0","id":…,"result":…}` where `result` is already JSON text.
    public static func success(id: RequestID, resultJSON: [UInt8]) -> [UInt8] {
        var w = JSONWriter(capacity: resultJSON.count + 48)
        w.beginObject()
        w.member("jsonrpc", "2.0")
        w.key("id")
        w.raw(id.rawJSON.utf8)
        w.key("result")
        w.raw(resultJSON)
        w.endObject()
        return w.bytes
    }

    /// `{"jsonrpc":"2.0","id":…,"error":{…}}`.
    public static func failure(id: RequestID, error: ResponseError) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.member("jsonrpc", "2.0")
        w.key("id")
        w.raw(id.rawJSON.utf8)
        w.key("error")
        error.write(to: &w)
        w.endObject()
        return w.bytes
    }

    /// `{"jsonrpc":"2.0","method":…,"params":…}`.
    public static func notification(method: String, params: JSONValue) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.member("jsonrpc", "2.0")
        w.member("method", method)
        w.key("params")
        w.value(params)
        w.endObject()
        return w.bytes
    }

    /// A batch reply: the replies, already JSON, inside one array.
    public static func batch(_ replies: [[UInt8]]) -> [UInt8] {
        var w = JSONWriter(capacity: replies.reduce(2) { $0 + $1.count + 1 })
        w.beginArray()
        for r in replies { w.raw(r) }
        w.endArray()
        return w.bytes
    }
}
