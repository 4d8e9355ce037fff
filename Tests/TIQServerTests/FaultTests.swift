import Foundation
import Synchronization
import Testing
import TIQWire

/// Faults from files, signals and clients: load faults on the endpoint in the test process,
/// signals and clients that close their end on a spawned daemon.
@Suite struct FaultTests {
    /// A fresh data root holding a copy of the mini fixture as `ds`, changed by `damage`.
    private func root(_ damage: (String) throws -> Void) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-faults-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestPaths.mini, toPath: root + "/ds")
        try damage(root + "/ds")
        return root
    }

    /// Loads `ds` from `root`, expects `code`, then checks that snapshot 1 still answers a query.
    private func expectFailedLoadKeepsServing(root: String, code: Int, mentioning: String) throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let d = Daemon.inProcess(["--data", "Tests/TIQServerTests/Fixtures/mini", "--data-root", root])
        d.request("1", "load", #"{"path":"ds"}"#)
        let r = try #require(d.next())
        #expect(r.errorCode == code, "\(r.jsonText)")
        #expect(r.jsonText.contains(mentioning), "\(r.jsonText)")
        d.request("2", "query", #"{"q":"from emploi_ind at epci"}"#)
        let q = try #require(d.next())
        #expect(q.result?["snapshot"]?.intValue == 1, "\(q.jsonText)")
        #expect(q.result?["rows"]?.arrayValue?.count == 3)
    }

    @Test func aMissingDatasetIsReported() throws {
        let r = try root { try FileManager.default.removeItem(atPath: $0) }
        try expectFailedLoadKeepsServing(root: r, code: -32602, mentioning: "no dataset directory")
    }

    @Test func aMissingFileIsReported() throws {
        let r = try root { try FileManager.default.removeItem(atPath: $0 + "/observations.csv") }
        try expectFailedLoadKeepsServing(root: r, code: 6, mentioning: "observations.csv")
    }

    @Test func anUnreadableFileIsReported() throws {
        let r = try root { chmod($0 + "/links.csv", 0) }
        if access(r + "/ds/links.csv", R_OK) == 0 {
            // root (as in CI) reads a mode-000 file anyway: nothing to test here.
            print("skipped: running as uid \(getuid()), which can read a mode-000 file")
            try? FileManager.default.removeItem(atPath: r)
            return
        }
        try expectFailedLoadKeepsServing(root: r, code: 6, mentioning: "links.csv")
    }

    @Test func aTruncatedFileIsReported() throws {
        // Cut the last record of observations.csv just after its first field.
        let r = try root { dir in
            let path = dir + "/observations.csv"
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            while bytes.last == 0x0A { bytes.removeLast() }
            let lastLine = (bytes.lastIndex(of: 0x0A) ?? 0) + 1
            let comma = try #require(bytes[lastLine...].firstIndex(of: UInt8(ascii: ",")))
            try Data(bytes[..<(comma + 1)]).write(to: URL(fileURLWithPath: path))
        }
        try expectFailedLoadKeepsServing(root: r, code: 6, mentioning: "observations.csv")
    }

    @Test func binaryGarbageIsReported() throws {
        let r = try root { dir in
            var generator = SystemRandomNumberGenerator()
            let garbage = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try Data(garbage).write(to: URL(fileURLWithPath: dir + "/territories.csv"))
        }
        try expectFailedLoadKeepsServing(root: r, code: 6, mentioning: "territories.csv")
    }

    @Test func sigtermCancelsAndAnswersWhatRunsThenExitsZero() throws {
        let d = try Daemon()
        d.request("1", "$/test/sleep", #"{"ms":60000}"#)
        d.request("2", "$/test/sleep", #"{"ms":60000}"#)
        d.request("3", "status")
        #expect(d.next()?.idText == "3")  // both sleeps are running by now
        let start = Date()
        d.process.terminate()  // SIGTERM
        let replies = d.replies(for: ["1", "2"], timeout: 5)
        for id in ["1", "2"] {
            #expect(replies[id]?.errorCode == -32800, "\(id): \(replies[id]?.jsonText ?? "no reply")")
            #expect(replies[id]?["error"]?["data"]?["reason"]?.stringValue == "stopping")
        }
        #expect(d.waitForExit(timeout: 5) == 0)
        #expect(d.process.terminationReason == .exit, "exited, not killed by the signal")
        #expect(Date().timeIntervalSince(start) < 3)
    }

    @Test func aClientThatClosesStdoutEndsTheDaemonQuietly() throws {
        let d = try UnreadDaemon(Daemon.standardArguments)
        d.closeOutput()
        // The daemon watches its stdout: it stops at once with code 0, without waiting for a
        // reply to hit the closed pipe, and without spinning.
        #expect(d.waitForExit(timeout: 10) == 0)
        #expect(d.process.terminationReason == .exit)
    }

    @Test(.enabled(if: ProcessProbe.isAvailable, "reads /proc"))
    func aClientThatClosesBothEndsEndsTheDaemonWithoutSpinning() throws {
        let d = try UnreadDaemon(Daemon.standardArguments)
        d.write(Array(#"{"jsonrpc":"2.0","id":1,"method":"$/test/sleep","params":{"ms":60000}}"#.utf8) + [0x0A])
        usleep(200_000)
        d.closeOutput()
        d.closeInput()
        #expect(d.waitForExit(timeout: 5) == 0)
    }

    @Test(.enabled(if: ProcessProbe.isAvailable, "reads /proc"))
    func aClientThatStopsReadingDoesNotGrowTheDaemonsMemory() throws {
        // Each reply is a few KB; 100,000 requests would need hundreds of MB if they were all
        // read and answered into memory. With back-pressure the daemon stops reading instead.
        let d = try UnreadDaemon(Daemon.standardArguments + ["--max-concurrent", "16"])
        let total = 100_000
        let written = Mutex(0)
        let writer = Thread {
            for i in 0..<total {
                guard d.write(Array(#"{"jsonrpc":"2.0","id":\#(i),"method":"catalog"}"#.utf8) + [0x0A]) else { return }
                written.withLock { $0 += 1 }
            }
        }
        writer.start()
        usleep(1_500_000)
        let early = try #require(ProcessProbe.residentKiB(d.pid))
        let writtenEarly = written.withLock { $0 }
        usleep(2_000_000)
        let late = try #require(ProcessProbe.residentKiB(d.pid))
        let writtenLate = written.withLock { $0 }
        #expect(writtenLate < total, "the writer is blocked: the daemon stopped reading")
        #expect(writtenLate - writtenEarly < 2_000, "reading stalled: \(writtenEarly) then \(writtenLate) requests written")
        #expect(late - early < 8 * 1024, "RSS \(early) KiB then \(late) KiB")
        kill(d.pid, SIGKILL)
        _ = d.waitForExit(timeout: 5)
    }
}

/// A FIFO named as a dataset file is refused at once by the daemon, which keeps answering.
@Suite struct NonRegularDatasetFileTests {
    @Test func loadingADatasetWithAFIFOAnswersAnErrorAndStatusStillAnswers() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-fifo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.copyItem(atPath: TestPaths.mini, toPath: root + "/ds")
        try FileManager.default.removeItem(atPath: root + "/ds/observations.csv")
        #expect(mkfifo(root + "/ds/observations.csv", 0o600) == 0)
        let d = Daemon.inProcess(["--data", "Tests/TIQServerTests/Fixtures/mini", "--data-root", root])
        d.request("1", "load", #"{"path":"ds"}"#)
        let r = try #require(d.next())
        #expect(r.errorCode == 6, "\(r.jsonText)")
        #expect(r.jsonText.contains("a FIFO"), "\(r.jsonText)")
        d.request("2", "status")
        let s = try #require(d.next())
        #expect(s.result != nil, "\(s.jsonText)")
        d.request("3", "query", #"{"q":"from emploi_ind at epci"}"#)
        let q = try #require(d.next())
        #expect(q.result?["snapshot"]?.intValue == 1, "\(q.jsonText)")
    }
}
