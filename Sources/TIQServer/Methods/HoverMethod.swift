import TIQCore
import TIQEngine
import TIQProtocol
import TIQWire

/// `hover {q, cursor}` → `{markdown, span}`, or `null` when the cursor is on nothing known.
enum HoverMethod: InlineMethodHandler {
    static let method = "hover"

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        let p = try CursorParams(request.params)
        guard let info = request.engine.hover(p.q, cursor: p.cursor) else { return Array("null".utf8) }
        return resultObject { w in
            w.member("markdown", info.markdown)
            w.key("span")
            w.value(DiagnosticJSON.spanValue(info.span))
        }
    }
}
