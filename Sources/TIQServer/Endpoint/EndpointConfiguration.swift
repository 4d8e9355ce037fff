import TIQWire

/// What every connection served by an `Endpoint` is bounded by, whatever its methods.
public struct EndpointConfiguration: Sendable {
    /// The program name in log lines (`tiq serve`, `tiq lsp`).
    public var name: String
    /// How messages are delimited.
    public var framing: MessageFraming
    /// The longest message accepted, in bytes.
    public var maxMessageBytes: Int
    /// The deepest JSON nesting accepted in a message.
    public var maxDepth: Int
    /// The most requests in flight; reading pauses beyond (back-pressure).
    public var maxConcurrent: Int
    /// Threads that run `MethodExecution.workers` methods.
    public var workers: Int
    /// The operator's time limit in milliseconds (0: none). A request's `timeoutMs` may lower
    /// it, never raise it; a request without one gets it.
    public var timeoutMs: Int
    /// How to raise the message limit, quoted when a message is too large.
    public var messageLimitHint: String

    /// A configuration.
    public init(name: String, framing: MessageFraming, maxMessageBytes: Int = 16 << 20, maxDepth: Int = 64,
                maxConcurrent: Int = 64, workers: Int = 2, timeoutMs: Int = 0,
                messageLimitHint: String = "split the request") {
        self.name = name
        self.framing = framing
        self.maxMessageBytes = maxMessageBytes
        self.maxDepth = maxDepth
        self.maxConcurrent = maxConcurrent
        self.workers = workers
        self.timeoutMs = timeoutMs
        self.messageLimitHint = messageLimitHint
    }
}

