import Synchronization
import TIQStore
import TIQWire

/// What handlers share: configuration, the snapshot store, the registry, the output, the clock.
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
    /// Requests in flight and counters.
    let registry: RequestRegistry
    /// The protocol output, for notifications.
    let output: ProtocolOutput
    /// When the daemon started.
    let started: ContinuousClock.Instant
    /// The method names served, for `initialize`.
    let methodNames: [String]
    /// Invariant: `shutdownRequested` never goes back to false.
    let lifecycle = Mutex(Lifecycle())

    init(configuration: ServerConfiguration, snapshots: SnapshotStore, registry: RequestRegistry,
         output: ProtocolOutput, methodNames: [String]) {
        self.configuration = configuration
        self.snapshots = snapshots
        self.registry = registry
        self.output = output
        self.started = .now
        self.methodNames = methodNames
    }

    /// Milliseconds since startup.
    var uptimeMs: Int {
        let d = ContinuousClock.now - started
        return Int(d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000)
    }

    /// Sends `$/progress {token, value:{kind, message?, percentage?}}` (LSP work-done progress).
    func sendProgress(token: JSONValue, kind: String, message: String? = nil, percentage: Int? = nil) {
        var value: [JSONMember] = [JSONMember("kind", .string(kind))]
        if let message { value.append(JSONMember("message", .string(message))) }
        if let percentage { value.append(JSONMember("percentage", .number(percentage))) }
        output.send(OutgoingMessage.notification(method: "$/progress",
                                                 params: .object(["token": token, "value": .object(value)])))
    }
}
