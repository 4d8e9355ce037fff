import Foundation

/// A counting gate: at most `count` requests in flight. The reader thread takes a slot before
/// starting a request and blocks while none is free, so it stops reading stdin: the client's
/// pipe fills and its writes wait (back-pressure) instead of the daemon queueing without bound.
final class RequestSlots: @unchecked Sendable {
    /// Free slots. Invariant: read and written only while holding `condition`; 0...count.
    private var free: Int
    private let condition = NSCondition()
    /// Whether the first pause was logged (later ones are not, to keep stderr quiet).
    private var loggedPause = false

    /// Creates a gate with `count` slots (at least one).
    init(count: Int) { free = max(1, count) }

    /// Takes a slot, waiting for one to be released if none is free.
    func acquire() {
        condition.lock()
        defer { condition.unlock() }
        if free == 0 && !loggedPause {
            loggedPause = true
            ServerLog.info("every request slot is taken (--max-concurrent); reading pauses until a reply is written (logged once)")
        }
        while free == 0 { condition.wait() }
        free -= 1
    }

    /// Takes a slot if one is free, without waiting.
    func tryAcquire() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard free > 0 else { return false }
        free -= 1
        return true
    }

    /// Gives a slot back.
    func release() {
        condition.lock()
        free += 1
        condition.signal()
        condition.unlock()
    }
}
