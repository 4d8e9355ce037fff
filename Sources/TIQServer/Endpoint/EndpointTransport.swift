import Synchronization

/// Where an `Endpoint` reads its messages and writes its replies.
///
/// `tiq serve` and `tiq lsp` use the process's stdin and stdout (`standardIO`): the endpoint then
/// guards stdout (fd 1 is pointed at stderr, so a stray `print` cannot corrupt the stream) and
/// handles SIGTERM, SIGINT, SIGHUP and SIGUSR1. Any other pair of descriptors (`descriptors`,
/// e.g. the ends of two pipes, as the in-process tests do) leaves the process's stdout and
/// signal handlers alone: the endpoint only reads one and writes the other.
public struct EndpointTransport: Sendable {
    enum Kind: Sendable {
        case standardIO
        case descriptors(input: Int32, output: Int32)
    }

    let kind: Kind
    /// Set once an endpoint has taken the descriptors over.
    private let claim = Claim()

    private final class Claim: Sendable {
        let taken = Atomic<Bool>(false)
    }

    /// The process's stdin and stdout, with the stdout guard and the signal handlers.
    public static var standardIO: EndpointTransport { EndpointTransport(kind: .standardIO) }

    /// Reads messages from `input` and writes replies to `output`. An endpoint that runs on it
    /// owns both descriptors from then on (`isClaimed`): it closes `input` once it has read its
    /// end, and `output` when `Endpoint.run` returns (a reply finished later is dropped, never
    /// written to a reused descriptor). Stdout is not touched, nor are the termination signals'
    /// handlers; SIGPIPE is ignored for the whole process (`ProtocolOutput`), so that a client
    /// closing its end shows up as a write error rather than killing the process.
    public static func descriptors(input: Int32, output: Int32) -> EndpointTransport {
        EndpointTransport(kind: .descriptors(input: input, output: output))
    }

    /// Whether an endpoint ran on it and so owns (and closes) its descriptors. A command that
    /// stopped before serving (a usage error, data that does not load) leaves them to the caller.
    public var isClaimed: Bool { claim.taken.load(ordering: .acquiring) }

    /// Marks the descriptors as owned by the endpoint starting on them.
    func markClaimed() { claim.taken.store(true, ordering: .releasing) }

    /// Whether this is the process's stdin/stdout.
    var isStandardIO: Bool {
        if case .standardIO = kind { true } else { false }
    }
}
