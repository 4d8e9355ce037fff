import TIQProtocol
import TIQWire

/// `status {}` → `{snapshot, origin, uptimeMs, requestsServed, inFlight, memoryBytes}`.
///
/// `inFlight` counts this request too; `memoryBytes` is the resident set (VmRSS), null where
/// /proc is unavailable. Like any read, it waits for a `load` that arrived before it.
enum StatusMethod: InlineMethodHandler {
    static let method = "status"
    static let usesNames = false

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        let server = request.server
        let snapshot = server.snapshots.current
        return resultObject { w in
            w.member("snapshot", snapshot.id)
            w.member("origin", snapshot.origin)
            w.member("uptimeMs", server.uptimeMs)
            w.member("requestsServed", server.registry.servedCount)
            w.member("inFlight", server.registry.inFlightCount + (request.inline ? 1 : 0))
            w.key("memoryBytes")
            if let rss = ProcessMemory.residentBytes() { w.int(rss) } else { w.null() }
        }
    }
}
