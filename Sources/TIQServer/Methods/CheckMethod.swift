import TIQCore
import TIQEngine
import TIQProtocol
import TIQWire

/// `check {q}` → `{diagnostics:[…]}`: syntax, names and types, without evaluating.
enum CheckMethod: InlineMethodHandler {
    static let method = "check"

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        let q = try request.params.string("q")
        let diagnostics = request.engine.check(q)
        return resultObject { w in
            w.key("diagnostics")
            w.value(DiagnosticJSON.array(diagnostics))
        }
    }
}
