import Synchronization

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

    /// Appends `message` as one line; writes everything once `flushBytes` are held.
    func append(_ message: [UInt8]) {
        let full = pending.withLock { bytes -> Bool in
            if bytes.capacity == 0 { bytes.reserveCapacity(Self.flushBytes + 4096) }
            bytes.append(contentsOf: message)
            bytes.append(0x0A)
            return bytes.count >= Self.flushBytes
        }
        if full { flush() }
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
