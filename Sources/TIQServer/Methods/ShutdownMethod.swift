import TIQProtocol
import TIQWire

/// `shutdown {}` → `null`. Afterwards every request is refused until the `exit` notification,
/// which then ends the daemon with exit code 0.
enum ShutdownMethod: InlineMethodHandler {
    static let method = "shutdown"
    static let usesNames = false
    /// Answered at once even while a `load` runs: `shutdown` then `exit` must not wait for it.
    static let waitsForLoads = false

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        request.server.lifecycle.withLock { $0.shutdownRequested = true }
        return Array("null".utf8)
    }
}
