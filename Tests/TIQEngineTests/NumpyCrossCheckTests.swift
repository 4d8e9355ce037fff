import Foundation
import Testing
import TIQTestSupport
import TIQCore
import TIQEngine

/// The descriptive statistics against numpy: scripts/check_descriptive.py computes them from the
/// brute-force rows of the demo, and the engine's answer to the same question must agree to
/// 1e-9 relative (undefined where numpy's reference is undefined). Skipped, saying why, when
/// python3 lacks numpy (.ci/run installs it).
@Suite struct NumpyCrossCheckTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    static var hasNumpy: Bool { (try? python(["-c", "import numpy"], input: Data()))?.status == 0 }

    static func python(_ arguments: [String], input: Data) throws -> (status: Int32, output: Data, errors: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        p.standardInput = stdin
        p.standardOutput = stdout
        p.standardError = stderr
        try p.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, out, String(decoding: err, as: UTF8.self))
    }

    @Test(.enabled(if: RequiredInCI.isOn || hasNumpy, "python3 with numpy is needed for the numpy cross-check"))
    func statisticsAgreeWithNumpy() throws {
        var groups: [String: [String: [Double?]]] = [:]
        for r in DescriptiveTests.epci {
            let key = "\(r.region)|\(r.ti1)"
            groups[key, default: ["g": [], "e": []]]["g"]!.append(r.g)
            groups[key]!["e"]!.append(r.e)
        }
        let input = try JSONSerialization.data(withJSONObject: ["groups": groups.mapValues { $0.mapValues { $0.map { $0 as Any? ?? NSNull() } } }])
        let script = Self.root.appendingPathComponent("scripts/check_descriptive.py").path
        let r = try Self.python([script], input: input)
        try #require(r.status == 0, "check_descriptive.py failed: \(r.errors)")
        let reference = try #require(try JSONSerialization.jsonObject(with: r.output) as? [String: [String: Any]])
        let t = try DescriptiveTests.run(DescriptiveTests.statsQuery)
        let keys = zip(t.texts("region"), t.bools("ti1")).map { "\($0!)|\($1!)" }
        #expect(Set(keys) == Set(reference.keys))
        var undefined = 0
        for (i, key) in keys.enumerated() {
            for (name, value) in reference[key] ?? [:] {
                let expected = value as? Double
                if expected == nil { undefined += 1 }
                #expect(close(t.numbers(name)[i], expected), "\(name) for \(key): tiq \(t.numbers(name)[i]), numpy \(String(describing: expected))")
            }
        }
        #expect(undefined > 0, "the reference includes undefined cases (n < 2, constant x)")
    }
}
