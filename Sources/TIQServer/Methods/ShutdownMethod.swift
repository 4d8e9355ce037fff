import TIQProtocol
import TIQWire

/// `shutdown {}` → `null`. Afterwards every request is refused until the `exit` notification,
/// which then ends the daemon with exit code 0. Only a `shutdown` that is answered with `null`
/// marks it: one refused (say with -32602 for array params) shuts nothing down.
enum ShutdownMethod: InlineMethodHandler {
    static let method = "shutdown"
    static let usesNames = false
    /// Answered at once even while a `load` runs: `shutdown` then `exit` must not wait for it.
    static let waitsForLoads = false

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        request.server.lifecycle.withLock { $0.shutdownRequested = true }
        return NullResult().jsonBytes
    }
}
