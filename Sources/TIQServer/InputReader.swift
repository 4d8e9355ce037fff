#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore
import Foundation
import TIQWire

/// Reads the endpoint's input (fd 0 for `tiq serve` and `tiq lsp`) on a dedicated thread with
/// blocking `read(2)` and hands complete frames on.
///
/// `readLine()` would silently turn invalid UTF-8 into U+FFFD, hiding a message that must be
/// answered with -32700; this reader hands on raw bytes, framed by a `MessageFramer`. A
/// non-blocking stdin is waited on with `poll(2)`, not taken for the end of input.
final class InputReader: Sendable {
    private let fd: Int32
    /// Whether the reader closes `fd` once it has read its end (it is the only one using it then).
    private let closesAtEnd: Bool
    private let framing: MessageFraming
    private let maxMessageBytes: Int
    private let onFrame: @Sendable (Frame) -> Void
    private let onDrained: @Sendable () -> Void
    private let onEnd: @Sendable () -> Void

    /// Creates a reader; nothing is read before `start()`.
    /// `onFrame` gets each frame, `onDrained` runs once the frames of one read are handed on
    /// (before the next read may block), `onEnd` at end of input or once the framing is lost.
    init(fd: Int32 = 0, closesAtEnd: Bool = false, framing: MessageFraming, maxMessageBytes: Int, onFrame: @escaping @Sendable (Frame) -> Void,
         onDrained: @escaping @Sendable () -> Void = {}, onEnd: @escaping @Sendable () -> Void) {
        self.fd = fd
        self.closesAtEnd = closesAtEnd
        self.framing = framing
        self.maxMessageBytes = maxMessageBytes
        self.onFrame = onFrame
        self.onDrained = onDrained
        self.onEnd = onEnd
    }

    /// Starts the reading thread; `onEnd` runs on it at end of input or on a read error.
    func start() {
        let thread = Thread { [self] in
            self.loop()
            if self.closesAtEnd { _ = close(self.fd) }
        }
        thread.name = "tiq-stdin"
        thread.stackSize = WorkerPool.threadStackBytes   // it answers cheap requests, which parse queries
        thread.start()
    }

    private func loop() {
        var framer = framing.makeFramer(maxMessageBytes: maxMessageBytes)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { POSIXIO.read(fd, into: $0) }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                waitReadable()
                continue
            }
            if n <= 0 {
                if n < 0 { ServerLog.info("reading the input failed (errno \(errno)); stopping") }
                for frame in framer.finish() { onFrame(frame) }
                onEnd()
                return
            }
            let frames = buffer.withUnsafeBufferPointer { framer.append(bytes: UnsafeBufferPointer(rebasing: $0[0..<n])) }
            for frame in frames {
                onFrame(frame)
                if case .broken = frame {
                    onEnd()
                    return
                }
            }
            onDrained()
        }
    }

    /// Waits until a non-blocking stdin has bytes (or its end) to read.
    private func waitReadable() {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        _ = POSIXIO.poll(&p, timeoutMs: -1)
    }
}
