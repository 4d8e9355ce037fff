import Foundation
import Synchronization
import TIQCore
import TIQWire

/// A running `tiq serve` (or `tiq lsp`) process driven over real pipes, for end-to-end tests.
///
/// Messages written with `send` go to its stdin, framed as its command expects (a line, or a
/// `Content-Length` header); every message it writes to stdout is collected and parsed.
/// `next()` waits for the next stdout message; stderr is kept for inspection.
final class Daemon: @unchecked Sendable {
    let process = Process()
    private let stdin = Pipe()
    private let stdout = Pipe()
    private let stderr = Pipe()
    /// Raw stdout lines and stderr text; guarded by `condition`.
    private var lines: [[UInt8]] = []
    private var consumed = 0
    private var stdoutClosed = false
    private var stderrClosed = false
    /// Stderr bytes, decoded only when read, so a character split across two reads stays whole.
    private var errBytes: [UInt8] = []
    private var rawOut: [UInt8] = []
    private let condition = NSCondition()
    /// How messages are delimited on both pipes.
    let framing: MessageFraming

    /// Starts `tiq serve` with `arguments` (by default on the mini fixture, with test methods).
    init(_ arguments: [String] = Daemon.standardArguments) throws {
        framing = .newline
        try start(["serve"] + arguments)
    }

    /// Starts `tiq lsp` with `arguments` (Content-Length framing).
    init(languageServer arguments: [String]) throws {
        framing = .contentLength
        try start(["lsp"] + arguments)
    }

    private func start(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: TestPaths.tiq)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: TestPaths.packageRoot)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        startReading(stdout.fileHandleForReading.fileDescriptor, isStdout: true)
        startReading(stderr.fileHandleForReading.fileDescriptor, isStdout: false)
    }

    /// The mini fixture, its parent as data root, and the test-only methods.
    static let standardArguments = ["--data", "Tests/TIQServerTests/Fixtures/mini",
                                    "--data-root", "Tests/TIQServerTests/Fixtures", "--test-methods"]

    deinit {
        if process.isRunning { process.terminate() }
    }

    // MARK: - Writing

    /// Writes raw bytes to stdin.
    func sendBytes(_ bytes: [UInt8]) {
        POSIXIO.writeAll(stdin.fileHandleForWriting.fileDescriptor, bytes)
    }

    /// Writes one message, framed (`line` and a newline for `tiq serve`).
    func send(_ line: String) {
        var bytes: [UInt8] = []
        framing.append(Array(line.utf8), to: &bytes)
        sendBytes(bytes)
    }

    /// Sends a request `{"jsonrpc":"2.0","id":id,"method":…,"params":…}`; `id` is raw JSON.
    func request(_ id: String, _ method: String, _ params: String? = nil) {
        send(#"{"jsonrpc":"2.0","id":"# + id + #","method":""# + method + "\"" + (params.map { #","params":"# + $0 } ?? "") + "}")
    }

    /// Sends a notification.
    func notify(_ method: String, _ params: String? = nil) {
        send(#"{"jsonrpc":"2.0","method":""# + method + "\"" + (params.map { #","params":"# + $0 } ?? "") + "}")
    }

    /// Closes stdin (end of input).
    func closeInput() { try? stdin.fileHandleForWriting.close() }

    // MARK: - Reading

    /// The next stdout line as raw text, or nil after `timeout` seconds or at end of output.
    func nextLine(timeout: Double = 10) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while consumed >= lines.count {
            if stdoutClosed { return nil }
            if !condition.wait(until: deadline) { return nil }
        }
        consumed += 1
        return String(decoding: lines[consumed - 1], as: UTF8.self)
    }

    /// The next stdout line parsed as JSON (nil on timeout; a test failure if it is not JSON).
    func next(timeout: Double = 10) -> JSONValue? {
        guard let line = nextLine(timeout: timeout) else { return nil }
        return try? JSONParser.parse(line)
    }

    /// The next reply (a message with an `id`), skipping notifications; nil on timeout.
    func nextReply(timeout: Double = 10) -> JSONValue? {
        let deadline = Date().addingTimeInterval(timeout)
        while let message = next(timeout: max(0, deadline.timeIntervalSinceNow)) {
            if message["id"] != nil { return message }
        }
        return nil
    }

    /// Collects replies until every id in `ids` (raw JSON texts) has one; notifications are skipped.
    func replies(for ids: Set<String>, timeout: Double = 30) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        let deadline = Date().addingTimeInterval(timeout)
        while out.count < ids.count, Date() < deadline {
            guard let line = nextLine(timeout: deadline.timeIntervalSinceNow) else { break }
            guard let v = try? JSONParser.parse(line), let id = v["id"]?.jsonText, ids.contains(id) else { continue }
            out[id] = v
        }
        return out
    }

    /// Every stdout line so far (consumed or not), as text.
    var allLines: [String] {
        condition.lock()
        defer { condition.unlock() }
        return lines.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every byte written to stdout so far.
    var rawStdout: [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        return rawOut
    }

    /// Whether more stdout lines arrive within `seconds`.
    func isQuiet(for seconds: Double) -> Bool { nextLine(timeout: seconds) == nil }

    /// Everything written to stderr so far.
    var stderrText: String {
        condition.lock()
        defer { condition.unlock() }
        return String(decoding: errBytes, as: UTF8.self)
    }

    /// Waits for the process to exit and for its stdout and stderr to be read to their end, so
    /// that `stderrText` and `allLines` hold everything it wrote; returns its status, or nil if
    /// it is still running (or its output still open) after `timeout`.
    func waitForExit(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning { return nil }
        condition.lock()
        defer { condition.unlock() }
        while !(stdoutClosed && stderrClosed) {
            if !condition.wait(until: deadline) { return nil }
        }
        return process.terminationStatus
    }

    private func startReading(_ fd: Int32, isStdout: Bool) {
        let thread = Thread { [self] in
            var framer = framing.makeFramer(maxMessageBytes: 1 << 30)
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buffer.withUnsafeMutableBytes { POSIXIO.read(fd, into: $0) }
                condition.lock()
                if n <= 0 {
                    if isStdout {
                        for case .message(let l) in framer.finish() { lines.append(l) }
                        stdoutClosed = true
                    } else {
                        stderrClosed = true
                    }
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                if isStdout {
                    rawOut.append(contentsOf: buffer[0..<n])
                    let frames = buffer.withUnsafeBufferPointer { framer.append(bytes: UnsafeBufferPointer(rebasing: $0[0..<n])) }
                    for case .message(let l) in frames { lines.append(l) }
                } else {
                    errBytes.append(contentsOf: buffer[0..<n])
                }
                condition.broadcast()
                condition.unlock()
            }
        }
        thread.start()
    }
}
