#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQProtocol
import TIQWire

/// TEST-ONLY routes any method set may offer behind a hidden `--test-methods` flag, so tests can
/// drive the endpoint's concurrency, cancellation and stdout guard without depending on how
/// fast the engine is (protocol.md, "Test-only methods").
public enum TestRoutes {
    /// `$/test/sleep {ms}` → `{slept}` and `$/test/print {text}` → `null`.
    public static func route(for method: String) -> Route? {
        switch method {
        case "$/test/sleep":
            return Route(MethodPolicy(execution: .workers)) { request in
                let ms = try SleepParams(request.params).ms
                return .task(.workers, work: {
                    try sleep(ms: ms)
                    return resultObject { w in w.member("slept", ms) }
                })
            }
        case "$/test/print":
            return Route(MethodPolicy(execution: .shared)) { request in
                let text = try request.params.string("text")
                return .task(.shared, work: {
                    printToStdout(text)
                    return Array("null".utf8)
                })
            }
        default:
            return nil
        }
    }

    /// The test methods' names.
    public static let methodNames = ["$/test/sleep", "$/test/print"]

    /// Busy-waits `ms` milliseconds like a slow query, checking `Task.isCancelled` every 2 ms.
    static func sleep(ms: Int) throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(ms)
        while clock.now < deadline {
            if Task.isCancelled { throw CancellationError() }
            usleepMs(2)
        }
    }

    /// `print(text)` to what was stdout: the stdout guard must send it to stderr.
    static func printToStdout(_ text: String) {
        print(text)
        fflush(nil)
    }
}
