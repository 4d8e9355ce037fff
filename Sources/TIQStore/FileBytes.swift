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
        try contents { () throws(RegularFile.Failure) in try RegularFile.open(path) }
    }

    /// The bytes of the file that `open` opens.
    static func contents(opening open: () throws(RegularFile.Failure) -> (fd: Int32, info: stat)) throws(Failure) -> [UInt8] {
        let fd: Int32, info: stat
        do { (fd, info) = try open() } catch { throw Failure(reason: error.reason, notFound: error.notFound) }
        defer { close(fd) }
        let size = Int(info.st_size)
        var failed: Int32 = 0
        var tooLong: String?
        var bound = LineLengthBound()
        // No zero-filling: the buffer is exactly as long as what `read` filled. Read in chunks,
        // each watched for an overlong line, so a one-line 1 GB file stops after a megabyte.
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size, let base = buffer.baseAddress {
                let chunk = UnsafeMutableRawBufferPointer(start: base + done, count: min(size - done, 1 << 20))
                let n = POSIXIO.read(fd, into: chunk)
                if n < 0 {
                    failed = errno
                    break
                }
                if n == 0 { break }
                if let reason = bound.scan(UnsafeRawBufferPointer(rebasing: chunk[0..<n])) {
                    tooLong = reason
                    break
                }
                done += n
            }
            initialized = done
        }
        if let tooLong { throw Failure(reason: tooLong, notFound: false) }
        if failed != 0 { throw Failure(reason: String(cString: strerror(failed)), notFound: false) }
        return bytes
    }

    /// Whether `path` exists.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
