import TIQStore
import TIQWire

/// The `tiq serve` daemon: the daemon's methods (`DaemonMethods`) on a newline-delimited
/// JSON-RPC 2.0 `Endpoint`, over stdin/stdout unless given another transport.
public enum Server {
    /// Serves `snapshot` on `transport` (guarding stdout when it is stdin/stdout) until `exit`, the end of input or a signal, and returns
    /// the exit code: 0 after `shutdown` then `exit` or at end of input, 1 for `exit` without `shutdown`.
    public static func run(configuration: ServerConfiguration, snapshot: Snapshot,
                           transport: EndpointTransport = .standardIO) -> Int32 {
        let endpoint = EndpointConfiguration(
            name: "tiq serve", framing: .newline, maxMessageBytes: configuration.maxMessageBytes,
            maxDepth: configuration.maxDepth, maxConcurrent: configuration.maxConcurrent, workers: configuration.workers,
            timeoutMs: configuration.defaultTimeoutMs,
            messageLimitHint: "split the request or start tiq serve with a larger --max-message-bytes")
        return Endpoint.run(endpoint, transport: transport) { connection in
            ServerLog.info("serving \(snapshot.origin) (snapshot \(snapshot.id))\(transport.isStandardIO ? " on stdin/stdout" : ""); \(configuration.workers) worker thread(s)")
            return DaemonMethods(configuration: configuration, snapshot: snapshot, connection: connection)
        }
    }
}
