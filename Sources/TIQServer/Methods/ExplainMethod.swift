import TIQCore
import TIQEngine
import TIQProtocol
import TIQWire

/// `explain {q}` → `{plan:[{name, detail, rows?}]}`; a query that does not check fails as `query` would.
enum ExplainMethod: MethodHandler {
    static let method = "explain"
    static let execution = MethodExecution.workers

    static func handle(_ request: RequestContext) async throws -> [UInt8] {
        let q = try request.params.string("q")
        let plan = try request.engine.explain(q)
        return resultObject { w in
            w.key("plan")
            w.beginArray()
            for step in plan {
                w.beginObject()
                w.member("name", step.name)
                w.member("detail", step.detail)
                if let rows = step.rows { w.member("rows", rows) }
                w.endObject()
            }
            w.endArray()
        }
    }
}
