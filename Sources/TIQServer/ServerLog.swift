#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore
import Synchronization

/// Log lines on stderr, one `write` each so concurrent lines never interleave.
///
/// stdout belongs to the protocol; anything for a person goes here.
enum ServerLog {
    /// The program name starting each line. Invariant: set once at startup, before any thread logs.
    private static let name = Mutex("tiq serve")

    /// Sets the program name starting each line (`tiq serve`, `tiq lsp`).
    static func setName(_ newName: String) { name.withLock { $0 = newName } }

    /// Writes `<name>: <message>` to stderr.
    static func info(_ message: String) {
        POSIXIO.writeAll(2, Array("\(name.withLock { $0 }): \(message)\n".utf8))
    }
}
