#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

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

    /// How long `recentResidentBytes` reuses a reading: the engine asks every few thousand
    /// rows and `status` may be polled in a tight loop, while reading /proc costs three system
    /// calls.
    public static let maxReadingAgeNanoseconds: UInt64 = 5_000_000

    /// The last reading and when it was taken (monotonic nanoseconds); nil before the first.
    private static let lastReading = Mutex<(bytes: Int?, at: UInt64)?>(nil)

    /// `residentBytes()` as read at most `maxReadingAgeNanoseconds` ago.
    public static func recentResidentBytes() -> Int? {
        let now = monotonicNanoseconds()
        if let last = lastReading.withLock({ $0 }), now &- last.at < maxReadingAgeNanoseconds { return last.bytes }
        let bytes = residentBytes()
        lastReading.withLock { $0 = (bytes, now) }
        return bytes
    }

    /// `residentBytes()` read now, and kept for `recentResidentBytes`.
    public static func freshResidentBytes() -> Int? {
        let bytes = residentBytes()
        lastReading.withLock { $0 = (bytes, monotonicNanoseconds()) }
        return bytes
    }

    private static func monotonicNanoseconds() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC_COARSE, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
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
