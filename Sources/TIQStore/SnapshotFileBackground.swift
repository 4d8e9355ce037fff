import Dispatch
import Synchronization

/// A value computed on another thread while the caller goes on, for the parts of opening a
/// snapshot file that do not depend on each other (the checksum, the name index, the copies of
/// the columns).
///
/// `value()` waits for the work if it is not finished, and may be called any number of times
/// from any thread. The opener waits for every piece of work that reads the file mapping before
/// it can be unmapped.
final class SnapshotFileBackground<Value: Sendable>: @unchecked Sendable {
    // Written once, before `finished` is set (and `done` signalled); read only after.
    private var result: Value?
    private let finished = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    /// A value that is ready now.
    init(ready value: Value) {
        result = value
        finished.store(true, ordering: .releasing)
    }

    /// Starts `work` on a global queue.
    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = work()
            finished.store(true, ordering: .releasing)
            done.signal()
        }
    }

    /// Whether the work has finished.
    var isReady: Bool { finished.load(ordering: .acquiring) }

    /// The value, once the work has finished.
    func value() -> Value {
        if !finished.load(ordering: .acquiring) {
            done.wait()
            done.signal()   // let the next waiter through too
        }
        // The work always stores a result before it reports finished.
        guard let result else { preconditionFailure("background work finished without a result") }
        return result
    }
}

/// Bytes of a `SnapshotFileImage` handed to another thread; the image outlives every reader
/// because the opener waits for them inside `withUnsafeBytes`.
struct SendableBytes: @unchecked Sendable {
    /// The borrowed bytes.
    let bytes: UnsafeRawBufferPointer
}
