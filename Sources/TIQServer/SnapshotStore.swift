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
        /// Wait for this load, then read the current snapshot.
        case afterLoad(Task<Void, Never>)
    }

    private struct State {
        var current: Snapshot
        /// The last load dispatched and not yet finished, with its sequence number.
        var pendingLoad: (seq: Int, task: Task<Void, Never>)?
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
            if let pending = s.pendingLoad { return .afterLoad(pending.task) }
            return .ready(s.current)
        }
    }

    /// Resolves a ticket to its snapshot.
    func snapshot(for ticket: Ticket) async -> Snapshot {
        switch ticket {
        case .ready(let snapshot): return snapshot
        case .afterLoad(let task):
            await task.value
            return current
        }
    }

    /// Registers a load arriving now: `makeTask` receives the previous pending load (to await
    /// first) and the load's sequence number, and returns the load's task.
    func registerLoad(_ makeTask: (Task<Void, Never>?, Int) -> Task<Void, Never>) -> Task<Void, Never> {
        state.withLock { s in
            s.loadSeq += 1
            let task = makeTask(s.pendingLoad?.task, s.loadSeq)
            s.pendingLoad = (s.loadSeq, task)
            return task
        }
    }

    /// Marks load `seq` finished.
    func loadFinished(seq: Int) {
        state.withLock { s in
            if s.pendingLoad?.seq == seq { s.pendingLoad = nil }
        }
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
