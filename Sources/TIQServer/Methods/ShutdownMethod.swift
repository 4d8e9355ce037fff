import TIQWire

/// `shutdown {}` → `null`. Afterwards every request is refused until the `exit` notification,
/// which then ends the daemon with exit code 0.
enum ShutdownMethod: MethodHandler {
    static let method = "shutdown"

    static func handle(_ request: RequestContext) async throws -> [UInt8] {
        request.server.lifecycle.withLock { $0.shutdownRequested = true }
        return Array("null".utf8)
    }
}
