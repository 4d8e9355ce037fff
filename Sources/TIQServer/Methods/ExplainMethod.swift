import TIQProtocol
import TIQWire

/// `explain {q}` → `ExplainResult`; a query that does not check fails as `query` would.
enum ExplainMethod: MethodHandler {
    static let method = "explain"
    static let execution = MethodExecution.workers

    static func handle(_ request: RequestContext) async throws -> [UInt8] {
        let params = try QueryTextParams(request.params)
        return ExplainResult(plan: try request.engine.explain(params.q)).jsonBytes
    }
}
