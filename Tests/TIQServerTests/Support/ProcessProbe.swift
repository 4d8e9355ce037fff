import Foundation

/// What /proc says about a running process (Linux only; nil elsewhere).
enum ProcessProbe {
    /// Resident memory in KiB (`VmRSS` of /proc/PID/status).
    static func residentKiB(_ pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }

    /// User plus system CPU time in seconds (fields 14 and 15 of /proc/PID/stat).
    static func cpuSeconds(_ pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may hold spaces): state is field 3.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Every open descriptor: its number, what it points at, and its open flags.
    static func openFiles(_ pid: Int32) -> [(fd: Int, target: String, flags: Int)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else { return [] }
        return names.compactMap { name in
            guard let fd = Int(name),
                  let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(name)") else { return nil }
            let info = (try? String(contentsOfFile: "/proc/\(pid)/fdinfo/\(name)", encoding: .utf8)) ?? ""
            let flagsLine = info.split(separator: "\n").first { $0.hasPrefix("flags:") }
            let flags = flagsLine.flatMap { Int($0.dropFirst("flags:".count).trimmingCharacters(in: .whitespaces), radix: 8) } ?? -1
            return (fd, target, flags)
        }
    }

    /// Whether /proc can be read (Linux).
    static var isAvailable: Bool { FileManager.default.fileExists(atPath: "/proc/self/status") }
}

/// A `tiq serve` whose stdout the test controls directly: it can stop reading it, or close it.
final class UnreadDaemon: @unchecked Sendable {
    let process = Process()
    let stdin = Pipe()
    let stdout = Pipe()

    /// Starts the daemon; nothing reads its stdout until the test does. Stderr is dropped.
    init(_ arguments: [String]) throws {
        // The daemon may be gone when the test writes: a write error, not a killed test runner.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = URL(fileURLWithPath: TestPaths.tiq)
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: TestPaths.packageRoot)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Writes `bytes` to stdin; false once the daemon stopped reading for `timeout` or closed it.
    /// Runs on the calling thread; writes may block when the daemon applies back-pressure.
    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            var offset = 0
            let fd = stdin.fileHandleForWriting.fileDescriptor
            while offset < p.count {
                let n = Foundation.write(fd, p.baseAddress! + offset, p.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }

    /// Closes the test's end of the daemon's stdout: its next write fails with EPIPE.
    func closeOutput() { try? stdout.fileHandleForReading.close() }

    /// Closes the daemon's stdin.
    func closeInput() { try? stdin.fileHandleForWriting.close() }

    /// Waits for the process to exit; returns its status, or nil if it still runs after `timeout`.
    func waitForExit(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
