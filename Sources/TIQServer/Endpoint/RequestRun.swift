import Synchronization

/// The life of one request run in a task: queued, running, answered. Whoever moves it out of
/// `queued` first answers it: the task when it starts, or a cancel (by the client, its time
/// limit or the endpoint stopping) while it still waits for a thread, which answers at once.
final class RequestRun: Sendable {
    enum Phase: Sendable { case queued, running, answered }

    private struct State {
        var phase = Phase.queued
        var timer: Task<Void, Never>?
    }

    /// Invariant: `phase` only moves forward.
    private let state = Mutex(State())

    /// Moves from `queued` to `phase`; false when something else moved it first.
    func leaveQueue(to phase: Phase) -> Bool {
        state.withLock { s in
            guard s.phase == .queued else { return false }
            s.phase = phase
            return true
        }
    }

    /// Keeps the timer that enforces the time limit, to stop it once answered.
    func setTimer(_ timer: Task<Void, Never>) {
        let answered = state.withLock { s -> Bool in
            if s.phase == .answered { return true }
            s.timer = timer
            return false
        }
        if answered { timer.cancel() }
    }

    /// Marks it answered and stops its timer.
    func finish() {
        let timer = state.withLock { s -> Task<Void, Never>? in
            s.phase = .answered
            defer { s.timer = nil }
            return s.timer
        }
        timer?.cancel()
    }
}
