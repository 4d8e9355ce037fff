import Synchronization
import TIQEngine
import TIQStore

/// The snapshot every request reads, with the engine that owns its caches, and the order
/// between reads and `load`s. A replaced snapshot's engine, cache included, is freed with the
/// last request still reading it.
///
/// Ordering rule (declared, not improvised): requests are ordered as they arrive. A read takes
/// the snapshot current when it arrives, unless a `load` arrived before it and is still
/// running, in which case it waits for that load and reads its outcome. Loads run one at a
/// time, in arrival order. A query already running keeps the snapshot it started with.
final class SnapshotStore: Sendable {
    /// What a request needs to obtain its snapshot, fixed when it arrives.
    enum Ticket: Sendable {
        /// The engine (and snapshot) to use.
        case ready(Engine)
        /// Wait for this load to end, then read the current snapshot.
        case afterLoad(Barrier)
    }

    private struct State {
        var current: Engine
        /// The last load dispatched and not yet finished, with its sequence number.
        var pendingLoad: (seq: Int, done: Barrier)?
        var loadSeq = 0
        var nextSnapshotID: Int
    }

    /// Invariant: `current` is a fully built snapshot; `pendingLoad` is the most recent
    /// unfinished load, cleared by that load when it ends.
    private let state: Mutex<State>
    /// The query nesting limit of every engine made here (`--max-query-depth`).
    private let maxQueryDepth: Int

    /// Starts with `initial`, served by engines with the nesting limit `maxQueryDepth`.
    init(initial: Snapshot, maxQueryDepth: Int) {
        self.maxQueryDepth = maxQueryDepth
        state = Mutex(State(current: Engine(snapshot: initial, maxQueryDepth: maxQueryDepth), nextSnapshotID: initial.id + 1))
    }

    /// The snapshot as of now (for `status`, which need not wait for loads).
    var current: Snapshot { currentEngine.snapshot }

    /// The engine of the snapshot as of now.
    var currentEngine: Engine { state.withLock { $0.current } }

    /// A ticket for a read arriving now.
    func readTicket() -> Ticket {
        state.withLock { s in
            if let pending = s.pendingLoad { return .afterLoad(pending.done) }
            return .ready(s.current)
        }
    }

    /// Resolves a ticket to its engine.
    func engine(for ticket: Ticket) async -> Engine {
        switch ticket {
        case .ready(let engine): return engine
        case .afterLoad(let done):
            await done.wait()
            return currentEngine
        }
    }

    /// A load arriving now: what it must wait for first (the previous pending load), and the
    /// barrier it opens when it ends (with `loadFinished`), which later reads wait for.
    struct LoadTurn: Sendable {
        /// The previous load still pending, to wait for before starting.
        let previous: Barrier?
        /// Opened by `loadFinished(_:)`.
        let done: Barrier
        /// Its sequence number.
        let seq: Int
    }

    /// Registers a load arriving now.
    func registerLoad() -> LoadTurn {
        state.withLock { s in
            s.loadSeq += 1
            let turn = LoadTurn(previous: s.pendingLoad?.done, done: Barrier(), seq: s.loadSeq)
            s.pendingLoad = (turn.seq, turn.done)
            return turn
        }
    }

    /// Marks a load finished (whatever its outcome) and lets the reads behind it go.
    func loadFinished(_ turn: LoadTurn) {
        state.withLock { s in
            if s.pendingLoad?.seq == turn.seq { s.pendingLoad = nil }
        }
        turn.done.open()
    }

    /// A fresh snapshot id for a load about to build one.
    func reserveSnapshotID() -> Int {
        state.withLock { s in
            defer { s.nextSnapshotID += 1 }
            return s.nextSnapshotID
        }
    }

    /// Swaps in `snapshot`, with an engine (and cache) of its own; queries in flight keep theirs.
    func install(_ snapshot: Snapshot) {
        let engine = Engine(snapshot: snapshot, maxQueryDepth: maxQueryDepth)
        state.withLock { $0.current = engine }
    }
}
