#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The only writer of protocol messages: each message goes out as one whole line, under a lock.
///
/// Created by `takeOverStdout()`, which moves the real stdout to a private descriptor and
/// points fd 1 at stderr, so a stray `print` can never corrupt the stream.
final class ProtocolOutput: Sendable {
    /// The descriptor lines are written to. Invariant: only `send` writes to it, holding `lock`.
    private let fd: Int32
    /// Serializes writers so lines never interleave; guards `broken` (the peer closed the pipe).
    private let lock = Mutex<Bool>(false)

    /// Called once, the first time a write fails because the peer has gone.
    private let brokenHandler = Mutex<(@Sendable () -> Void)?>(nil)

    /// Wraps a descriptor.
    init(fd: Int32) { self.fd = fd }

    /// Sets what to do when the client closes its end of the pipe (the daemon stops).
    func onBroken(_ handler: @escaping @Sendable () -> Void) {
        brokenHandler.withLock { $0 = handler }
    }

    /// Duplicates fd 1 for protocol writes, then redirects fd 1 to stderr (sourcekit-lsp does
    /// the same). Also ignores SIGPIPE so a closed client shows up as a write error, not a kill.
    static func takeOverStdout() -> ProtocolOutput {
        signal(SIGPIPE, SIG_IGN)
        let protocolFD = dup(1)
        guard protocolFD >= 0 else {
            ServerLog.info("cannot duplicate stdout (errno \(errno)); writing protocol lines to fd 1")
            return ProtocolOutput(fd: 1)
        }
        _ = fcntl(protocolFD, F_SETFD, FD_CLOEXEC)
        if dup2(2, 1) < 0 {
            ServerLog.info("cannot point stdout at stderr (errno \(errno)); stray prints may corrupt the stream")
        }
        return ProtocolOutput(fd: protocolFD)
    }

    /// Writes `message` and a newline as one line. Returns false once the peer has gone.
    ///
    /// The two writes happen under one lock hold, so no other line can come between them, and
    /// a large result is not copied just to append its newline.
    @discardableResult
    func send(_ message: [UInt8]) -> Bool {
        let (ok, justBroke) = lock.withLock { broken -> (Bool, Bool) in
            if broken { return (false, false) }
            let newline: [UInt8] = [0x0A]
            let ok = writeAll(message) && writeAll(newline)
            if !ok {
                broken = true
                ServerLog.info("the client closed stdout (errno \(errno)); replies are dropped from now on")
            }
            return (ok, !ok)
        }
        if justBroke, let handler = brokenHandler.withLock({ $0 }) { handler() }
        return ok
    }

    /// Writes every byte of `bytes`, retrying short writes and interruptions.
    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { p -> Bool in
            guard let base = p.baseAddress else { return true }
            var offset = 0
            while offset < p.count {
                let n = write(fd, base + offset, p.count - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && (errno == EINTR || errno == EAGAIN) {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }
}
