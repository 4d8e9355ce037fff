/// Splits a byte stream into the messages of the Language Server Protocol's base protocol:
/// header lines (`Content-Length: N` is required, other headers are ignored, names are
/// case-insensitive), a blank line, then exactly N bytes of body.
///
/// A pure value type with no I/O, tested by drip-feeding like `LineFramer`. Header lines may
/// end with `\r\n` or `\n`; blank lines between messages are tolerated. A body longer than
/// `maxBodyBytes` is skipped without being buffered and reported once as `.oversize`, and the
/// stream goes on. A header line that is not `Name: value`, a length that is not a number, or
/// a header longer than `maxHeaderBytes` loses the framing: `.broken`, and nothing more.
public struct ContentLengthFramer: Sendable {
    /// The longest body accepted, in bytes.
    public let maxBodyBytes: Int
    /// The longest header section accepted, in bytes.
    public static let maxHeaderBytes = 8 << 10

    private enum State: Sendable {
        /// Reading header lines; `length` once `Content-Length` was seen, `headerBytes` so far.
        case headers(length: Int?, headerBytes: Int)
        /// Collecting a body of `length` bytes.
        case body(length: Int)
        /// Dropping the rest of an oversize body.
        case skipping(remaining: Int)
        /// The framing was lost: everything else is ignored.
        case broken
    }

    private var state = State.headers(length: nil, headerBytes: 0)
    /// Bytes not consumed yet.
    private var buffer: [UInt8] = []

    /// Creates a framer accepting bodies up to `maxBodyBytes` bytes.
    public init(maxBodyBytes: Int = 16 << 20) {
        self.maxBodyBytes = max(1, maxBodyBytes)
    }

    /// Feeds `chunk` and returns the frames it completes, in order.
    public mutating func append(_ chunk: some Collection<UInt8>) -> [Frame] {
        Array(chunk).withUnsafeBufferPointer { append(bytes: $0) }
    }

    /// Feeds contiguous bytes.
    public mutating func append(bytes chunk: UnsafeBufferPointer<UInt8>) -> [Frame] {
        var frames: [Frame] = []
        var input = chunk[...]
        while !input.isEmpty {
            switch state {
            case .broken:
                return frames
            case .skipping(let remaining):
                let n = min(remaining, input.count)
                input = input.dropFirst(n)
                state = remaining == n ? .headers(length: nil, headerBytes: 0) : .skipping(remaining: remaining - n)
            case .body(let length):
                let n = min(length - buffer.count, input.count)
                buffer.append(contentsOf: input.prefix(n))
                input = input.dropFirst(n)
                if buffer.count == length {
                    frames.append(.message(buffer))
                    buffer = []
                    state = .headers(length: nil, headerBytes: 0)
                }
            case .headers(let length, let headerBytes):
                guard let newline = input.firstIndex(of: 0x0A) else {
                    buffer.append(contentsOf: input)
                    input = input[input.endIndex...]
                    if headerBytes + buffer.count > Self.maxHeaderBytes { lose("a message header longer than \(Self.maxHeaderBytes) bytes", into: &frames) }
                    continue
                }
                buffer.append(contentsOf: input[input.startIndex..<newline])
                input = input[(newline + 1)...]
                var line = buffer
                buffer = []
                if line.last == 0x0D { line.removeLast() }
                headerLine(line, length: length, headerBytes: headerBytes + line.count + 1, into: &frames)
            }
        }
        return frames
    }

    /// Ends the stream: `.broken` if it ended inside a message, else nothing.
    public mutating func finish() -> [Frame] {
        var frames: [Frame] = []
        switch state {
        case .headers(let length, _):
            if length != nil || buffer.contains(where: { $0 != 0x0D && $0 != 0x20 && $0 != 0x09 }) {
                lose("input ended inside a message header", into: &frames)
            }
        case .body(let length):
            lose("input ended after \(buffer.count) of \(length) body bytes", into: &frames)
        case .skipping, .broken:
            break
        }
        return frames
    }

    private mutating func headerLine(_ line: [UInt8], length: Int?, headerBytes: Int, into frames: inout [Frame]) {
        if headerBytes > Self.maxHeaderBytes {
            lose("a message header longer than \(Self.maxHeaderBytes) bytes", into: &frames)
            return
        }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            // The blank line ends the headers; blank lines before any header are tolerated.
            guard let length else {
                state = .headers(length: nil, headerBytes: 0)
                return
            }
            if length > maxBodyBytes {
                frames.append(.oversize(bytesSeen: length))
                state = length == 0 ? .headers(length: nil, headerBytes: 0) : .skipping(remaining: length)
            } else if length == 0 {
                frames.append(.message([]))
                state = .headers(length: nil, headerBytes: 0)
            } else {
                state = .body(length: length)
            }
            return
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else {
            lose("malformed header line `\(text.prefix(80))`: expected `Name: value`", into: &frames)
            return
        }
        var newLength = length
        if text[..<colon].lowercased() == "content-length" {
            let value = text[text.index(after: colon)...].trimmingCharacters(" \t")
            guard let n = Int(value), n >= 0 else {
                lose("Content-Length `\(value.prefix(40))` is not a length in bytes", into: &frames)
                return
            }
            newLength = n
        }
        state = .headers(length: newLength, headerBytes: headerBytes)
    }

    private mutating func lose(_ reason: String, into frames: inout [Frame]) {
        frames.append(.broken(reason))
        state = .broken
        buffer = []
    }
}

extension Substring {
    fileprivate func trimmingCharacters(_ set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
