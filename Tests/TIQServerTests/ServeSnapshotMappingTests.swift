import Foundation
import Testing

/// `tiq serve --snapshot FILE` in a fresh process backs the stored columns with the file's own
/// pages instead of copying them (snapshot file format 2): visible in /proc/PID/maps as private
/// writable mappings of the file, one or more per large column.
@Suite struct ServeSnapshotMappingTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/maps")))
    func theDemoColumnsAreMappedFromTheFile() throws {
        let file = NSTemporaryDirectory() + "tiq-serve-mapping-\(getpid()).tiqsnap"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: TestPaths.tiq)
        writer.arguments = ["snapshot", "--out", file]   // the demo: 35,000 communes, columns of MBs
        writer.standardOutput = FileHandle.nullDevice
        writer.standardError = FileHandle.nullDevice
        try writer.run()
        writer.waitUntilExit()
        try #require(writer.terminationStatus == 0)

        let d = try Daemon(["--snapshot", file])
        d.request("1", "query", #"{"q":"from emploi_ind at commune | rollup to france"}"#)
        let r = try #require(d.next(timeout: 60))
        #expect(r.result?["rows"]?.arrayValue?.count == 1, "\(r.jsonText.prefix(300))")
        let maps = try String(contentsOfFile: "/proc/\(d.process.processIdentifier)/maps", encoding: .utf8)
        let columnMappings = maps.split(separator: "\n").filter { $0.hasSuffix(file) && $0.contains(" rw-p ") }
        // The demo stores several indicators at commune level (2.8 MB each): each is mapped.
        #expect(columnMappings.count >= 3, "private mappings of \(file):\n\(maps.split(separator: "\n").filter { $0.contains("tiqsnap") }.joined(separator: "\n"))")
    }
}
