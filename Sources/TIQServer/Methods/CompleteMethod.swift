import TIQProtocol
import TIQWire

/// `complete {q, cursor}` → `CompleteResult`.
enum CompleteMethod: InlineMethodHandler {
    static let method = "complete"

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        let p = try CursorParams(request.params)
        return CompleteResult(items: request.engine.complete(p.q, cursor: p.cursor)).jsonBytes
    }
}
