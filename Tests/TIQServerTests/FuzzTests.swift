import Foundation
import Testing
import TIQFuzzTargets

/// The fuzz targets of Fuzz/: every input kept in Fuzz/regressions/TARGET is replayed through
/// the target's code in TIQFuzzTargets, which the harness calls too, and (when `swiftc -sanitize=fuzzer` works) each target is
/// built and run for a few seconds.
@Suite(.serialized) struct FuzzTests {
    static let fuzzDirectory = TestPaths.packageRoot + "/Fuzz"

    /// The files kept for `target` (crashing inputs, once fixed).
    static func regressions(_ target: String) -> [(name: String, bytes: [UInt8])] {
        let dir = fuzzDirectory + "/regressions/" + target
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return names.compactMap { name in
            (try? Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))).map { (name, Array($0)) }
        }
    }

    /// Replays every file kept for `name` through `target`, the code the harness runs.
    static func replay(_ name: String, through target: some FuzzTarget) {
        let cases = regressions(name)
        #expect(!cases.isEmpty, "Fuzz/regressions/\(name) holds the inputs found so far")
        for (file, bytes) in cases {
            let violations = target.run(bytes)
            #expect(violations.isEmpty, "\(name)/\(file): \(violations)")
        }
    }

    @Test func jsonrpcRegressions() {
        Self.replay("jsonrpc", through: JSONRPCFuzzTarget())
    }

    @Test func tqlRegressions() throws {
        let target = try #require(TQLFuzzTarget(datasetDirectory: TestPaths.mini))
        Self.replay("tql", through: target)
    }

    @Test func csvRegressions() throws {
        let target = try #require(CSVFuzzTarget(datasetDirectory: TestPaths.mini))
        defer { target.removeScratch() }
        Self.replay("csv", through: target)
    }

    @Test func snapshotRegressions() throws {
        let target = try #require(SnapshotFuzzTarget(datasetDirectory: TestPaths.mini))
        defer { target.removeScratch() }
        Self.replay("snapshot", through: target)
    }

    /// The targets keep their invariants: the `jsonrpc` target reports a body over its limit
    /// and frames after lost framing, so a broken framer cannot pass unseen. Here the inputs are
    /// valid and must pass; a frame's body is checked against the limit written in the test.
    @Test func theJSONRPCTargetPassesValidFramesOfEveryKind() {
        let body = #"{"jsonrpc":"2.0","id":1,"method":"status"}"#
        let lsp = "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
        let over = "Content-Length: \(JSONRPCFuzzTarget.maxBytes + 1)\r\n\r\n" + String(repeating: "x", count: JSONRPCFuzzTarget.maxBytes + 1)
        for text in ["\u{0}" + body + "\n", "\u{0}" + lsp, "\u{0}" + over, "\u{0}" + lsp + lsp] {
            #expect(JSONRPCFuzzTarget().run(Array(text.utf8)).isEmpty, "\(text.prefix(60))")
        }
    }

    /// The scratch directories of two targets never collide, and removing one leaves the other.
    @Test func scratchDirectoriesArePrivate() throws {
        let a = try #require(CSVFuzzTarget(datasetDirectory: TestPaths.mini))
        let b = try #require(CSVFuzzTarget(datasetDirectory: TestPaths.mini))
        #expect(a.directory != b.directory)
        a.removeScratch()
        #expect(!FileManager.default.fileExists(atPath: a.directory))
        #expect(FileManager.default.fileExists(atPath: b.directory + "/links.csv"))
        b.removeScratch()
    }

    /// Whether this machine's swiftc can build a libFuzzer target (Linux toolchains can).
    static let fuzzerAvailable: Bool = {
        if ProcessInfo.processInfo.environment["TIQ_FUZZ_CI"] == "0" { return false }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-fuzz-probe-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        guard (try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)) != nil,
              (try? #"@_cdecl("LLVMFuzzerTestOneInput") public func f(_ d: UnsafePointer<UInt8>, _ n: Int) -> CInt { 0 }"#
                .write(toFile: dir + "/p.swift", atomically: true, encoding: .utf8)) != nil else { return false }
        return run(["swiftc", "-sanitize=fuzzer,address", "-parse-as-library", dir + "/p.swift", "-o", dir + "/p"]).status == 0
    }()

    @Test(.enabled(if: fuzzerAvailable, "swiftc -sanitize=fuzzer does not work here (or TIQ_FUZZ_CI=0)"),
          arguments: ["jsonrpc", "tql", "csv", "snapshot"])
    func eachTargetRunsBrieflyWithoutACrash(target: String) {
        let seconds = ProcessInfo.processInfo.environment["TIQ_FUZZ_SECONDS"] ?? "5"
        let result = Self.run([Self.fuzzDirectory + "/run.sh", target, seconds])
        #expect(result.status == 0, "Fuzz/run.sh \(target) \(seconds) failed:\n\(result.output.suffix(4000))")
        #expect(result.output.contains("Done "), "libFuzzer ran: \(result.output.suffix(2000))")
    }

    /// Runs a command (through `env`, so PATH is searched); returns its status and merged output.
    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: TestPaths.packageRoot)
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = (environment["PATH"] ?? "/usr/bin:/bin") + ":/opt/swift/usr/bin"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return (-1, "cannot start \(arguments[0])") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
