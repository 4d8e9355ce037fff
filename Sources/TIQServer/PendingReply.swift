import Synchronization
import TIQWire

/// Where a reply goes: straight to the output, or into its slot of a batch.
enum ReplyDestination: Sendable {
    /// A line of its own, written at once.
    case line(ProtocolOutput)
    /// A line of its own, gathered with the other replies the reader thread writes in one go.
    case buffered(ReplyBuffer)
    /// Slot `index` of a batch reply.
    case batch(BatchReply, index: Int)
}

/// A request's promise of exactly one reply, enforced in code.
///
/// The first `reply` sends; a second one is a bug: it traps in debug builds and is logged and
/// dropped in release. If the object dies without replying (a handler path that forgot), it
/// logs the bug and sends a -32603 so the client is never left waiting.
final class PendingReply: Sendable {
    /// The request's id, echoed in the reply.
    let id: RequestID
    /// The method, for log lines.
    let method: String
    private let destination: ReplyDestination
    /// Whether a reply was sent. Invariant: flips from false to true once, under the mutex.
    private let replied = Mutex(false)

    /// Creates the promise for request `id`.
    init(id: RequestID, method: String, destination: ReplyDestination) {
        self.id = id
        self.method = method
        self.destination = destination
    }

    /// Replies with a result, given as JSON text.
    func succeed(_ resultJSON: [UInt8]) {
        send(OutgoingMessage.success(id: id, resultJSON: resultJSON))
    }

    /// Replies with an error.
    func fail(_ error: ResponseError) {
        send(OutgoingMessage.failure(id: id, error: error))
    }

    /// The same promise, replying with a line of its own instead of through the reader's
    /// buffer (for requests handed to another thread). Call before any reply.
    func writingDirectly(to output: ProtocolOutput) -> PendingReply {
        guard case .buffered = destination else { return self }
        replied.withLock { $0 = true }   // this object hands its duty over and never replies
        return PendingReply(id: id, method: method, destination: .line(output))
    }

    /// Whether a reply has been sent.
    var hasReplied: Bool { replied.withLock { $0 } }

    private func send(_ message: [UInt8]) {
        let first = replied.withLock { done -> Bool in
            if done { return false }
            done = true
            return true
        }
        guard first else {
            ServerLog.info("bug: a second reply to request \(id) (\(method)) was dropped")
            assertionFailure("second reply to request \(id) (\(method))")
            return
        }
        switch destination {
        case .line(let output): output.send(message)
        case .buffered(let buffer): buffer.append(message)
        case .batch(let batch, let index): batch.fill(index, id: id, with: message)
        }
    }

    deinit {
        if !replied.withLock({ $0 }) {
            ServerLog.info("bug: request \(id) (\(method)) finished without a reply; sending an internal error")
            let message = OutgoingMessage.failure(id: id, error: .internalError("the server finished `\(method)` without replying; this is a bug in tiq, please report it"))
            switch destination {
            case .line(let output): output.send(message)
            case .buffered(let buffer): buffer.append(message)
            case .batch(let batch, let index): batch.fill(index, id: id, with: message)
            }
        }
    }
}

/// Collects the replies of one batch and sends them as one array once all have arrived.
///
/// The replies held are bounded by `maxBytes`: a reply that would go beyond is replaced by a
/// short -32600 (`data.reason` = `batchTooLarge`) with its id, so every request still gets
/// exactly one reply and a batch of many large answers cannot exhaust memory.
final class BatchReply: Sendable {
    private let output: ProtocolOutput
    /// The most bytes of replies held.
    private let maxBytes: Int
    /// The replies so far, how many are missing, and their bytes. Invariant: `missing` counts
    /// nil slots; `bytes` sums the slots' sizes.
    private let state: Mutex<(slots: [[UInt8]?], missing: Int, bytes: Int)>

    /// Creates a batch expecting `count` replies (requests and invalid messages; notifications
    /// excluded) holding at most `maxBytes` of them.
    init(count: Int, maxBytes: Int, output: ProtocolOutput) {
        self.output = output
        self.maxBytes = maxBytes
        self.state = Mutex((slots: Array(repeating: nil, count: count), missing: count, bytes: 0))
    }

    /// Stores the reply of slot `index` (request `id`); the last one sends the whole array.
    func fill(_ index: Int, id: RequestID, with message: [UInt8]) {
        let maxBytes = self.maxBytes
        let complete: [[UInt8]]? = state.withLock { s in
            guard index < s.slots.count, s.slots[index] == nil else { return nil }
            var reply = message
            if s.bytes + reply.count > maxBytes {
                reply = OutgoingMessage.failure(id: id, error: ResponseError(.invalidRequest,
                    "the replies of this batch exceed \(maxBytes) bytes (4 x --max-message-bytes); this one was dropped: send fewer requests per batch",
                    data: .object(["reason": .string("batchTooLarge")])))
            }
            s.slots[index] = reply
            s.bytes += reply.count
            s.missing -= 1
            return s.missing == 0 ? s.slots.compactMap { $0 } : nil
        }
        if let complete { output.send(OutgoingMessage.batch(complete)) }
    }
}
