import Synchronization
import TIQStore

/// The snapshot every request reads, and the order between reads and `load`s.
///
/// Ordering rule (declared, not improvised): requests are ordered as they arrive. A read takes
/// the snapshot current when it arrives, unless a `load` arrived before it and is still
/// running, in which case it waits for that load and reads its outcome. Loads run one at a
/// time, in arrival order. A query already running keeps the snapshot it started with.
final class SnapshotStore: Sendable {
    /// What a request needs to obtain its snapshot, fixed when it arrives.
    enum Ticket: Sendable {
        /// The snapshot to use.
        case ready(Snapshot)
        /// Wait for this load to end, then read the current snapshot.
        case afterLoad(Barrier)
    }

    private struct State {
        var current: Snapshot
        /// The last load dispatched and not yet finished, with its sequence number.
        var pendingLoad: (seq: Int, done: Barrier)?
        var loadSeq = 0
        var nextSnapshotID: Int
    }

    /// Invariant: `current` is a fully built snapshot; `pendingLoad` is the most recent
    /// unfinished load, cleared by that load when it ends.
    private let state: Mutex<State>

    /// Starts with `initial`.
    init(initial: Snapshot) {
        state = Mutex(State(current: initial, nextSnapshotID: initial.id + 1))
    }

    /// The snapshot as of now (for `status`, which need not wait for loads).
    var current: Snapshot { state.withLock { $0.current } }

    /// A ticket for a read arriving now.
    func readTicket() -> Ticket {
        state.withLock { s in
            if let pending = s.pendingLoad { return .afterLoad(pending.done) }
            return .ready(s.current)
        }
    }

    /// Resolves a ticket to its snapshot.
    func snapshot(for ticket: Ticket) async -> Snapshot {
        switch ticket {
        case .ready(let snapshot): return snapshot
        case .afterLoad(let done):
            await done.wait()
            return current
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

    /// Swaps in `snapshot`; queries in flight keep theirs.
    func install(_ snapshot: Snapshot) {
        state.withLock { $0.current = snapshot }
    }
}
