import Foundation
import Synchronization
import TIQCore
import TIQWire
@testable import TIQCLI
import TIQServer

/// A `tiq serve` (or `tiq lsp`) endpoint driven over real pipes: a spawned `tiq` process for the
/// tests of the wire, signals, the stdout guard and the lifecycle, or the same command's
/// endpoint running inside the test process (`inProcess`) for the tests of method logic, which
/// then cost no process start.
///
/// Messages written with `send` go to its input, framed as its command expects (a line, or a
/// `Content-Length` header); every message it writes is collected and parsed. `next()` waits
/// for the next message; a process's stderr is kept for inspection.
final class Daemon: @unchecked Sendable {
    /// The spawned process (never started for an in-process endpoint).
    let process = Process()
    /// Whether the endpoint runs in the test process rather than in a spawned `tiq`.
    let isInProcess: Bool
    /// What the reading threads gathered; they hold it, not the daemon, so that dropping the
    /// daemon ends its endpoint.
    private let collected: Collected
    /// Pipes of a spawned process; `collected` keeps them open until its threads read their end.
    private var pipes: [Pipe] = []
    /// The test's end of the endpoint's input; -1 once closed. Guarded by `inputLock`.
    private var inputFD: Int32 = -1
    private let inputLock = NSLock()
    /// How messages are delimited on both pipes.
    let framing: MessageFraming

    /// Starts `tiq serve` with `arguments` (by default on the mini fixture, with test methods).
    init(_ arguments: [String] = Daemon.standardArguments) throws {
        framing = .newline
        isInProcess = false
        collected = Collected(framing: framing)
        try spawn(["serve"] + arguments)
    }

    /// Starts `tiq lsp` with `arguments` (Content-Length framing).
    init(languageServer arguments: [String]) throws {
        framing = .contentLength
        isInProcess = false
        collected = Collected(framing: framing)
        try spawn(["lsp"] + arguments)
    }

    /// Runs `tiq serve`'s endpoint with `arguments` inside the test process, on a pair of pipes.
    static func inProcess(_ arguments: [String] = Daemon.standardArguments) -> Daemon {
        Daemon(inProcess: .newline, arguments) { try ServeCommand.run($0, transport: $1) }
    }

    /// Runs `tiq lsp`'s endpoint with `arguments` inside the test process, on a pair of pipes.
    static func inProcess(languageServer arguments: [String]) -> Daemon {
        Daemon(inProcess: .contentLength, arguments) { try LSPCommand.run($0, transport: $1) }
    }

    private init(inProcess framing: MessageFraming, _ arguments: [String],
                 run: @escaping @Sendable ([String], EndpointTransport) throws -> Int32) {
        self.framing = framing
        isInProcess = true
        collected = Collected(framing: framing)
        let input = Self.makePipe(), output = Self.makePipe()
        inputFD = input.write
        let transport = EndpointTransport.descriptors(input: input.read, output: output.write)
        let arguments = Self.absolutePaths(arguments)
        let collected = self.collected
        let thread = Thread {
            let code: Int32
            do {
                code = try run(arguments, transport)
            } catch {
                collected.note("the command failed: \(error)")
                code = -1
            }
            // A command that stopped before serving leaves the descriptors to its caller.
            if !transport.isClaimed {
                close(input.read)
                close(output.write)
            }
            collected.exited(code)
        }
        thread.stackSize = 64 << 20
        thread.start()
        collected.startReading(output.read, isStdout: true, closeAtEnd: true)
        collected.noStderr()
    }

    private func spawn(_ arguments: [String]) throws {
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        pipes = [stdin, stdout, stderr]
        process.executableURL = URL(fileURLWithPath: TestPaths.tiq)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: TestPaths.packageRoot)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        inputFD = stdin.fileHandleForWriting.fileDescriptor
        collected.keepOpen(pipes)
        collected.startReading(stdout.fileHandleForReading.fileDescriptor, isStdout: true, closeAtEnd: false)
        collected.startReading(stderr.fileHandleForReading.fileDescriptor, isStdout: false, closeAtEnd: false)
    }

    /// The mini fixture, its parent as data root, and the test-only methods.
    static let standardArguments = ["--data", "Tests/TIQServerTests/Fixtures/mini",
                                    "--data-root", "Tests/TIQServerTests/Fixtures", "--test-methods"]

    /// `arguments` with the relative paths of `--data`, `--data-root` and `--snapshot` read
    /// from the package root, as a spawned `tiq` (started there) reads them.
    private static func absolutePaths(_ arguments: [String]) -> [String] {
        var out: [String] = []
        for (i, a) in arguments.enumerated() {
            let isPath = i > 0 && ["--data", "--data-root", "--snapshot"].contains(arguments[i - 1])
            out.append(isPath ? path(a) : a)
        }
        return out
    }

    /// `relative` (to the package root) as an in-process endpoint is given it: unchanged when
    /// the tests run from the package root (as `swift test` does), else made absolute.
    static func path(_ relative: String) -> String {
        if relative.hasPrefix("/") || runsFromPackageRoot { return relative }
        return TestPaths.packageRoot + "/" + relative
    }

    private static let runsFromPackageRoot: Bool = {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().path
        return here == URL(fileURLWithPath: TestPaths.packageRoot).resolvingSymlinksInPath().path
    }()

    /// A one-way channel (a socket pair: one end read, one written) whose ends are closed on
    /// `exec` from the start (`SOCK_CLOEXEC`, not `fcntl` afterwards): a `tiq` spawned meanwhile
    /// by another test must not inherit an end, or the endpoint's output would stay open as long
    /// as that process lives.
    private static func makePipe() -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        #if canImport(Glibc)
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        precondition(socketpair(AF_UNIX, type, 0, &fds) == 0, "socketpair(2) failed: errno \(errno)")
        #else
        precondition(pipe(&fds) == 0, "pipe(2) failed: errno \(errno)")   // a small window for a spawn to inherit them
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        #endif
        return (fds[0], fds[1])
    }

    deinit {
        if isInProcess {
            // The end of input stops the endpoint, which then closes its descriptors.
            closeInput()
        } else if process.isRunning {
            process.terminate()
        }
    }

    // MARK: - Writing

    /// Writes raw bytes to the endpoint's input.
    func sendBytes(_ bytes: [UInt8]) {
        inputLock.lock()
        defer { inputLock.unlock() }
        if inputFD >= 0 { POSIXIO.writeAll(inputFD, bytes) }
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

    /// Closes the endpoint's input (end of input).
    func closeInput() {
        inputLock.lock()
        defer { inputLock.unlock() }
        guard inputFD >= 0 else { return }
        if isInProcess {
            close(inputFD)
        } else {
            try? pipes[0].fileHandleForWriting.close()
        }
        inputFD = -1
    }

    // MARK: - Reading

    /// The next message as raw text, or nil after `timeout` seconds or at end of output.
    func nextLine(timeout: Double = 10) -> String? { collected.nextLine(timeout: timeout) }

    /// The next message parsed as JSON (nil on timeout; a test failure if it is not JSON).
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

    /// Every message so far (consumed or not), as text.
    var allLines: [String] { collected.allLines }

    /// Every byte written to the protocol stream so far.
    var rawStdout: [UInt8] { collected.rawStdout }

    /// Whether more messages arrive within `seconds`.
    func isQuiet(for seconds: Double) -> Bool { nextLine(timeout: seconds) == nil }

    /// Everything a spawned process wrote to stderr so far (an in-process endpoint logs to the
    /// test process's stderr: this then holds only a failure to start it).
    var stderrText: String { collected.stderrText }

    /// Waits for the endpoint to end and for its output to be read to the end, so that
    /// `stderrText` and `allLines` hold everything it wrote; returns its exit code, or nil if it
    /// still runs (or its output is still open) after `timeout`.
    func waitForExit(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        if isInProcess { return collected.waitForEnd(until: deadline, withExitCode: true) }
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning { return nil }
        return collected.waitForEnd(until: deadline, withExitCode: false).map { _ in process.terminationStatus }
    }
}

/// The messages and stderr an endpoint wrote, gathered by reading threads.
private final class Collected: @unchecked Sendable {
    /// Guards every field below.
    private let condition = NSCondition()
    private var lines: [[UInt8]] = []
    private var consumed = 0
    private var stdoutClosed = false
    private var stderrClosed = false
    /// The exit code of an in-process endpoint, once it returned.
    private var exitCode: Int32?
    /// Stderr bytes, decoded only when read, so a character split across two reads stays whole.
    private var errBytes: [UInt8] = []
    private var rawOut: [UInt8] = []
    private let framing: MessageFraming
    /// The pipes read by the threads, whose descriptors must not close under them.
    private var pipes: [Pipe] = []

    init(framing: MessageFraming) { self.framing = framing }

    func nextLine(timeout: Double) -> String? {
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

    var allLines: [String] { locked { lines.map { String(decoding: $0, as: UTF8.self) } } }
    var rawStdout: [UInt8] { locked { rawOut } }
    var stderrText: String { locked { String(decoding: errBytes, as: UTF8.self) } }

    /// Records a line of the harness's own about an in-process endpoint, shown as its stderr.
    func note(_ text: String) { locked { errBytes += Array((text + "\n").utf8) } }

    /// Keeps `pipes` open as long as the reading threads run.
    func keepOpen(_ pipes: [Pipe]) { locked { self.pipes = pipes } }

    /// There is no stderr to read (an in-process endpoint).
    func noStderr() { locked { stderrClosed = true } }

    /// The in-process endpoint returned `code`.
    func exited(_ code: Int32) {
        locked {
            exitCode = code
            condition.broadcast()
        }
    }

    /// Waits until stdout and stderr are read to their end and, `withExitCode`, until an
    /// in-process endpoint has returned; its exit code (0 without it), nil at `deadline`.
    func waitForEnd(until deadline: Date, withExitCode: Bool) -> Int32? {
        condition.lock()
        defer { condition.unlock() }
        while !(stdoutClosed && stderrClosed) || (withExitCode && exitCode == nil) {
            if !condition.wait(until: deadline) { return nil }
        }
        return exitCode ?? 0
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }

    func startReading(_ fd: Int32, isStdout: Bool, closeAtEnd: Bool) {
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
                    if closeAtEnd { close(fd) }
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
