#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw DataError("read failed: \(String(cString: strerror(errno)))", at: path)
            }
            if n == 0 { break }
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

/// `read(2)`, under a name that `FileIO.read` does not shadow.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
