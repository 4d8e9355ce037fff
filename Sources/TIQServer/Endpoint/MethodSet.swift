import TIQProtocol
import TIQWire

/// A set of JSON-RPC methods plugged into an `Endpoint`: the daemon's (`DaemonMethods`) or the
/// language server's (TIQCLI's `LSPMethods`).
///
/// The endpoint owns everything that is the same for every method (framing, the stdout guard,
/// exactly one reply, cancellation, time limits, back-pressure, message limits, batches,
/// `$/cancelRequest` and `exit`); a method set only says which methods it has, what each one's
/// policy is, and what each one does.
public protocol MethodSet: Sendable {
    /// The method names served, in a stable order (quoted by -32601 replies).
    var methodNames: [String] { get }

    /// The route of `method`, or nil when the set does not have it (the endpoint answers -32601).
    func route(for method: String) -> Route?

    /// Whether requests are refused for now, and why: `shutdown` was answered (-32600 until
    /// `exit`), or the client must `initialize` first (LSP's -32002). Checked before routing.
    func refusal(of method: String) -> ResponseError?

    /// Handles a notification other than `$/cancelRequest` and `exit` (on the reader thread,
    /// in arrival order; notifications never get a reply).
    func notify(_ method: String, _ params: JSONValue?)

    /// The exit code of an `exit` notification: 0 after `shutdown`, 1 otherwise.
    var exitCode: Int32 { get }

    /// The exit code at the end of input (0 for the daemon, whose scripts may just close stdin).
    var endOfInputExitCode: Int32 { get }

    /// Handles SIGHUP or SIGUSR1 (on a dispatch queue, not inside the signal). The default
    /// ignores them; either way they never kill the process.
    func handleSignal(_ signal: Int32)

    /// Called once the endpoint has stopped and answered what it could, when it does not own
    /// the process (an in-process endpoint): the set lets go of the threads it started. The
    /// default has none.
    func endpointStopped()
}

extension MethodSet {
    public var endOfInputExitCode: Int32 { 0 }

    public func handleSignal(_ signal: Int32) {}

    public func endpointStopped() {}
}

/// Where a method's work runs.
public enum MethodExecution: Sendable {
    /// On the reader thread, before the next message is read: cheap, bounded work that costs
    /// less than a task switch. The method set may still decline (`RequestPlan.task`) when the
    /// work would wait (a `load` pending), so reading never waits.
    case inline
    /// On Swift's shared pool: cheap work that may still wait.
    case shared
    /// On the worker threads: CPU-heavy work that must not starve cheap requests.
    case workers
}

/// How a method's time is limited.
public enum MethodTiming: Sendable {
    /// `params.timeoutMs` (a whole number) or the operator's `--timeout-ms` cancels it.
    case limited
    /// No time limit (the LSP's methods, which have no `timeoutMs`).
    case untimed
}

/// A bound on the UTF-8 length of one string param, checked before the method runs.
public struct TextLimit: Sendable {
    /// The param, e.g. `q`.
    public var field: String
    /// The longest accepted, in bytes.
    public var maxBytes: Int
    /// The option that sets it, quoted by the error (`--max-query-bytes`).
    public var option: String
    /// The `data.reason` of the -32602 (`queryTooLong`).
    public var reason: String
    /// How to fix it, ending the error message (`shorten the query`).
    public var fix: String

    /// A bound on `params.field`.
    public init(field: String, maxBytes: Int, option: String, reason: String, fix: String) {
        self.field = field
        self.maxBytes = maxBytes
        self.option = option
        self.reason = reason
        self.fix = fix
    }
}

/// What a method declares about itself; the endpoint enforces it.
public struct MethodPolicy: Sendable {
    /// Where it runs.
    public var execution: MethodExecution
    /// How its time is limited.
    public var timing: MethodTiming
    /// Its bounded string params.
    public var textLimits: [TextLimit]

    /// A policy.
    public init(execution: MethodExecution, timing: MethodTiming = .limited, textLimits: [TextLimit] = []) {
        self.execution = execution
        self.timing = timing
        self.textLimits = textLimits
    }
}

/// One request as a method sees it.
public struct IncomingRequest: Sendable {
    /// The request's id.
    public let id: RequestID
    /// Its params, with typed accessors that produce -32602 errors naming the field.
    public let params: Params
    /// Its time limit in milliseconds, 0 for none (decided by the endpoint from the policy).
    public let timeoutMs: Int
    /// When it arrived.
    public let arrival: ContinuousClock.Instant

    /// The method name.
    public var method: String { params.method }
}

/// A method: its policy and how to start it.
public struct Route: Sendable {
    /// What it declares.
    public var policy: MethodPolicy
    /// Called on the reader thread, in arrival order, once the endpoint accepted the request:
    /// returns how to answer it, or throws the error to reply with.
    public var start: @Sendable (IncomingRequest) throws -> RequestPlan

    /// A route.
    public init(_ policy: MethodPolicy, start: @escaping @Sendable (IncomingRequest) throws -> RequestPlan) {
        self.policy = policy
        self.start = start
    }
}

/// How one request is answered.
public enum RequestPlan: Sendable {
    /// Answered now, on the reader thread: no task, no slot, no registry entry.
    case inline(@Sendable () throws -> [UInt8])
    /// Run in a task (on `execution`'s threads), cancellable and timed. `finally` runs once
    /// after it ends, whatever happened (even if it never started), for ordering bookkeeping.
    case task(MethodExecution, work: @Sendable () async throws -> [UInt8], finally: (@Sendable () -> Void)? = nil)
}
