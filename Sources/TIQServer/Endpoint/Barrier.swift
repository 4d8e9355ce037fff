import Synchronization

/// A one-shot gate that tasks wait on until it is opened: the end of a `load` that later
/// reads must wait for. Opening it twice is harmless; waiting after it opened returns at once.
final class Barrier: Sendable {
    private struct State {
        var isOpen = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// Invariant: `waiters` is empty once `isOpen` is true.
    private let state = Mutex(State())

    /// A closed barrier.
    init() {}

    /// Opens the barrier and resumes every waiter.
    func open() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.isOpen = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for w in waiters { w.resume() }
    }

    /// Returns once the barrier is open.
    func wait() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { s -> Bool in
                if s.isOpen { return true }
                s.waiters.append(c)
                return false
            }
            if resumeNow { c.resume() }
        }
    }
}
