#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        if let lines = chunk.withContiguousStorageIfAvailable({ append(bytes: $0) }) { return lines }
        return Array(chunk).withUnsafeBufferPointer { append(bytes: $0) }
    }

    /// Feeds contiguous bytes: newlines are found with `memchr`, and a line that lies whole in
    /// the chunk is copied once, straight into its own array.
    public mutating func append(bytes chunk: UnsafeBufferPointer<UInt8>) -> [Line] {
        var lines: [Line] = []
        guard let base = chunk.baseAddress else { return lines }
        var index = 0
        let end = chunk.count
        while index < end {
            guard let hit = memchr(base + index, 0x0A, end - index) else {
                take(UnsafeBufferPointer(rebasing: chunk[index..<end]), into: &lines)
                return lines
            }
            let newline = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if buffer.isEmpty && !discarding {
                // Fast path: the whole line is in this chunk.
                let raw = newline - index
                let length = raw > 0 && base[newline - 1] == 0x0D ? raw - 1 : raw
                if raw > maxLineBytes + 1 {
                    lines.append(.oversize(bytesSeen: raw))
                } else if length > maxLineBytes {
                    lines.append(.oversize(bytesSeen: length))
                } else if length > 0 {
                    lines.append(.line(Array(UnsafeBufferPointer(start: base + index, count: length))))
                }
            } else {
                take(UnsafeBufferPointer(rebasing: chunk[index..<newline]), into: &lines)
                finishLine(into: &lines)
            }
            index = newline + 1
        }
        return lines
    }

    /// Ends the stream: returns the last line if it had no terminator.
    public mutating func finish() -> [Line] {
        var lines: [Line] = []
        finishLine(into: &lines)
        return lines
    }

    private mutating func take(_ part: UnsafeBufferPointer<UInt8>, into lines: inout [Line]) {
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
