#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes on file descriptors, retrying when a signal interrupts the call (`EINTR`).
///
/// The one place tiq spells the retry loop; callers say what they want (some bytes, all the
/// bytes written, everything until end of file) and get a plain answer.
public enum POSIXIO {
    /// Reads up to `buffer.count` bytes from `fd`: the count read, 0 at end of file, or -1 with
    /// `errno` set on an error other than an interruption.
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(fd, base, buffer.count)
            #else
            let n = Darwin.read(fd, base, buffer.count)
            #endif
            if n < 0 && errno == EINTR { continue }
            return n
        }
    }

    /// Writes every byte of `bytes` to `fd`, through partial writes and interruptions; false when
    /// the descriptor refuses more (closed pipe, full disk, `EAGAIN` on a non-blocking one).
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let n = Glibc.write(fd, base + offset, bytes.count - offset)
            #else
            let n = Darwin.write(fd, base + offset, bytes.count - offset)
            #endif
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return false }
        }
        return true
    }

    /// Writes every byte of `bytes` to `fd`; see `writeAll(_:_:)`.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    /// Reads from `fd` until `buffer` is full or the file ends: the count read (short only at end
    /// of file), or -1 with `errno` set on an error other than an interruption.
    public static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var done = 0
        while done < buffer.count {
            let n = read(fd, into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
            if n < 0 { return -1 }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// One `writev(2)` of `vectors` to `fd`, repeated when a signal interrupts it: the count
    /// written, or -1 with `errno` set (`EAGAIN` on a full non-blocking descriptor).
    public static func writev(_ fd: Int32, _ vectors: UnsafeBufferPointer<iovec>) -> Int {
        while true {
            #if canImport(Glibc)
            let n = Glibc.writev(fd, vectors.baseAddress, Int32(vectors.count))
            #else
            let n = Darwin.writev(fd, vectors.baseAddress, Int32(vectors.count))
            #endif
            if n < 0 && errno == EINTR { continue }
            return n
        }
    }

    /// Waits with `poll(2)` for the events asked in `descriptor` (none: only for an error or
    /// hang-up), at most `timeoutMs` milliseconds (-1: without limit). Returns poll's count (0 on
    /// time-out) or -1 with `errno` set; an interruption waits again, for what remains of the
    /// time.
    public static func poll(_ descriptor: inout pollfd, timeoutMs: Int32) -> Int32 {
        withUnsafeMutablePointer(to: &descriptor) { poll($0, count: 1, timeoutMs: timeoutMs) }
    }

    /// `poll(_:timeoutMs:)` on the first `count` descriptors of `descriptors`.
    public static func poll(_ descriptors: inout [pollfd], count: Int, timeoutMs: Int32) -> Int32 {
        precondition(count <= descriptors.count, "poll: more descriptors asked than given")
        return descriptors.withUnsafeMutableBufferPointer { poll($0.baseAddress!, count: count, timeoutMs: timeoutMs) }
    }

    private static func poll(_ fds: UnsafeMutablePointer<pollfd>, count: Int, timeoutMs: Int32) -> Int32 {
        let deadline = timeoutMs < 0 ? nil : monotonicMs() + Int(timeoutMs)
        while true {
            let left = deadline.map { Int32(clamping: max(0, $0 - monotonicMs())) } ?? -1
            #if canImport(Glibc)
            let n = Glibc.poll(fds, nfds_t(count), left)
            #else
            let n = Darwin.poll(fds, nfds_t(count), left)
            #endif
            if n < 0 && errno == EINTR { continue }
            return n
        }
    }

    /// Sleeps the calling thread for `milliseconds`, through interruptions.
    public static func sleep(milliseconds: Int) {
        var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    /// The monotonic clock in milliseconds.
    private static func monotonicMs() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t.tv_sec * 1000 + t.tv_nsec / 1_000_000
    }

    /// Every byte of `fd` until end of file (or until an error, keeping what was read).
    public static func readToEnd(_ fd: Int32) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, into: $0) }
            guard n > 0 else { return out }
            out += buffer[0..<n]
        }
    }
}
