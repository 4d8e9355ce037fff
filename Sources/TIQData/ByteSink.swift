#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore

/// A buffered writer of bytes to a file, with fast number formatting: the writer of every CSV.
///
/// Appends go to a 1 MiB buffer flushed with `write(2)`; numbers are formatted into the buffer
/// without building a `String` per cell.
public final class ByteSink {
    private let fd: Int32
    private let path: String
    private var buffer: [UInt8] = []
    private let capacity = 1 << 20
    private var closed = false

    /// Opens (creating or truncating) the file at `path`.
    public init(path: String) throws(DataError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw DataError("cannot write: \(String(cString: strerror(errno)))", at: path,
                            fix: "check that the directory exists and is writable")
        }
        self.fd = fd
        self.path = path
        buffer.reserveCapacity(capacity + 4096)
    }

    deinit { if !closed { _ = try? close() } }

    /// Appends one raw byte (a separator, a newline).
    @inline(__always)
    public func appendByte(_ byte: UInt8) { buffer.append(byte) }

    /// Appends a run of raw bytes.
    @inline(__always)
    public func appendBytes(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    /// Appends the UTF-8 bytes of `text`, unquoted.
    public func append(_ text: String) {
        var t = text
        t.withUTF8 { buffer.append(contentsOf: $0) }
    }

    /// Appends `text` as one CSV field: quoted (RFC 4180) only when it holds `,`, `"`, CR or LF.
    public func appendField(_ text: String) {
        var needsQuotes = false
        for b in text.utf8 where b == 44 || b == 34 || b == 10 || b == 13 { needsQuotes = true; break }
        if !needsQuotes { append(text); return }
        buffer.append(34)
        for b in text.utf8 {
            if b == 34 { buffer.append(34) }
            buffer.append(b)
        }
        buffer.append(34)
    }

    /// Appends a decimal integer.
    public func append(_ value: Int) {
        if value >= 0 && value < 10 { buffer.append(UInt8(48 + value)); return }
        var v = value.magnitude
        if value < 0 { buffer.append(45) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits, no allocation
        var n = 24
        withUnsafeMutableBytes(of: &digits) { raw in
            while v > 0 {
                n -= 1
                raw[n] = UInt8(48 + v % 10)
                v /= 10
            }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[n..<24]))
        }
    }

    /// Appends a number in the shortest text that reads back to the same `Double`; nothing for NaN.
    ///
    /// Whole numbers below 2^53 are written as integers (`12`, not `12.0`).
    public func append(number value: Double) {
        if value.isNaN { return }
        if value == value.rounded(), abs(value) < 9.007_199_254_740_992e15 {
            append(Int(value))
            return
        }
        append(value.description)  // Swift prints the shortest round-trip form
    }

    /// Writes the buffer out if it is large enough.
    @inline(__always)
    public func flushIfNeeded() throws(DataError) {
        if buffer.count >= capacity { try flush() }
    }

    /// Writes the buffer out.
    public func flush() throws(DataError) {
        errno = 0
        guard POSIXIO.writeAll(fd, buffer) else {
            let reason = errno == 0 ? "the file accepts no more bytes" : String(cString: strerror(errno))
            throw DataError("write failed: \(reason)", at: path)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    public func close() throws(DataError) {
        guard !closed else { return }
        closed = true
        try flush()
        if systemClose(fd) != 0 {
            throw DataError("close failed: \(String(cString: strerror(errno)))", at: path)
        }
    }
}

/// `close(2)`, under a name that `ByteSink.close` does not shadow.
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
