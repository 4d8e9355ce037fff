import Dispatch
import Synchronization

/// A value made on another thread while the caller goes on: the one future of tiq (the checksum
/// and name index of a snapshot file being opened, the snapshot `tiq lsp` loads, the query the
/// REPL runs while it watches for Ctrl-C).
///
/// Made ready at once (`init(ready:)`), by work started on a global queue (`init(_:)`), or by
/// whoever holds it (`init()` then `fulfil(_:)`, once). `value()` waits until it is ready and may
/// be called any number of times, from any thread.
public final class BackgroundValue<Value: Sendable>: Sendable {
    /// Invariant: set once, never cleared; `ready` is signalled once it is set.
    private let state: Mutex<Value?>
    private let ready = DispatchSemaphore(value: 0)

    /// A value that is ready now.
    public init(ready value: Value) { state = Mutex(value) }

    /// A value that `fulfil(_:)` will make ready.
    public init() { state = Mutex(nil) }

    /// A value that `work`, started now on a global queue, makes ready.
    public convenience init(_ work: @escaping @Sendable () -> Value) {
        self.init()
        DispatchQueue.global(qos: .userInitiated).async { [self] in fulfil(work()) }
    }

    /// Makes the value ready and wakes whoever waits. A second call is a programming error.
    public func fulfil(_ value: Value) {
        state.withLock { current in
            precondition(current == nil, "a background value fulfilled twice")
            current = value
        }
        ready.signal()
    }

    /// Whether the value is ready, so that `value()` will not wait.
    public var isReady: Bool { state.withLock { $0 != nil } }

    /// The value, once it is ready.
    public func value() -> Value {
        if let v = state.withLock({ $0 }) { return v }
        ready.wait()
        ready.signal()   // let the next waiter through too
        guard let v = state.withLock({ $0 }) else { preconditionFailure("a background value signalled before it was set") }
        return v
    }
}
