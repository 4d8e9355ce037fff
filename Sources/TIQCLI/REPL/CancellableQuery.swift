import Dispatch
import Synchronization
import TIQCore
import TIQEngine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a query in a `Task` that Ctrl-C (SIGINT) cancels, and waits for it: the REPL stays up,
/// the engine notices `Task.isCancelled` and fails with E402.
public enum CancellableQuery {
    /// The cancel action of the running query, if any. Guarded by the mutex; set and cleared by
    /// the thread waiting for the query, read by the SIGINT dispatch source.
    private static let running = Mutex<(@Sendable () -> Void)?>(nil)
    /// What SIGINT does when no query runs.
    private static let idleAction = Mutex<IdleInterrupt>(.ignore)
    /// The dispatch source, kept alive for the life of the process.
    private static let source = Mutex<(any DispatchSourceSignal)?>(nil)

    /// What Ctrl-C does between queries.
    public enum IdleInterrupt: Sendable {
        /// Nothing (the line editor reads Ctrl-C as a key in raw mode).
        case ignore
        /// Exit with status 130, as a script interrupted by the user.
        case exit
    }

    /// Routes SIGINT to the running query (once per process).
    public static func installSignalHandler(whenIdle: IdleInterrupt) {
        idleAction.withLock { $0 = whenIdle }
        source.withLock { existing in
            guard existing == nil else { return }
            signal(SIGINT, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            s.setEventHandler {
                if let cancel = running.withLock({ $0 }) {
                    cancel()
                } else if idleAction.withLock({ $0 }) == .exit {
                    RawMode.restore()
                    exit(130)
                }
            }
            s.resume()
            existing = s
        }
    }

    /// Runs `text` on `engine` until it finishes or is cancelled by SIGINT.
    public static func run(_ engine: Engine, _ text: String) -> Result<ResultTable, QueryFailure> {
        // Filled by the detached task, waited for here: SIGINT cancels the task meanwhile.
        let outcome = BackgroundValue<Result<ResultTable, QueryFailure>>()
        // A detached task inherits no task-local value: the memory budget is passed on by hand.
        let budget = MemoryBudget.current
        let task = Task.detached {
            let result: Result<ResultTable, QueryFailure> = MemoryBudget.$current.withValue(budget) {
                do throws(QueryFailure) { return .success(try engine.run(text)) } catch { return .failure(error) }
            }
            outcome.fulfil(result)
        }
        running.withLock { $0 = { task.cancel() } }
        let result = outcome.value()
        running.withLock { $0 = nil }
        return result
    }
}
