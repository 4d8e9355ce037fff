import TIQProtocol
import TIQWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// TEST-ONLY (enabled by the hidden `--test-methods` flag): `$/test/sleep {ms}` → `{slept, snapshot}`,
/// `snapshot` being the id of the snapshot the request read (as a query would).
///
/// Busy-waits on a worker thread like a slow query, checking `Task.isCancelled` every 2 ms,
/// so the tests can exercise out-of-order replies, cancellation and time limits without
/// depending on how fast the engine is.
enum TestSleepMethod: MethodHandler {
    static let method = "$/test/sleep"
    static let execution = MethodExecution.workers

    static func handle(_ request: RequestContext) async throws -> [UInt8] {
        let ms = try SleepParams(request.params).ms
        try TestRoutes.sleep(ms: ms)
        return resultObject { w in
            w.member("slept", ms)
            w.member("snapshot", request.snapshot.id)
        }
    }
}

/// TEST-ONLY: `$/test/print {text}` → `null`, after `print(text)` to what was stdout, to prove
/// the stdout guard sends stray prints to stderr instead of the protocol stream.
enum TestPrintMethod: MethodHandler {
    static let method = "$/test/print"

    static func handle(_ request: RequestContext) async throws -> [UInt8] {
        let text = try request.params.string("text")
        TestRoutes.printToStdout(text)
        return Array("null".utf8)
    }
}

/// TEST-ONLY: `$/test/fail {}` throws an error the server does not know, to show that it
/// becomes a -32603 and the daemon lives on.
enum TestFailMethod: MethodHandler {
    static let method = "$/test/fail"

    struct UnexpectedTestError: Error {}

    static func handle(_ request: RequestContext) async throws -> [UInt8] {
        throw UnexpectedTestError()
    }
}
