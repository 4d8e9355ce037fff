import TIQCore
import TIQEngine
import TIQStore

/// Loads the snapshot of `tiq lsp` on a background thread, so `initialize` is answered at once
/// while the demo (or `--data DIR|FILE`) is still being built; `engine()` waits for it.
final class LSPEngineLoader: Sendable {
    private let loaded: BackgroundValue<Result<Engine, LoadFailure>>

    /// Starts loading the dataset directory or snapshot file `data`, or the embedded demo when nil.
    init(dataDirectory data: String?) {
        loaded = BackgroundValue { SnapshotLoading.load(data).map { Engine(snapshot: $0) } }
    }

    /// Whether loading has ended (so `engine()` returns at once).
    var isReady: Bool { loaded.isReady }

    /// The engine, or the load failure; waits until loading ends.
    func engine() -> Result<Engine, LoadFailure> { loaded.value() }
}
