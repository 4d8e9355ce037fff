#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore

/// A private copy of a whole snapshot file in memory this process owns, in the manner of
/// swift-nio's storage classes: one final class allocates the bytes, frees them in `deinit`, and
/// lends them only inside `withUnsafeBytes`, so no pointer outlives the owner.
///
/// Why a copy and not a mapping: pages of a mapped file are read from the file when first
/// touched, so a file truncated while it is served kills the process with SIGBUS, and a file
/// rewritten in place changes answers under the same snapshot id. A copy read with `read(2)` is
/// immune to both: truncation during the read is a short read (refused as `wrongSize`), a rewrite
/// during the read fails the checksum, and nothing done to the file afterwards reaches the copy.
final class SnapshotFileImage {
    /// The owned bytes; `count` is the file's size when it was read.
    private let storage: UnsafeMutableRawBufferPointer

    /// Reads every byte of the open regular file `fd`, of `size` bytes by `fstat`. Fails with the
    /// `errno` of a failed read, or with the count read when the file ended early (it was
    /// truncated since `fstat`).
    init(fd: Int32, size: Int) throws(ReadFailure) {
        // Filled before `storage` is set: a failure frees it here, and `deinit` never sees it.
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        let n = POSIXIO.readFully(fd, into: bytes)
        let code = errno
        guard n == size else {
            bytes.deallocate()
            throw n < 0 ? .error(errno: code) : .shortRead(count: n)
        }
        storage = bytes
    }

    deinit { storage.deallocate() }

    /// How many bytes the copy holds.
    var count: Int { storage.count }

    /// Calls `body` with the bytes; they must not escape it.
    func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(storage))
    }

    /// Why reading the file failed.
    enum ReadFailure: Error {
        /// `read(2)` failed with this `errno`.
        case error(errno: Int32)
        /// The file held only `count` bytes: it shrank while being read.
        case shortRead(count: Int)
    }
}

/// Bytes of a `SnapshotFileImage` handed to another thread; the image outlives every reader
/// because the opener waits for them inside `withUnsafeBytes`.
struct SendableBytes: @unchecked Sendable {
    /// The borrowed bytes.
    let bytes: UnsafeRawBufferPointer
}
