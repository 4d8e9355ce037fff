import TIQCore
import TIQEngine
import TIQWire

/// `check {q}` → `{diagnostics:[…]}`: syntax, names and types, without evaluating.
enum CheckMethod: MethodHandler {
    static let method = "check"

    static func handle(_ request: RequestContext) async throws -> [UInt8] {
        let q = try request.params.string("q")
        let diagnostics = Engine(snapshot: request.snapshot).check(q)
        return resultObject { w in
            w.key("diagnostics")
            w.value(DiagnosticJSON.array(diagnostics))
        }
    }
}
