/// What a framer found in the byte stream: a message body, a message skipped for its size, or
/// a stream whose framing is lost.
public enum Frame: Sendable, Hashable {
    /// A complete message body, without its framing.
    case message([UInt8])
    /// A message longer than the limit was skipped; `bytesSeen` counts its bytes seen (at
    /// least the limit plus one).
    case oversize(bytesSeen: Int)
    /// The framing cannot be followed any further (a header without a length, input ending
    /// inside a message): nothing after it can be read. `reason` says what was found.
    case broken(String)
}

/// How messages are delimited on a connection: one per line (`tiq serve`), or each after a
/// `Content-Length` header (the Language Server Protocol, `tiq lsp`).
public enum MessageFraming: Sendable, Hashable {
    /// One message per line, ended by `\n` (`LineFramer`).
    case newline
    /// `Content-Length: N\r\n`, other headers, a blank line, then N bytes (`ContentLengthFramer`).
    case contentLength

    /// A framer of this kind accepting messages up to `maxMessageBytes`.
    public func makeFramer(maxMessageBytes: Int) -> MessageFramer {
        switch self {
        case .newline: MessageFramer(.line(LineFramer(maxLineBytes: maxMessageBytes)))
        case .contentLength: MessageFramer(.contentLength(ContentLengthFramer(maxBodyBytes: maxMessageBytes)))
        }
    }

    /// Appends `body` framed for the wire to `out`.
    public func append(_ body: [UInt8], to out: inout [UInt8]) {
        switch self {
        case .newline:
            out.append(contentsOf: body)
            out.append(0x0A)
        case .contentLength:
            out.append(contentsOf: header(bodyCount: body.count))
            out.append(contentsOf: body)
        }
    }

    /// What goes before a body of `bodyCount` bytes (nothing for lines).
    public func header(bodyCount: Int) -> [UInt8] {
        switch self {
        case .newline: []
        case .contentLength: Array("Content-Length: \(bodyCount)\r\n\r\n".utf8)
        }
    }

    /// What goes after a body (a newline for lines, nothing after a counted body).
    public var trailer: [UInt8] {
        switch self {
        case .newline: [0x0A]
        case .contentLength: []
        }
    }
}

/// Either framer behind one interface, so the reader of a connection need not know which.
public struct MessageFramer: Sendable {
    enum Kind: Sendable {
        case line(LineFramer)
        case contentLength(ContentLengthFramer)
    }

    private var kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// Feeds `chunk` and returns the frames it completes, in order.
    public mutating func append(bytes chunk: UnsafeBufferPointer<UInt8>) -> [Frame] {
        switch kind {
        case .line(var framer):
            let lines = framer.append(bytes: chunk)
            kind = .line(framer)
            return lines.map(Self.frame)
        case .contentLength(var framer):
            let frames = framer.append(bytes: chunk)
            kind = .contentLength(framer)
            return frames
        }
    }

    /// Ends the stream: the last frames, or `.broken` when it ended inside a message.
    public mutating func finish() -> [Frame] {
        switch kind {
        case .line(var framer):
            let lines = framer.finish()
            kind = .line(framer)
            return lines.map(Self.frame)
        case .contentLength(var framer):
            let frames = framer.finish()
            kind = .contentLength(framer)
            return frames
        }
    }

    private static func frame(_ line: LineFramer.Line) -> Frame {
        switch line {
        case .line(let bytes): .message(bytes)
        case .oversize(let seen): .oversize(bytesSeen: seen)
        }
    }
}
