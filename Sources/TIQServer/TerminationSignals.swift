#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Turns signals into calls on a dispatch queue, not inside the signal, so handlers may take
/// locks. The endpoint gives SIGTERM and SIGINT an orderly stop (requests in flight are
/// cancelled and answered, then it exits 0; the log names the signal), and hands SIGHUP and
/// SIGUSR1 to its method set (`MethodSet.handleSignal`), so that neither kills it.
final class TerminationSignals {
    private let sources: [any DispatchSourceSignal]

    /// Installs handlers for SIGTERM and SIGINT; `onSignal` runs once per signal received.
    convenience init(_ onSignal: @escaping @Sendable (Int32) -> Void) {
        self.init([SIGTERM, SIGINT], log: "cancelling what runs and stopping", onSignal)
    }

    /// Installs handlers for `signals`; each one received is logged with `log`, then `onSignal` runs.
    init(_ signals: [Int32], log: String, _ onSignal: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "tiq-signals")
        sources = signals.map { number in
            // The default action (death) must be off for the dispatch source to see the signal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                ServerLog.info("received \(Self.name(of: number)); \(log)")
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
