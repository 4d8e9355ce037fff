import TIQCore

/// How `tiq serve` runs: limits, data roots and where its data comes from.
public struct ServerConfiguration: Sendable {
    /// A dataset directory to load at startup; nil serves the embedded demo.
    public var dataDirectory: String?
    /// A snapshot file served instead of `dataDirectory` (`--snapshot`); SIGHUP reopens it.
    public var snapshotFile: String?
    /// Directories under which `load` may read datasets; empty refuses `load`.
    public var dataRoots: [String]
    /// Time limit of a request in milliseconds when it gives no `timeoutMs`; 0 means none.
    public var defaultTimeoutMs: Int
    /// The longest message (one line) accepted, in bytes.
    public var maxMessageBytes: Int
    /// The deepest JSON nesting accepted in a message.
    public var maxDepth: Int
    /// The longest query text (`params.q`) accepted, in UTF-8 bytes.
    public var maxQueryBytes: Int
    /// The deepest expression nesting a query may use (E116 beyond), within `TQLParser.depthLimitRange`.
    public var maxQueryDepth: Int
    /// A `query` whose text ran in less than this many microseconds on the current snapshot is
    /// answered on the reader thread the next time (`FastQueries`); 0 never does so.
    public var inlineQueryMicroseconds: Int
    /// The most cells a `query` answer may hold before the engine refuses it with E401.
    public var maxResultCells: Int
    /// The resident memory the process may reach while it loads or answers (`--max-memory`):
    /// work that grows past it fails with E403 (a query) or D134 (a load), and the daemon keeps
    /// serving its snapshot. Nil checks nothing (the default of this initializer; `tiq serve`
    /// defaults to `MemoryBudget.systemDefault()`).
    public var memoryBudget: MemoryBudget?
    /// The most requests in flight (started, not yet answered); one more is refused with
    /// `ErrorCode.serverBusy` instead of queueing without bound.
    public var maxConcurrent: Int
    /// Threads that run queries, explains and loads.
    public var workers: Int
    /// Enables the test-only methods (`$/test/sleep`, `$/test/print`, `$/test/fail`; protocol.md, "Test-only methods").
    public var testMethods: Bool
    /// The version reported by `initialize`.
    public var version: String

    /// The accepted `--max-depth`: deeper JSON costs stack in every recursive walk of a value.
    public static let maxDepthRange = 1...1000

    /// Creates a configuration with the documented defaults.
    public init(dataDirectory: String? = nil, dataRoots: [String] = [], defaultTimeoutMs: Int = 0,
                maxMessageBytes: Int = 16 << 20, maxDepth: Int = 64, workers: Int = 2,
                testMethods: Bool = false, version: String = "0.0.0",
                maxQueryBytes: Int = 64 << 10, maxResultCells: Int = 5_000_000, maxConcurrent: Int = 64,
                maxQueryDepth: Int = 100, inlineQueryMicroseconds: Int = 200) {
        self.dataDirectory = dataDirectory
        self.dataRoots = dataRoots
        self.defaultTimeoutMs = defaultTimeoutMs
        self.maxMessageBytes = maxMessageBytes
        self.maxDepth = maxDepth
        self.workers = workers
        self.maxQueryBytes = maxQueryBytes
        self.maxQueryDepth = maxQueryDepth
        self.inlineQueryMicroseconds = inlineQueryMicroseconds
        self.maxResultCells = maxResultCells
        self.maxConcurrent = maxConcurrent
        self.testMethods = testMethods
        self.version = version
    }
}
