import Dispatch
import Synchronization
import TIQEngine
import TIQStore

/// Loads the snapshot of `tiq lsp` on a background thread, so `initialize` is answered at once
/// while the demo (or `--data DIR|FILE`) is still being built; `engine()` waits for it.
final class LSPEngineLoader: Sendable {
    private let state = Mutex<Result<Engine, LoadFailure>?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    /// Starts loading the dataset directory or snapshot file `data`, or the embedded demo when nil.
    init(dataDirectory data: String?) {
        DispatchQueue.global().async { [self] in
            let result = SnapshotLoading.load(data).map { Engine(snapshot: $0) }
            state.withLock { $0 = result }
            ready.signal()
        }
    }

    /// Whether loading has ended (so `engine()` returns at once).
    var isReady: Bool { state.withLock { $0 != nil } }

    /// The engine, or the load failure; waits until loading ends.
    func engine() -> Result<Engine, LoadFailure> {
        if let done = state.withLock({ $0 }) { return done }
        ready.wait()
        ready.signal()  // let any later waiter through
        return state.withLock { $0 } ?? .failure(LoadFailure(diagnostics: [], omitted: 0))
    }
}
