import Foundation
import Testing

/// Fuzz/soak.py at a reduced count: many requests over one connection, one in ten malformed,
/// each answered exactly once, memory flat. (The full million is run by hand on a release
/// build: `python3 Fuzz/soak.py --binary .build/release/tiq`; docs in protocol.md, "Limits".)
@Suite struct SoakTests {
    static let pythonAvailable = FuzzTests.run(["python3", "-c", "import json"]).status == 0

    @Test(.enabled(if: pythonAvailable, "python3 is needed to run Fuzz/soak.py"))
    func twentyThousandRequestsOneInTenMalformedEachAnsweredOnceWithFlatMemory() throws {
        let count = ProcessInfo.processInfo.environment["TIQ_SOAK_COUNT"] ?? "20000"
        let r = FuzzTests.run(["python3", FuzzTests.fuzzDirectory + "/soak.py", "--binary", TestPaths.tiq, "--count", count])
        #expect(r.status == 0, "Fuzz/soak.py failed:\n\(r.output.suffix(4000))")
        #expect(r.output.contains("\"ok\": true"), "\(r.output.suffix(2000))")
    }
}
