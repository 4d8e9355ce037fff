#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore
import TIQStore

/// Whole-file reads, directory creation and existence checks, with `DataError`s that name the path.
public enum FileIO {
    /// The bytes of the file at `path`.
    public static func read(_ path: String) throws(DataError) -> [UInt8] {
        let fd: Int32, st: stat
        do { (fd, st) = try RegularFile.open(path) } catch {
            throw DataError("cannot open: \(error.reason)", at: path, fix: "name a regular file")
        }
        defer { close(fd) }
        var out: [UInt8] = []
        if st.st_size > 0 { out.reserveCapacity(Int(st.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        // Each chunk is watched for an overlong line: a one-line 1 GB file stops after a megabyte.
        var bound = LineLengthBound()
        while true {
            let n = chunk.withUnsafeMutableBytes { POSIXIO.read(fd, into: $0) }
            if n < 0 { throw DataError("read failed: \(String(cString: strerror(errno)))", at: path) }
            if n == 0 { break }
            if let reason = chunk.withUnsafeBytes({ bound.scan(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }) {
                throw DataError(reason, at: path, fix: "check that this is the right file, and that its lines end with a line feed")
            }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// Whether `path` exists and is a regular file.
    public static func isFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether `path` exists and is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Creates the directory `path` and its missing parents.
    public static func makeDirectory(_ path: String) throws(DataError) {
        if isDirectory(path) { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if !isDirectory(prefix), mkdir(prefix, 0o755) != 0, errno != EEXIST {
                throw DataError("cannot create directory: \(String(cString: strerror(errno)))", at: prefix)
            }
            prefix += "/"
        }
    }

    /// `directory/name`.
    public static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
