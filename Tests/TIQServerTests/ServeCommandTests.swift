import Foundation
import Testing

/// `tiq serve` as a command line: help and usage errors.
@Suite struct ServeCommandTests {
    func run(_ args: [String]) throws -> (code: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestPaths.tiq)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func helpListsEveryOption() throws {
        let r = try run(["serve", "--help"])
        #expect(r.code == 0)
        for option in ["--data", "--data-root", "--timeout-ms", "--max-message-bytes", "--max-depth", "--max-query-bytes",
                       "--max-result-cells", "--max-concurrent", "--workers", "--max-query-depth", "--inline-query-us"] {
            #expect(r.out.contains(option), "\(option)")
        }
        #expect(!r.out.contains("--test-methods"))
    }

    @Test(arguments: [["serve", "--bogus"], ["serve", "--workers", "0"], ["serve", "--timeout-ms", "soon"], ["serve", "extra"],
                      ["serve", "--max-query-depth", "0"], ["serve", "--max-query-depth", "1001"], ["serve", "--inline-query-us", "-1"]])
    func usageErrorsExit64(args: [String]) throws {
        let r = try run(args)
        #expect(r.code == 64)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("serve"))
    }

    @Test func topLevelHelpListsServe() throws {
        let r = try run(["--help"])
        #expect(r.out.contains("serve"))
    }
}
