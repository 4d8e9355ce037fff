#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Turns SIGTERM and SIGINT into an orderly stop: the handler runs on a dispatch queue, not
/// inside the signal, so it may take locks (requests in flight are cancelled and answered,
/// then the daemon exits 0). The log names the signal received.
final class TerminationSignals {
    private let sources: [any DispatchSourceSignal]

    /// Installs the handlers; `onSignal` runs once per signal received.
    init(_ onSignal: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "tiq-signals")
        sources = [SIGTERM, SIGINT].map { number in
            // The default action (death) must be off for the dispatch source to see the signal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                ServerLog.info("received \(Self.name(of: number)); cancelling what runs and stopping")
                onSignal(number)
            }
            source.resume()
            return source
        }
    }

    /// `SIGTERM`, `SIGINT`, or `signal N`.
    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        case SIGUSR1: "SIGUSR1"
        default: "signal \(signal)"
        }
    }

    /// Removes the handlers.
    func cancel() {
        for source in sources { source.cancel() }
    }
}
