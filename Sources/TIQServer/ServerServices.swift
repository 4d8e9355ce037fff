import Synchronization
import TIQStore
import TIQWire

/// What the daemon's handlers share: configuration, the snapshot store, the connection, the lifecycle.
final class ServerServices: Sendable {
    /// Lifecycle flags after LSP.
    struct Lifecycle: Sendable {
        /// `initialize` was answered (optional: scripts may skip it).
        var initialized = false
        /// `shutdown` was answered: only `exit` is accepted from now on.
        var shutdownRequested = false
    }

    /// How the daemon was started.
    let configuration: ServerConfiguration
    /// The snapshot and the load ordering.
    let snapshots: SnapshotStore
    /// The endpoint's connection: notifications and counters.
    let connection: Connection
    /// The method names served, for `initialize`.
    let methodNames: [String]
    /// Invariant: `shutdownRequested` never goes back to false.
    let lifecycle = Mutex(Lifecycle())

    init(configuration: ServerConfiguration, snapshots: SnapshotStore, connection: Connection, methodNames: [String]) {
        self.configuration = configuration
        self.snapshots = snapshots
        self.connection = connection
        self.methodNames = methodNames
    }

    /// Requests in flight and counters.
    var registry: RequestRegistry { connection.registry }

    /// Milliseconds since startup.
    var uptimeMs: Int { connection.uptimeMs }

    /// Sends `$/progress {token, value:{kind, message?, percentage?}}` (LSP work-done progress).
    func sendProgress(token: JSONValue, kind: String, message: String? = nil, percentage: Int? = nil) {
        var value: [JSONMember] = [JSONMember("kind", .string(kind))]
        if let message { value.append(JSONMember("message", .string(message))) }
        if let percentage { value.append(JSONMember("percentage", .number(percentage))) }
        connection.notify("$/progress", params: .object(["token": token, "value": .object(value)]))
    }
}
