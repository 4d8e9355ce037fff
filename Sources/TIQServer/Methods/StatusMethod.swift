import TIQCore
import TIQProtocol
import TIQWire

/// `status {}` → `StatusResult`.
///
/// `inFlight` counts this request too; `memoryBytes` is the resident set (VmRSS), null where
/// /proc is unavailable. Like any read, it waits for a `load` that arrived before it.
enum StatusMethod: InlineMethodHandler {
    static let method = "status"
    static let usesNames = false

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        let server = request.server
        let snapshot = server.snapshots.current
        return StatusResult(snapshot: snapshot.id, origin: snapshot.origin, uptimeMs: server.uptimeMs,
                            requestsServed: server.registry.servedCount,
                            inFlight: server.registry.inFlightCount + (request.inline ? 1 : 0),
                            memoryBytes: ResidentMemory.recentResidentBytes()).jsonBytes
    }
}
