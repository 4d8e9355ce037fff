#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import TIQCore

/// The file operations the fuzz targets need, on plain descriptors (no Foundation, so a target
/// links into a small libFuzzer binary).
public enum FuzzFiles {
    /// The bytes of the file at `path`, or nil when it cannot be opened.
    public static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return POSIXIO.readToEnd(fd)
    }

    /// Replaces the file at `path` with `bytes`; false when it cannot be written.
    @discardableResult
    public static func write(_ path: String, _ bytes: some Collection<UInt8>) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return POSIXIO.writeAll(fd, Array(bytes))
    }

    /// A fresh private directory for scratch files: on tmpfs (`/dev/shm`) when there is one,
    /// named after `purpose`, the process and a counter, so parallel fuzzers and tests never share.
    public static func scratchDirectory(_ purpose: String) -> String? {
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        let number = scratchCounter.wrappingAdd(1, ordering: .relaxed).newValue
        let directory = "\(base)/tiq-fuzz-\(purpose)-\(getpid())-\(number)"
        return mkdir(directory, 0o700) == 0 ? directory : nil
    }

    /// Removes `directory` and the plain files in it (the scratch directories hold no others).
    public static func removeScratch(_ directory: String) {
        if let dir = opendir(directory) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name != "." && name != ".." { unlink(directory + "/" + name) }
            }
            closedir(dir)
        }
        rmdir(directory)
    }
}

/// Counts the scratch directories made by this process (tests make them from many threads).
private let scratchCounter = Atomic<Int>(0)
