#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TIQWire

/// Reads fd 0 on a dedicated thread with blocking `read(2)` and hands complete lines on.
///
/// `readLine()` would silently turn invalid UTF-8 into U+FFFD, hiding a line that must be
/// answered with -32700; this reader hands on raw bytes, framed by `LineFramer`.
final class InputReader: Sendable {
    private let fd: Int32
    private let maxLineBytes: Int
    private let onLine: @Sendable (LineFramer.Line) -> Void
    private let onDrained: @Sendable () -> Void
    private let onEnd: @Sendable () -> Void

    /// Creates a reader; nothing is read before `start()`.
    /// `onLine` gets each line, `onDrained` runs once the lines of one read are handed on
    /// (before the next read may block), `onEnd` at end of input.
    init(fd: Int32 = 0, maxLineBytes: Int, onLine: @escaping @Sendable (LineFramer.Line) -> Void,
         onDrained: @escaping @Sendable () -> Void = {}, onEnd: @escaping @Sendable () -> Void) {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
        self.onLine = onLine
        self.onDrained = onDrained
        self.onEnd = onEnd
    }

    /// Starts the reading thread; `onEnd` runs on it at end of input or on a read error.
    func start() {
        let thread = Thread { [self] in self.loop() }
        thread.name = "tiq-stdin"
        thread.stackSize = WorkerPool.threadStackBytes   // it answers cheap requests, which parse queries
        thread.start()
    }

    private func loop() {
        var framer = LineFramer(maxLineBytes: maxLineBytes)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                if n < 0 { ServerLog.info("reading stdin failed (errno \(errno)); stopping") }
                for line in framer.finish() { onLine(line) }
                onEnd()
                return
            }
            let lines = buffer.withUnsafeBufferPointer { framer.append(bytes: UnsafeBufferPointer(rebasing: $0[0..<n])) }
            for line in lines { onLine(line) }
            onDrained()
        }
    }
}
