#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The resident memory of this process, for `status`.
enum ProcessMemory {
    /// How long a reading is reused: `status` may be polled in a tight loop, and reading /proc
    /// costs three system calls, more than the rest of a `status` request.
    static let maxAgeNanoseconds: UInt64 = 10_000_000

    /// The last reading and when it was taken (monotonic nanoseconds); nil before the first.
    private static let cache = Mutex<(bytes: Int?, at: UInt64)?>(nil)

    /// The resident set in bytes, as read from /proc at most `maxAgeNanoseconds` ago; nil where
    /// /proc is absent.
    static func residentBytes() -> Int? {
        let now = monotonicNanoseconds()
        if let cached = cache.withLock({ $0 }), now &- cached.at < maxAgeNanoseconds { return cached.bytes }
        let bytes = readStatm()
        cache.withLock { $0 = (bytes, now) }
        return bytes
    }

    /// The second field of /proc/self/statm (resident pages) times the page size: the same
    /// figure as `VmRSS` in /proc/self/status, without text to split.
    static func readStatm() -> Int? {
        let fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        // "size resident shared text lib data dt": skip the first number, parse the second.
        var i = 0
        while i < n && buffer[i] != 0x20 { i += 1 }
        i += 1
        var pages = 0
        var digits = 0
        while i < n, buffer[i] >= 0x30, buffer[i] <= 0x39 {
            pages = pages * 10 + Int(buffer[i] - 0x30)
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    private static func monotonicNanoseconds() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC_COARSE, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }
}
