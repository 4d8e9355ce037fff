import Foundation
import Testing
@testable import TIQServer
import TIQWire

/// An endpoint that does not own the process (in-process, as in the tests) lets go of its
/// threads and of itself when it stops: its worker pools end their threads, and the output's
/// broken-pipe handler, which holds the endpoint, is dropped when the output closes.
@Suite struct EndpointThreadsTests {
    /// Polls `condition` every 10 ms for at most `seconds`.
    static func eventually(within seconds: Double = 30, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() > deadline { return false }
            usleep(10_000)
        }
        return true
    }

    @Test func aShutDownPoolEndsItsThreadsAndStillRunsLateJobs() async throws {
        let pool = WorkerPool(count: 3, name: "tiq-test-pool")
        #expect(pool.liveThreads == 3)
        let before = await Task(executorPreference: pool) { 1 + 1 }.value
        #expect(before == 2)
        pool.shutdown()
        #expect(Self.eventually { pool.liveThreads == 0 }, "\(pool.liveThreads) threads left after shutdown")
        // A job that arrives afterwards (a task finishing late) is not lost.
        let late = await Task(executorPreference: pool) { 20 + 1 }.value
        #expect(late == 21)
    }

    final class Holder: Sendable {}

    @Test func closingTheOutputDropsItsBrokenHandler() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let output = ProtocolOutput(descriptor: fds[1], framing: .newline)
        var holder: Holder? = Holder()
        weak let watched = holder
        output.onBroken { [holder] in _ = holder }
        holder = nil
        #expect(watched != nil, "the handler holds what it captured")
        output.close()
        #expect(watched == nil, "closing the output must drop the handler (it holds the endpoint)")
    }
}
