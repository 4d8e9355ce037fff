import TIQProtocol
import TIQWire

/// `check {q}` → `CheckResult`: syntax, names and types, without evaluating.
enum CheckMethod: InlineMethodHandler {
    static let method = "check"

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        let params = try QueryTextParams(request.params)
        return CheckResult(diagnostics: request.engine.check(params.q)).jsonBytes
    }
}
