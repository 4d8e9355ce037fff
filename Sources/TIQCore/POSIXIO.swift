#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes on file descriptors, retrying when a signal interrupts the call (`EINTR`).
///
/// The one place tiq spells the retry loop; callers say what they want (some bytes, all the
/// bytes written, everything until end of file) and get a plain answer.
public enum POSIXIO {
    /// Reads up to `buffer.count` bytes from `fd`: the count read, 0 at end of file, or -1 with
    /// `errno` set on an error other than an interruption.
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(fd, base, buffer.count)
            #else
            let n = Darwin.read(fd, base, buffer.count)
            #endif
            if n < 0 && errno == EINTR { continue }
            return n
        }
    }

    /// Writes every byte of `bytes` to `fd`, through partial writes and interruptions; false when
    /// the descriptor refuses more (closed pipe, full disk, `EAGAIN` on a non-blocking one).
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let n = Glibc.write(fd, base + offset, bytes.count - offset)
            #else
            let n = Darwin.write(fd, base + offset, bytes.count - offset)
            #endif
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return false }
        }
        return true
    }

    /// Writes every byte of `bytes` to `fd`; see `writeAll(_:_:)`.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    /// Every byte of `fd` until end of file (or until an error, keeping what was read).
    public static func readToEnd(_ fd: Int32) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, into: $0) }
            guard n > 0 else { return out }
            out += buffer[0..<n]
        }
    }
}
