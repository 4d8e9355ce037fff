import Synchronization
import TIQWire

/// Why a request was cancelled: decides the message of its -32800 reply.
enum CancelReason: Sendable {
    /// `$/cancelRequest` named it.
    case client
    /// Its time limit passed.
    case timeout(ms: Int)
    /// The daemon is stopping (end of input, `exit`).
    case stopping
}

/// The requests in flight, so `$/cancelRequest` can find them, plus a few counters for `status`.
final class RequestRegistry: Sendable {
    private struct Entry {
        var task: Task<Void, Never>?
        var reason: CancelReason?
        /// Called on each cancel, with the reason that won, outside the lock.
        var onCancel: (@Sendable (CancelReason) -> Void)?
    }

    private struct State {
        var inFlight: [RequestID: Entry] = [:]
        /// The last finished ids, oldest first, so a late cancel is recognised, not an error.
        var recentlyFinished: [RequestID] = []
        var served = 0
        /// Requests started whose reply has not been written yet (a request leaves `inFlight`
        /// just before its reply is written, so `status` counts are exact when the client reads them).
        var unanswered = 0
    }

    /// How many finished ids are remembered.
    static let recentCapacity = 32

    /// Invariant: an id is in `inFlight` from dispatch until its reply has been sent.
    private let state = Mutex(State())

    /// Whether `id` names a request in flight.
    func isInFlight(_ id: RequestID) -> Bool { state.withLock { $0.inFlight[id] != nil } }

    /// Registers `id` and starts its task, atomically: the task cannot finish (and unregister)
    /// before it is registered. Returns false when `id` is already in flight.
    /// `onCancel` runs on every cancel of it (to answer a request still queued at once).
    func start(_ id: RequestID, onCancel: (@Sendable (CancelReason) -> Void)? = nil, _ makeTask: () -> Task<Void, Never>) -> Bool {
        state.withLock { s in
            if s.inFlight[id] != nil { return false }
            s.unanswered += 1
            s.inFlight[id] = Entry(task: makeTask(), reason: nil, onCancel: onCancel)
            return true
        }
    }

    /// Unregisters a finished request.
    func finish(_ id: RequestID) {
        state.withLock { s in
            guard s.inFlight.removeValue(forKey: id) != nil else { return }
            s.served += 1
            s.recentlyFinished.append(id)
            if s.recentlyFinished.count > Self.recentCapacity { s.recentlyFinished.removeFirst() }
        }
    }

    /// What a cancel found.
    enum CancelOutcome {
        case cancelled, alreadyFinished, unknown
    }

    /// Counts a request answered on the reader thread, which was never in flight.
    func servedInline() {
        state.withLock { $0.served += 1 }
    }

    /// Records that the reply of a finished request has been written.
    func replyWritten() {
        state.withLock { $0.unanswered -= 1 }
    }

    /// Requests started and not yet answered on the wire; zero means nothing is left to write.
    var unansweredCount: Int { state.withLock { $0.unanswered } }

    /// Cancels request `id` (first reason wins).
    @discardableResult
    func cancel(_ id: RequestID, reason: CancelReason) -> CancelOutcome {
        let (outcome, entry): (CancelOutcome, Entry?) = state.withLock { s in
            if var entry = s.inFlight[id] {
                if entry.reason == nil { entry.reason = reason }
                s.inFlight[id] = entry
                return (.cancelled, entry)
            }
            return (s.recentlyFinished.contains(id) ? .alreadyFinished : .unknown, nil)
        }
        entry?.task?.cancel()
        if let entry, let onCancel = entry.onCancel { onCancel(entry.reason ?? reason) }
        return outcome
    }

    /// Cancels every request in flight.
    func cancelAll(reason: CancelReason) {
        let ids = state.withLock { Array($0.inFlight.keys) }
        for id in ids { cancel(id, reason: reason) }
    }

    /// Why `id` was cancelled, if it was.
    func cancelReason(_ id: RequestID) -> CancelReason? { state.withLock { $0.inFlight[id]?.reason } }

    /// Requests in flight.
    var inFlightCount: Int { state.withLock { $0.inFlight.count } }

    /// Requests answered since startup.
    var servedCount: Int { state.withLock { $0.served } }
}
