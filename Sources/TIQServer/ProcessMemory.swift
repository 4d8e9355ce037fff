#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import TIQCore

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

    /// The resident set now (`ResidentMemory.residentBytes`), uncached.
    static func readStatm() -> Int? {
        ResidentMemory.residentBytes()
    }

    private static func monotonicNanoseconds() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC_COARSE, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }
}
