import Foundation
import Testing
import TIQWire
#if canImport(Glibc)
import Glibc
#endif

/// `tiq serve --snapshot FILE` keeps a private copy of the file: truncating it or rewriting it in
/// place while the daemon serves it changes no answer and crashes nothing (a mapping died of
/// SIGBUS), and a reload of the changed file is refused with a
/// clear message while the snapshot in service stays.
@Suite struct SnapshotFileChangeTests {
    /// Runs `tiq` with `arguments` to completion; true when it exits with 0.
    static func run(_ arguments: [String]) throws -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestPaths.tiq)
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: TestPaths.packageRoot)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    /// Every demo indicator by région, one query per indicator: each rolls up a column of
    /// 35,000 communes (megabytes of values). A mapped file loses every page on truncation,
    /// read or not: any of them would then have died of SIGBUS.
    static let queries = ["emploi_ind", "etab_ind", "creations", "disparitions", "ebe", "va"]
        .map { "from \($0) at region | period 2016..2022" }

    /// The `result` of `q` from `d` (`id` is raw JSON), as JSON text, or the whole reply when it is not a result.
    static func answer(_ d: Daemon, _ id: String, _ q: String) throws -> String {
        d.request(id, "query", #"{"q":\#(JSONValue.string(q).jsonText)}"#)
        let reply = try #require(d.nextReply(timeout: 60))
        guard let result = reply["result"] else { return "no result: \(reply.jsonText.prefix(300))" }
        // Everything but the timing.
        return (result["rows"]?.jsonText ?? result.jsonText) + (result["statuses"]?.jsonText ?? "")
    }

    static func snapshotID(_ d: Daemon, _ id: String) throws -> Int? {
        d.request(id, "status")
        return try #require(d.nextReply()).result?["snapshot"]?.intValue
    }

    @Test func truncatedThenRewrittenInPlaceTheServedFileChangesNoAnswerAndReloadsAreRefused() throws {
        let file = NSTemporaryDirectory() + "tiq-snapchange-\(getpid())-\(UUID().uuidString).tiqsnap"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try #require(try Self.run(["snapshot", "--out", file]))   // the embedded demo
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))

        // The truth: the answers before the file is touched (that the file holds the demo cell for
        // cell is SnapshotFileOpenTests' business; building the demo twice here would double the
        // cost of this test).
        let d = try Daemon(["--snapshot", file])
        let truth = try Self.queries.enumerated().map { try Self.answer(d, "\(100 + $0.offset)", $0.element) }
        #expect(truth.allSatisfy { $0.hasPrefix("[") && $0.contains(#"["11","#) }, "\(truth)")
        #expect(Set(truth).count == truth.count, "six indicators, six different answers")

        // Truncated to nothing: the columns still answer, and the same.
        #expect(truncate(file, 0) == 0)
        #expect(try Self.answer(d, "11", Self.queries[1]) == truth[1])
        #expect(try Self.answer(d, "12", Self.queries[2]) == truth[2])
        kill(d.process.processIdentifier, SIGHUP)
        #expect(EndpointPolicyTests.waitForLog(d, "the reload failed, snapshot 1 stays in service"))
        #expect(d.stderrText.contains("is not a tiq snapshot file"), "\(d.stderrText)")
        #expect(try Self.snapshotID(d, "21") == 1)

        // Rewritten in place, same size, every value byte changed (checksum left as it was):
        // same answers under the same snapshot id, and a reload is refused as corrupted.
        var altered = original
        for i in stride(from: 4096, to: altered.count, by: 7) { altered[i] ^= 0x55 }
        let fd = open(file, O_WRONLY)
        try #require(fd >= 0)
        _ = altered.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        #expect(try Self.answer(d, "13", Self.queries[3]) == truth[3])
        #expect(try Self.answer(d, "14", Self.queries[4]) == truth[4])
        kill(d.process.processIdentifier, SIGHUP)
        #expect(EndpointPolicyTests.waitForLog(d, "its checksum does not match its content"))
        #expect(try Self.snapshotID(d, "22") == 1)
        #expect(try Self.answer(d, "15", Self.queries[5]) == truth[5])
        #expect(try Self.answer(d, "16", Self.queries[0]) == truth[0])

        // Written back whole: the reload succeeds, as a new snapshot, with the same answers.
        try Data(original).write(to: URL(fileURLWithPath: file))
        kill(d.process.processIdentifier, SIGHUP)
        #expect(EndpointPolicyTests.waitForLog(d, "reloaded"))
        // A new id: above 1 (the failed reloads used up ids of their own, which are never reused).
        #expect((try Self.snapshotID(d, "23") ?? 0) > 1)
        #expect(try Self.answer(d, "17", Self.queries[1]) == truth[1])
        d.closeInput()
        #expect(d.waitForExit(timeout: 30) == 0)
    }
}
