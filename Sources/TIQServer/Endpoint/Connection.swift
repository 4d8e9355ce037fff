import TIQWire

/// What a method set may use of the connection it is plugged into: notifications to the
/// client and the endpoint's counters.
public final class Connection: Sendable {
    let output: ProtocolOutput
    let registry: RequestRegistry
    /// When the endpoint started.
    public let started: ContinuousClock.Instant
    /// The endpoint's configuration.
    public let configuration: EndpointConfiguration

    init(output: ProtocolOutput, registry: RequestRegistry, configuration: EndpointConfiguration) {
        self.output = output
        self.registry = registry
        self.configuration = configuration
        self.started = .now
    }

    /// Sends the notification `method` with `params`, as one message.
    public func notify(_ method: String, params: JSONValue) {
        output.send(OutgoingMessage.notification(method: method, params: params))
    }

    /// Requests answered since startup.
    public var requestsServed: Int { registry.servedCount }

    /// Milliseconds since startup.
    public var uptimeMs: Int {
        let d = ContinuousClock.now - started
        return Int(d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000)
    }
}
