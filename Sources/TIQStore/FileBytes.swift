#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore

/// Reads a whole file into memory with POSIX calls: one allocation the size of the file.
enum FileBytes {
    /// Why a file could not be read.
    struct Failure: Error {
        /// The `errno` description: "No such file or directory".
        let reason: String
        /// Whether the file does not exist (as opposed to being unreadable).
        let notFound: Bool
    }

    /// The bytes of the file at `path`.
    static func contents(of path: String) throws(Failure) -> [UInt8] {
        let fd: Int32, info: stat
        do { (fd, info) = try RegularFile.open(path) } catch { throw Failure(reason: error.reason, notFound: error.notFound) }
        defer { close(fd) }
        let size = Int(info.st_size)
        var failed: Int32 = 0
        // No zero-filling: the buffer is exactly as long as what `read` filled.
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            let n = POSIXIO.readFully(fd, into: UnsafeMutableRawBufferPointer(buffer))
            if n < 0 { failed = errno }
            initialized = max(n, 0)
        }
        if failed != 0 { throw Failure(reason: String(cString: strerror(failed)), notFound: false) }
        return bytes
    }

    /// Whether `path` exists.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
