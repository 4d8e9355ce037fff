import TIQProtocol
import TIQWire

/// `hover {q, cursor}` → `HoverResult`: `{markdown, span}`, or `null` on nothing known.
enum HoverMethod: InlineMethodHandler {
    static let method = "hover"

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        let p = try CursorParams(request.params)
        return HoverResult(info: request.engine.hover(p.q, cursor: p.cursor)).jsonBytes
    }
}
