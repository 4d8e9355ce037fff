#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw failure() }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure() }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw Failure(reason: "not a regular file", notFound: false) }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        var failed: Int32 = 0
        bytes.withUnsafeMutableBytes { raw in
            while done < size {
                let n = read(fd, raw.baseAddress! + done, size - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = errno
                    return
                }
                if n == 0 { break }
                done += n
            }
        }
        if failed != 0 { throw Failure(reason: String(cString: strerror(failed)), notFound: false) }
        if done < size { bytes.removeLast(size - done) }
        return bytes
    }

    /// Whether `path` exists.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    private static func failure() -> Failure {
        let code = errno
        return Failure(reason: String(cString: strerror(code)), notFound: code == ENOENT)
    }
}
