import Foundation
import Testing
import TIQEngine
import TIQLanguage
import TIQStore
import TIQWire

/// The fuzz targets of Fuzz/: every input kept in Fuzz/regressions/TARGET is replayed through
/// the same code as the harness, and (when `swiftc -sanitize=fuzzer` works) each target is
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

    @Test func jsonrpcRegressions() {
        for (name, bytes) in Self.regressions("jsonrpc") {
            let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
            var framer = LineFramer(maxLineBytes: 2048)
            let lines = framer.append(bytes[..<split]) + framer.append(bytes[split...]) + framer.finish()
            for case .line(let line) in lines {
                _ = JSONRPCDecoder(maxDepth: 32).decode(line)
                if let value = try? JSONParser.parse(line, maxDepth: 32) {
                    var writer = JSONWriter()
                    writer.value(value)
                    #expect((try? JSONParser.parse(writer.bytes, maxDepth: 64)) != nil, "\(name)")
                }
            }
        }
    }

    @Test func tqlRegressions() throws {
        let engine = Engine(snapshot: try DatasetLoader.loadSnapshot(directory: TestPaths.mini, id: 1))
        for (_, bytes) in Self.regressions("tql") {
            let text = String(decoding: bytes, as: UTF8.self)
            if let query = TQLParser.parse(text).query { _ = ASTPrinter.print(query) }
            _ = engine.check(text)
            let cursor = bytes.isEmpty ? 0 : Int(bytes[0]) % (text.utf8.count + 1)
            _ = engine.complete(text, cursor: cursor)
            _ = engine.hover(text, cursor: cursor)
        }
    }

    @Test func csvRegressions() throws {
        let names = ["territories.csv", "links.csv", "indicators.csv", "observations.csv"]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-fuzz-replay-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (_, bytes) in Self.regressions("csv") {
            let reader = CSVReader(bytes: bytes)
            reader.forEachRecord { record in
                _ = reader.record(at: record.offset, line: record.line)
                return true
            }
            guard let first = bytes.first else { continue }
            try? FileManager.default.removeItem(atPath: dir)
            try FileManager.default.copyItem(atPath: TestPaths.mini, toPath: dir)
            try Data(bytes.dropFirst()).write(to: URL(fileURLWithPath: dir + "/" + names[Int(first) % 4]))
            _ = try? DatasetLoader.loadSnapshot(directory: dir, id: 1)
        }
    }

    /// The `snapshot` harness's input: 13-byte edits (offset, kind, value) to the mini
    /// fixture's snapshot payload, written behind a header with the right checksum and opened;
    /// what opens is queried. The same code as `Harnesses/snapshot.swift`.
    @Test func snapshotRegressions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-fuzz-snap-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.tiqsnap"
        try SnapshotFile.write(try DatasetLoader.loadSnapshot(directory: TestPaths.mini, id: 1), to: path)
        let base = Array(try Data(contentsOf: URL(fileURLWithPath: path)).dropFirst(SnapshotFile.headerSize))
        let cases = Self.regressions("snapshot")
        #expect(!cases.isEmpty, "Fuzz/regressions/snapshot holds the inputs found so far")
        for (_, bytes) in cases {
            var payload = base
            for at in stride(from: 0, to: bytes.count - 12, by: 13) where !payload.isEmpty {
                let field = { (from: Int, count: Int) in (0..<count).reduce(UInt64(0)) { $0 | UInt64(bytes[at + from + $1]) << (8 * $1) } }
                let offset = Int(field(0, 4)) % payload.count, kind = bytes[at + 4], value = field(5, 8)
                let le = (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
                switch kind % 5 {
                case 0: payload[offset] = le[0]
                case 1: for k in 0..<min(4, payload.count - offset) { payload[offset + k] = le[k] }
                case 2: for k in 0..<min(8, payload.count - offset & ~7) { payload[offset & ~7 + k] = le[k] }
                case 3: payload.removeSubrange(offset..<min(payload.count, offset + Int(value % 65536)))
                default: payload.insert(contentsOf: le, at: offset & ~7)
                }
            }
            let sum = payload.withUnsafeBytes { SnapshotFile.checksum($0) }
            try Data(SnapshotFile.header(payloadLength: payload.count, checksum: sum) + payload).write(to: URL(fileURLWithPath: path))
            guard let snapshot = try? SnapshotFile.read(path: path, id: 1) else { continue }
            let engine = Engine(snapshot: snapshot)
            for (k, indicator) in snapshot.indicators.prefix(3).enumerated() {
                for level in snapshot.levels.prefix(8) where snapshot.column(IndicatorID(k), at: level.id) != nil {
                    _ = try? engine.run("from \(indicator.code) at \(level.name)")
                }
            }
            _ = engine.lookup("a", level: nil, limit: 5)
        }
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
