#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Turns SIGTERM and SIGINT into an orderly stop: the handler runs on a dispatch queue, not
/// inside the signal, so it may take locks (requests in flight are cancelled and answered,
/// then the daemon exits 0).
final class TerminationSignals {
    private let sources: [any DispatchSourceSignal]

    /// Installs the handlers; `onSignal` runs once per signal received.
    init(_ onSignal: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "tiq-signals")
        sources = [SIGTERM, SIGINT].map { number in
            // The default action (death) must be off for the dispatch source to see the signal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                ServerLog.info("received signal \(number); cancelling what runs and stopping")
                onSignal()
            }
            source.resume()
            return source
        }
    }

    /// Removes the handlers.
    func cancel() {
        for source in sources { source.cancel() }
    }
}
