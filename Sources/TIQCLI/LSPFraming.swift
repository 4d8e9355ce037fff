#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads Language Server Protocol messages framed by `Content-Length` headers from a file
/// descriptor (stdin): `Content-Length: N\r\n` (other headers ignored), a blank line, N bytes.
struct LSPMessageReader {
    /// A frame that cannot be read: a header without a length, or a length out of bounds.
    struct FramingError: Error, CustomStringConvertible {
        let description: String
    }

    /// The largest body accepted, in bytes.
    let maxBodyBytes: Int
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var atEnd = false

    /// Creates a reader over `fd`.
    init(fd: Int32 = 0, maxBodyBytes: Int = 64 << 20) {
        self.fd = fd
        self.maxBodyBytes = maxBodyBytes
    }

    /// The next message body, or nil at the end of input.
    mutating func next() throws(FramingError) -> [UInt8]? {
        var length: Int?
        // Headers: lines up to an empty one.
        while true {
            guard let line = readLine() else {
                if length == nil && buffer.isEmpty { return nil }
                throw FramingError(description: "input ended inside a message header")
            }
            if line.isEmpty {
                if length != nil { break }
                continue  // tolerate stray blank lines between messages
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let colon = text.firstIndex(of: ":") else {
                throw FramingError(description: "malformed header line `\(text.prefix(80))`: expected `Name: value`")
            }
            let name = text[..<colon].lowercased()
            let value = text[text.index(after: colon)...].trimmingSpaces
            if name == "content-length" {
                guard let n = Int(value), n >= 0, n <= maxBodyBytes else {
                    throw FramingError(description: "Content-Length `\(value)` is not a length between 0 and \(maxBodyBytes)")
                }
                length = n
            }
        }
        guard let length else { return nil }
        while buffer.count < length {
            guard fill() else { throw FramingError(description: "input ended after \(buffer.count) of \(length) body bytes") }
        }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return body
    }

    /// One header line without its `\r\n` (or `\n`), nil at the end of input.
    private mutating func readLine() -> [UInt8]? {
        var scanned = 0
        while true {
            if let nl = buffer[scanned...].firstIndex(of: 10) {
                var line = Array(buffer[..<nl])
                buffer.removeFirst(nl + 1)
                if line.last == 13 { line.removeLast() }
                return line
            }
            scanned = buffer.count
            guard buffer.count <= 64 << 10, fill() else { return nil }
        }
    }

    /// Reads more bytes into the buffer; false at the end of input or on an error.
    private mutating func fill() -> Bool {
        if atEnd { return false }
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                buffer.append(contentsOf: chunk[..<n])
                return true
            }
            if n < 0 && errno == EINTR { continue }
            atEnd = true
            return false
        }
    }
}

/// Writes LSP messages to a file descriptor (stdout) with their `Content-Length` header.
struct LSPMessageWriter {
    private let fd: Int32

    /// Creates a writer over `fd`.
    init(fd: Int32 = 1) { self.fd = fd }

    /// Writes one framed message; false when the other side has gone.
    @discardableResult
    func send(_ body: [UInt8]) -> Bool {
        let frame = Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
        var written = 0
        while written < frame.count {
            let n = frame.withUnsafeBytes { write(fd, $0.baseAddress! + written, frame.count - written) }
            if n > 0 {
                written += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
