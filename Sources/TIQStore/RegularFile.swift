#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a dataset or snapshot file for reading, refusing at once anything that is not a
/// regular file.
///
/// A plain `open(path, O_RDONLY)` of a FIFO blocks until a writer appears (forever, for a worker
/// of the daemon), and a device such as `/dev/zero` reads without end. The file is opened with
/// `O_NONBLOCK` (which makes opening a FIFO return at once), checked with `fstat` to be a
/// regular file, then switched back to blocking reads.
public enum RegularFile {
    /// Why a file could not be opened.
    public struct Failure: Error, Sendable {
        /// What went wrong: the `errno` description ("No such file or directory") or
        /// "not a regular file (a FIFO)".
        public let reason: String
        /// Whether the file does not exist (as opposed to being unreadable or of the wrong kind).
        public let notFound: Bool
    }

    /// An open descriptor on the regular file at `path` and its `stat`; the caller closes it.
    public static func open(_ path: String) throws(Failure) -> (fd: Int32, info: stat) {
        let fd = openFile(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw Failure(reason: String(cString: strerror(code)), notFound: code == ENOENT)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw Failure(reason: String(cString: strerror(code)), notFound: false)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw Failure(reason: "not a regular file (\(kind(info.st_mode)))", notFound: false)
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return (fd, info)
    }

    /// A short name for the kind of file `mode` describes.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a plain file"
        }
    }
}

/// `open(2)`, under a name that `RegularFile.open` does not shadow.
private func openFile(_ path: String, _ flags: Int32) -> Int32 {
    open(path, flags)
}
