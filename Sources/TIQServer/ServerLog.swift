#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Log lines on stderr, one `write` each so concurrent lines never interleave.
///
/// stdout belongs to the protocol; anything for a person goes here.
enum ServerLog {
    /// Writes `tiq serve: <message>` to stderr.
    static func info(_ message: String) {
        let line = Array("tiq serve: \(message)\n".utf8)
        line.withUnsafeBufferPointer { p in
            var offset = 0
            while offset < p.count {
                let n = write(2, p.baseAddress! + offset, p.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
            }
        }
    }
}
