#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the system says about memory: this process's resident set, the machine's physical
/// memory and the limit of the control group it runs in. Every reading is nil where the file
/// behind it is absent (no /proc, no cgroup limit).
public enum ResidentMemory {
    /// The resident set of this process in bytes: the second field of /proc/self/statm (resident
    /// pages) times the page size, the same figure as `VmRSS` in /proc/self/status.
    public static func residentBytes() -> Int? {
        guard let text = smallFile("/proc/self/statm") else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The machine's physical memory: `MemTotal` of /proc/meminfo.
    public static func physicalBytes() -> Int? {
        guard let text = smallFile("/proc/meminfo", limit: 8192) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemTotal:") {
            let number = line.dropFirst("MemTotal:".count).split(separator: " ").first
            return number.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }

    /// The memory limit of this process's control group: cgroup v2 `memory.max`, else cgroup v1
    /// `memory.limit_in_bytes`; nil when there is none ("max", or v1's huge "no limit" value).
    public static func cgroupLimitBytes() -> Int? {
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            guard let text = smallFile(path) else { continue }
            let value = text.split(separator: "\n").first.map(String.init) ?? ""
            if value == "max" { return nil }
            // cgroup v1 writes "no limit" as a page-rounded Int64.max.
            if let bytes = Int(value), bytes > 0, bytes < 1 << 60 { return bytes }
            return nil
        }
        return nil
    }

    /// The text of a small pseudo-file (at most `limit` bytes), read in one `read`; nil if absent.
    static func smallFile(_ path: String, limit: Int = 256) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: limit)
        let filled = buffer.withUnsafeMutableBytes { POSIXIO.readFully(fd, into: $0) }
        guard filled > 0 else { return nil }
        return String(decoding: buffer[0..<filled], as: UTF8.self).trimmingSuffixNewlines()
    }
}

private extension String {
    func trimmingSuffixNewlines() -> String {
        var s = Substring(self)
        while s.last == "\n" || s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
