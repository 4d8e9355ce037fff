#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore
import Dispatch
import Foundation
import Synchronization
import TIQWire

/// The only writer of protocol messages: each message goes out whole and framed (a line, or
/// a `Content-Length` header and its body), under a lock.
///
/// For `tiq serve` and `tiq lsp` it is created by `takeOverStdout()`, which moves the real
/// stdout to a private descriptor and points fd 1 at stderr, so a stray `print` can never
/// corrupt the stream. An endpoint on other descriptors writes to the one it was given
/// (`init(descriptor:framing:)`) and closes it with `close()`.
final class ProtocolOutput: Sendable {
    /// The descriptor lines are written to. Invariant: only `send` writes to it, holding `lock`.
    private let fd: Int32
    /// How each message is framed.
    let framing: MessageFraming
    /// Serializes writers so lines never interleave; guards `broken` (the peer closed the pipe).
    private let lock = Mutex<Bool>(false)

    /// Called once, the first time a write fails because the peer has gone.
    private let brokenHandler = Mutex<(@Sendable () -> Void)?>(nil)

    /// Wraps a descriptor.
    init(fd: Int32, framing: MessageFraming = .newline) {
        self.fd = fd
        self.framing = framing
    }

    /// Writes to `descriptor`, which it owns until `close()`; stdout is left alone. SIGPIPE is
    /// ignored, as for stdout, so a client closing its end shows up as a write error.
    convenience init(descriptor: Int32, framing: MessageFraming) {
        signal(SIGPIPE, SIG_IGN)
        self.init(fd: descriptor, framing: framing)
    }

    /// Stops writing for good and closes the descriptor, after stopping the watch for the
    /// client's close (whose `poll(2)` holds the pipe open while it waits, so the client would
    /// never see the end). Taken under the writers' lock, so a reply finished afterwards is
    /// dropped, never written to whatever reuses the number.
    func close() {
        if let watcher = watcher.withLock({ $0 }) {
            POSIXIO.writeAll(watcher.wake, [1])
            watcher.done.wait()
            closeDescriptor(watcher.wake)
        }
        lock.withLock { broken in
            broken = true
            closeDescriptor(fd)
        }
        // The handler holds the endpoint that holds this output: let both go.
        brokenHandler.withLock { $0 = nil }
    }

    /// The pipe end that wakes a stoppable watch (`watchForClose(stoppable:)`), and what it
    /// signals once it has stopped polling.
    private let watcher = Mutex<(wake: Int32, done: DispatchSemaphore)?>(nil)

    /// Sets what to do when the client closes its end of the pipe (the daemon stops).
    func onBroken(_ handler: @escaping @Sendable () -> Void) {
        brokenHandler.withLock { $0 = handler }
    }

    /// Duplicates fd 1 for protocol writes, then redirects fd 1 to stderr (sourcekit-lsp does
    /// the same). Also ignores SIGPIPE so a closed client shows up as a write error, not a kill.
    static func takeOverStdout(framing: MessageFraming) -> ProtocolOutput {
        signal(SIGPIPE, SIG_IGN)
        let protocolFD = dup(1)
        guard protocolFD >= 0 else {
            ServerLog.info("cannot duplicate stdout (errno \(errno)); writing protocol lines to fd 1")
            return ProtocolOutput(fd: 1, framing: framing)
        }
        _ = fcntl(protocolFD, F_SETFD, FD_CLOEXEC)
        if dup2(2, 1) < 0 {
            ServerLog.info("cannot point stdout at stderr (errno \(errno)); stray prints may corrupt the stream")
        }
        return ProtocolOutput(fd: protocolFD, framing: framing)
    }

    /// Watches, on a thread of its own, for the client closing its end of a pipe or socket, so
    /// that the endpoint stops (and cancels running work) at once rather than at its next write.
    /// A `stoppable` watch ends at `close()` (an endpoint on descriptors given to it); otherwise
    /// it lasts as long as the process (`tiq serve`, `tiq lsp`).
    func watchForClose(stoppable: Bool = false) {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFIFO || (info.st_mode & S_IFMT) == S_IFSOCK else { return }
        var wake: [Int32] = [-1, -1]
        // Without a way to stop it, a stoppable watch is not started: the end of input still stops the endpoint.
        if stoppable {
            guard pipe(&wake) == 0 else { return }
            for end in wake { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        }
        let done = DispatchSemaphore(value: 0)
        if stoppable { watcher.withLock { $0 = (wake[1], done) } }
        let wakeRead = wake[0]
        let thread = Thread { [self] in
            // No events asked on `fd`: poll(2) returns only for POLLERR or POLLHUP (the reader is gone).
            var fds = [pollfd(fd: fd, events: 0, revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let count = wakeRead >= 0 ? 2 : 1
            var gone = false
            while true {
                let n = POSIXIO.poll(&fds, count: count, timeoutMs: -1)
                if n < 0 || (count == 2 && fds[1].revents != 0) { break }
                if n > 0 && fds[0].revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 {
                    gone = true
                    break
                }
            }
            if wakeRead >= 0 { closeDescriptor(wakeRead) }
            defer { done.signal() }
            guard gone else { return }
            let justBroke = lock.withLock { broken -> Bool in
                if broken { return false }
                broken = true
                return true
            }
            if justBroke {
                ServerLog.info("the client closed stdout; cancelling what runs")
                brokenHandler.withLock { $0 }?()
            }
        }
        thread.name = "tiq-stdout-watch"
        thread.start()
    }

    /// Writes `message` framed. Returns false once the peer has gone.
    ///
    /// One `writev(2)` under the lock sends the framing and the message together, so no other
    /// message can come between them and a large result is not copied just to frame it.
    @discardableResult
    func send(_ message: [UInt8]) -> Bool {
        let header = framing.header(bodyCount: message.count)
        let trailer = framing.trailer
        return header.withUnsafeBytes { h in
            message.withUnsafeBytes { m in
                trailer.withUnsafeBytes { t in write([h, m, t]) }
            }
        }
    }

    /// Writes `lines`, whole messages already framed by the caller (the reader thread gathers
    /// the replies it answered inline into one buffer), with as few system calls as the pipe
    /// allows. Returns false once the peer has gone.
    @discardableResult
    func sendLines(_ lines: [UInt8]) -> Bool {
        lines.withUnsafeBytes { write([$0]) }
    }

    /// Writes `parts` back to back under the lock; marks the output broken on failure.
    private func write(_ parts: [UnsafeRawBufferPointer]) -> Bool {
        let (ok, justBroke) = lock.withLock { broken -> (Bool, Bool) in
            if broken { return (false, false) }
            let ok = writeAll(parts)
            if !ok {
                broken = true
                ServerLog.info("the client closed stdout (errno \(errno)); replies are dropped from now on")
            }
            return (ok, !ok)
        }
        if justBroke, let handler = brokenHandler.withLock({ $0 }) { handler() }
        return ok
    }

    /// Writes every byte of `parts` with `writev(2)`, retrying short writes and interruptions.
    private func writeAll(_ parts: [UnsafeRawBufferPointer]) -> Bool {
        var vectors = parts.filter { $0.count > 0 }.map {
            iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count)
        }
        var first = 0
        while first < vectors.count {
            let n = vectors[first...].withUnsafeBufferPointer { POSIXIO.writev(fd, $0) }
            if n < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    // A non-blocking stdout: wait until the client reads, do not spin.
                    var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = POSIXIO.poll(&p, timeoutMs: -1)
                    continue
                }
                return false
            }
            if n == 0 { return false }
            // Skip what was written: whole vectors, then the front of a partly written one.
            var written = n
            while first < vectors.count && written >= vectors[first].iov_len {
                written -= vectors[first].iov_len
                first += 1
            }
            if written > 0 {
                vectors[first].iov_base = vectors[first].iov_base.map { $0 + written }
                vectors[first].iov_len -= written
            }
        }
        return true
    }
}

/// `close(2)`, from inside a type that has a `close()` of its own.
private func closeDescriptor(_ fd: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(fd)
    #else
    _ = Darwin.close(fd)
    #endif
}
