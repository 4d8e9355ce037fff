import TIQCore
import TIQEngine
import TIQProtocol
import TIQWire

/// `complete {q, cursor}` → `{items:[{label, kind, detail?, insertText, replace:{start,end}}]}`.
enum CompleteMethod: InlineMethodHandler {
    static let method = "complete"

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        let p = try CursorParams(request.params)
        let items = request.engine.complete(p.q, cursor: p.cursor)
        return resultObject { w in
            w.key("items")
            w.beginArray()
            for item in items {
                w.beginObject()
                w.member("label", item.label)
                w.member("kind", item.kind)
                if let detail = item.detail { w.member("detail", detail) }
                w.member("insertText", item.insertText)
                w.key("replace")
                w.beginObject()
                w.member("start", item.replace.lowerBound)
                w.member("end", item.replace.upperBound)
                w.endObject()
                w.endObject()
            }
            w.endArray()
        }
    }
}

/// Reads `q` and `cursor` (a UTF-8 byte offset into `q`, at a character boundary).
struct CursorParams {
    /// The query text.
    var q: String
    /// The byte offset of the cursor.
    var cursor: Int

    init(_ p: Params) throws(ResponseError) {
        q = try p.string("q")
        let length = q.utf8.count
        cursor = try p.int("cursor", in: 0...length)
        let bytes = Array(q.utf8)
        if cursor < length && bytes[cursor] & 0xC0 == 0x80 {
            throw .invalidParams("`params.cursor` of `\(p.method)` (\(cursor)) falls inside a multi-byte character; the cursor is a UTF-8 byte offset at a character boundary")
        }
    }
}
