import TIQEngine
import TIQProtocol
import TIQStore
import TIQWire

/// What a method does to the snapshot, which decides how it is ordered (see `SnapshotStore`).
enum SnapshotAccess: Sendable {
    /// Reads the snapshot current when the request arrived.
    case read
    /// Replaces the snapshot: runs after every earlier load, and later requests wait for it.
    case write
}

/// One JSON-RPC method: its name, how it runs, and its handler.
///
/// Each method lives in its own file under `Methods/` with its params and result types, and is
/// listed once in `MethodTable`.
protocol MethodHandler: Sendable {
    /// The method name on the wire.
    static var method: String { get }
    /// Where the work runs.
    static var execution: MethodExecution { get }
    /// How it touches the snapshot.
    static var access: SnapshotAccess { get }
    /// Handles one request and returns the result as JSON text. Throws `ResponseError`, a
    /// domain error (mapped by `ErrorMapping`), or `CancellationError`.
    static func handle(_ request: RequestContext) async throws -> [UInt8]
}

extension MethodHandler {
    static var execution: MethodExecution { .shared }
    static var access: SnapshotAccess { .read }
}

/// A method answered synchronously on the reader thread (`MethodExecution.inline`).
///
/// It writes `respond`, and gets `handle` (used when it cannot run inline) for free.
protocol InlineMethodHandler: MethodHandler {
    /// Handles one request synchronously; throws like `handle`.
    static func respond(_ request: RequestContext) throws -> [UInt8]
    /// Whether it reads the snapshot, and so waits for a `load` that arrived before it.
    static var waitsForLoads: Bool { get }
    /// Whether it may search names, and so waits for a name index still being built.
    static var usesNames: Bool { get }
}

extension InlineMethodHandler {
    static var execution: MethodExecution { .inline }
    static var waitsForLoads: Bool { true }
    static var usesNames: Bool { true }

    static func handle(_ request: RequestContext) async throws -> [UInt8] {
        try respond(request)
    }
}

/// Everything a handler may use: the params, the snapshot, the server's services.
struct RequestContext: Sendable {
    /// The request's id.
    let id: RequestID
    /// The params, with typed accessors that produce -32602 errors naming the field.
    let params: Params
    /// The engine over the snapshot this request reads, with the daemon's query limits; it
    /// owns the snapshot's caches.
    let engine: Engine
    /// The server's shared state.
    let server: ServerServices
    /// Whether it runs on the reader thread, outside the registry of requests in flight.
    var inline = false

    /// The snapshot this request reads.
    var snapshot: Snapshot { engine.snapshot }
}

/// Writes a small result object with a closure: `result { w in w.member("x", 1) }`.
func resultObject(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
    var w = JSONWriter()
    w.beginObject()
    body(&w)
    w.endObject()
    return w.bytes
}
