/// Splits a byte stream into lines: the framing of newline-delimited JSON-RPC.
///
/// A pure value type with no I/O, so it can be tested by feeding it bytes one at a time, all
/// at once, or split anywhere. Lines end at `\n`; one `\r` before it is dropped; empty (or
/// `\r`-only) lines are ignored. A line longer than `maxLineBytes` is reported once as
/// `.oversize` and skipped up to its end without being buffered.
public struct LineFramer: Sendable {
    /// What the framer found in the stream.
    public enum Line: Sendable, Hashable {
        /// A complete line, without its terminator.
        case line([UInt8])
        /// A line longer than the limit was skipped; `bytesSeen` counts the bytes before the
        /// framer gave up on it (at least `maxLineBytes + 1`).
        case oversize(bytesSeen: Int)
    }

    /// The longest line accepted, in bytes (without the terminator).
    public let maxLineBytes: Int
    private var buffer: [UInt8] = []
    /// True while skipping the rest of an oversize line.
    private var discarding = false

    /// Creates a framer accepting lines up to `maxLineBytes` bytes.
    public init(maxLineBytes: Int = 16 << 20) {
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// Bytes of an incomplete line held so far.
    public var pendingByteCount: Int { buffer.count }

    /// Feeds `chunk` and returns the lines it completes, in order.
    public mutating func append(_ chunk: some Collection<UInt8>) -> [Line] {
        var lines: [Line] = []
        var index = chunk.startIndex
        while index != chunk.endIndex {
            guard let newline = chunk[index...].firstIndex(of: 0x0A) else {
                take(chunk[index...], into: &lines)
                return lines
            }
            take(chunk[index..<newline], into: &lines)
            finishLine(into: &lines)
            index = chunk.index(after: newline)
        }
        return lines
    }

    /// Ends the stream: returns the last line if it had no terminator.
    public mutating func finish() -> [Line] {
        var lines: [Line] = []
        finishLine(into: &lines)
        return lines
    }

    private mutating func take(_ part: some Collection<UInt8>, into lines: inout [Line]) {
        if discarding { return }
        // One `\r` is allowed beyond the limit: it is the CR of a CRLF terminator.
        if buffer.count + part.count > maxLineBytes + 1 {
            lines.append(.oversize(bytesSeen: buffer.count + part.count))
            buffer.removeAll(keepingCapacity: false)
            discarding = true
            return
        }
        buffer.append(contentsOf: part)
    }

    private mutating func finishLine(into lines: inout [Line]) {
        if discarding {
            discarding = false
            return
        }
        if buffer.last == 0x0D { buffer.removeLast() }
        if buffer.count > maxLineBytes {
            lines.append(.oversize(bytesSeen: buffer.count))
        } else if !buffer.isEmpty {
            lines.append(.line(buffer))
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
