import TIQCore
import TIQEngine
import TIQWire

/// `{q, cursor}`: the params of `complete` and `hover`; `cursor` is a UTF-8 byte offset into
/// `q` at a character boundary.
public struct CursorParams: MethodParams {
    /// The query text.
    public var q: String
    /// The byte offset of the cursor.
    public var cursor: Int

    public init(_ p: Params) throws(ResponseError) {
        q = try p.string("q")
        let length = q.utf8.count
        cursor = try p.int("cursor", in: 0...length)
        let bytes = Array(q.utf8)
        if cursor < length && bytes[cursor] & 0xC0 == 0x80 {
            throw .invalidParams("`params.cursor` of `\(p.method)` (\(cursor)) falls inside a multi-byte character; the cursor is a UTF-8 byte offset at a character boundary")
        }
    }
}

/// `complete` → `{items:[{label, kind, detail?, insertText, replace:{start,end}}]}`.
public struct CompleteResult: MethodResult {
    /// The completions, best first.
    public var items: [CompletionItem]

    /// A result.
    public init(items: [CompletionItem]) { self.items = items }

    public func encode(into w: inout JSONWriter) {
        w.object { w in
            w.key("items")
            w.beginArray()
            for item in items {
                w.object { w in
                    w.member("label", item.label)
                    w.member("kind", item.kind)
                    if let detail = item.detail { w.member("detail", detail) }
                    w.member("insertText", item.insertText)
                    w.key("replace")
                    w.object { w in
                        w.member("start", item.replace.lowerBound)
                        w.member("end", item.replace.upperBound)
                    }
                }
            }
            w.endArray()
        }
    }
}

/// `hover` → `{markdown, span}`, or `null` when the cursor is on nothing known.
public struct HoverResult: MethodResult {
    /// What is under the cursor, if anything known.
    public var info: HoverInfo?

    /// A result.
    public init(info: HoverInfo?) { self.info = info }

    public func encode(into w: inout JSONWriter) {
        guard let info else {
            w.null()
            return
        }
        w.object { w in
            w.member("markdown", info.markdown)
            w.key("span")
            w.value(DiagnosticJSON.spanValue(info.span))
        }
    }
}
