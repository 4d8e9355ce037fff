import Synchronization
import TIQWire

/// The replies the reader thread produced itself (requests answered inline, errors found while
/// decoding), gathered so that one `write` sends all the replies of one read from stdin.
///
/// The reader flushes it when it has handled every line of a read, before it may block (a full
/// set of request slots, the end of input, `exit`), and whenever it holds `flushBytes`. Replies
/// of requests run on other threads do not wait here: they go straight to `ProtocolOutput`.
final class ReplyBuffer: Sendable {
    /// Gathered bytes above which the buffer is written at once, keeping memory bounded.
    static let flushBytes = 64 << 10

    private let output: ProtocolOutput
    /// Whole newline-terminated reply lines not yet written.
    private let pending = Mutex<[UInt8]>([])

    /// A buffer in front of `output`.
    init(output: ProtocolOutput) { self.output = output }

    /// Appends `message` as one line; writes everything once `flushBytes` are held. A message
    /// that large on its own is written directly after what is gathered, without being copied
    /// into the buffer (whose capacity would stay that large).
    func append(_ message: [UInt8]) {
        if message.count >= Self.flushBytes {
            pending.withLock { bytes in
                if !bytes.isEmpty { output.sendLines(bytes) }
                bytes.removeAll(keepingCapacity: true)
                output.send(message)
            }
            return
        }
        let full = pending.withLock { bytes -> Bool in
            if bytes.capacity == 0 { bytes.reserveCapacity(Self.flushBytes + 4096) }
            output.framing.append(message, to: &bytes)
            return bytes.count >= Self.flushBytes
        }
        if full { flush() }
    }

    /// Writes what is gathered unless the reader is writing it right now (at shutdown: a write
    /// blocked on a client that does not read must not hold the exit).
    func flushIfAvailable() {
        _ = pending.withLockIfAvailable { bytes in
            guard !bytes.isEmpty else { return }
            output.sendLines(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    /// Writes what is gathered, in one go.
    func flush() {
        pending.withLock { bytes in
            guard !bytes.isEmpty else { return }
            output.sendLines(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }
}
