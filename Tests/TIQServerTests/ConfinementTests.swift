import Foundation
import Testing
import TIQWire

/// What the daemon may touch: files below the data roots, read-only; no socket, no shell.
/// (`..`, absolute paths outside the roots and an escaping directory link: MethodTests.)
@Suite struct ConfinementTests {
    @Test func aDatasetFileLinkedOutsideTheRootsIsRefused() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-confine-\(UUID().uuidString)").path
        let outside = root + "-outside"
        defer {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: outside)
        }
        try FileManager.default.createDirectory(atPath: root + "/ds", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestPaths.mini, toPath: outside)
        for file in ["territories.csv", "links.csv", "indicators.csv"] {
            try FileManager.default.copyItem(atPath: TestPaths.mini + "/" + file, toPath: root + "/ds/" + file)
        }
        try FileManager.default.createSymbolicLink(atPath: root + "/ds/observations.csv", withDestinationPath: outside + "/observations.csv")
        let d = Daemon.inProcess(["--data", "Tests/TIQServerTests/Fixtures/mini", "--data-root", root])
        d.request("1", "load", #"{"path":"ds"}"#)
        let r = try #require(d.next())
        #expect(r.errorCode == -32602, "\(r.jsonText)")
        #expect(r.errorMessage.contains("observations.csv"), "\(r.errorMessage)")
        #expect(r.errorMessage.contains(root), "names the allowed root: \(r.errorMessage)")
        // A link that stays inside the root is fine.
        try FileManager.default.removeItem(atPath: root + "/ds/observations.csv")
        try FileManager.default.copyItem(atPath: TestPaths.mini + "/observations.csv", toPath: root + "/obs.csv")
        try FileManager.default.createSymbolicLink(atPath: root + "/ds/observations.csv", withDestinationPath: root + "/obs.csv")
        d.request("2", "load", #"{"path":"ds"}"#)
        #expect(d.next()?.result?["snapshot"]?.intValue == 2)
    }

    @Test(.enabled(if: ProcessProbe.isAvailable, "reads /proc"))
    func theDaemonOpensNoSocketAndOnlyReadsFiles() throws {
        let d = try Daemon()
        d.request("0", "status")
        _ = d.next()
        // What the daemon holds once started, including what it inherited from the test
        // runner (whose sockets come and go): only what appears later is the daemon's doing.
        let baseline = Set(ProcessProbe.openFiles(d.process.processIdentifier).map(\.target))
        d.request("1", "load", #"{"path":"mini"}"#)
        d.request("2", "query", #"{"q":"from emploi_ind at epci"}"#)
        d.request("3", "lookup", #"{"name":"Abergement"}"#)
        _ = d.replies(for: ["1", "2", "3"])
        let files = ProcessProbe.openFiles(d.process.processIdentifier)
        #expect(files.contains { $0.target.hasPrefix("pipe:") }, "the probe sees the daemon's descriptors")
        #expect(!baseline.contains { $0.hasPrefix("/") && $0.hasSuffix(".csv") }, "dataset files are closed after loading")
        for f in files where !baseline.contains(f.target) {
            #expect(!f.target.hasPrefix("socket:"), "fd \(f.fd) is a socket")
            if f.target.hasPrefix("/") && !f.target.hasPrefix("/dev/") {
                #expect(f.flags >= 0 && f.flags & Int(O_ACCMODE) == Int(O_RDONLY), "fd \(f.fd) → \(f.target) flags \(String(f.flags, radix: 8))")
            }
        }
    }

    /// The daemon's modules contain no call that runs a program, opens a socket or writes a file,
    /// except writers that only the CLI calls (listed in `cliOnlyWriters`, and which TIQServer
    /// must not name). TIQData, linked in for the demo, writes datasets for `tiq generate`;
    /// no method reaches it either.
    static let cliOnlyWriters = [
        // `tiq snapshot` writes a snapshot file; the daemon only reads them (`--snapshot`).
        "TIQStore/SnapshotFile.swift": ["O_WRONLY", "O_CREAT"],
    ]

    @Test func theServerCallsNoWriter() throws {
        let dir = TestPaths.packageRoot + "/Sources/TIQServer"
        let enumerator = try #require(FileManager.default.enumerator(atPath: dir))
        for case let file as String in enumerator where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
            for word in ["SnapshotFile.write", "DatasetWriter", "ByteSink", "FileIO.makeDirectory"] where text.contains(word) {
                Issue.record("TIQServer/\(file) uses `\(word)`, a writer")
            }
        }
    }

    @Test func theDaemonsModulesRunNothingAndOpenNoSocket() throws {
        let forbidden = ["Process(", "system(", "popen(", "posix_spawn", "execv", "execl", "fork(",
                         "socket(", "connect(", "bind(", "URLSession", "O_WRONLY", "O_RDWR", "O_CREAT",
                         "fopen(", "FileHandle(forWriting", "createFile(", "write(toFile", ".write(to: URL"]
        let modules = ["TIQServer", "TIQProtocol", "TIQWire", "TIQEngine", "TIQStore", "TIQLanguage", "TIQCore"]
        var scanned = 0
        for module in modules {
            let dir = TestPaths.packageRoot + "/Sources/" + module
            let enumerator = try #require(FileManager.default.enumerator(atPath: dir))
            for case let file as String in enumerator where file.hasSuffix(".swift") {
                let text = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
                scanned += 1
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.trimmingCharacters(in: .whitespaces)
                    if code.hasPrefix("//") { continue }
                    let allowed = Self.cliOnlyWriters["\(module)/\(file)"] ?? []
                    for word in forbidden where code.contains(word) && !allowed.contains(word) {
                        Issue.record("\(module)/\(file):\(n + 1) uses `\(word)`: \(code)")
                    }
                }
            }
        }
        #expect(scanned > 50)
    }
}
