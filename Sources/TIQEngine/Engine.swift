import TIQCore
import TIQLanguage
import TIQStore

/// Limits a query runs under.
public struct QueryOptions: Sendable {
    /// The most result cells (a series counts one per period) before E401.
    public var maxCells: Int
    /// Creates options.
    public init(maxCells: Int = 5_000_000) { self.maxCells = maxCells }
}

/// Why a query failed, as the JSON-RPC application error codes of protocol.md.
public enum FailureKind: Int, Sendable {
    /// The text does not parse (E1xx).
    case syntax = 1
    /// A name does not resolve (E2xx).
    case resolution = 2
    /// Types or units do not fit (E3xx).
    case type = 3
    /// Evaluation failed: limits (E4xx).
    case execution = 4
    /// Cancelled by the client or by its time limit.
    case cancelled = 5
}

/// A failed query: its kind and every diagnostic found.
public struct QueryFailure: Error, Sendable {
    /// The kind, from the first error.
    public var kind: FailureKind
    /// Errors first, then warnings.
    public var diagnostics: [Diagnostic]
    /// Creates a failure.
    public init(kind: FailureKind, diagnostics: [Diagnostic]) {
        self.kind = kind
        self.diagnostics = diagnostics
    }

    /// The failure of a cancelled query.
    public static let cancelled = QueryFailure(kind: .cancelled, diagnostics: [
        Diagnostic.error(.cancelled, "the query was cancelled", help: "run it again, or narrow it with `where` or `period`"),
    ])

    /// The failure of a query during which the process's resident memory reached `resident`
    /// bytes, above `budget` (E403).
    public static func memoryBudget(resident: Int, budget: MemoryBudget) -> QueryFailure {
        QueryFailure(kind: .execution, diagnostics: [
            .error(.memoryBudget, "the process reached \(MemoryBudget.describe(resident)) of resident memory while this query ran, above the memory budget of \(budget)",
                   help: "narrow it (`where`, `period`, fewer `derive`d columns, `agg` earlier), or raise the budget with --max-memory (e.g. --max-memory \(budget.raised(above: resident)))"),
        ])
    }

    /// The failure of an answer of `cells` cells above the limit `limit` (E401).
    public static func resultTooLarge(cells: Int, limit: Int) -> QueryFailure {
        QueryFailure(kind: .execution, diagnostics: [
            .error(.resultTooLarge, "the answer would hold \(cells) cells, above the limit of \(limit)",
                   help: "narrow it: add `where` (fewer territories), `period` (fewer periods), `top`/`limit`, or aggregate with `agg`"),
        ])
    }
}

/// Runs TQL over one snapshot: the single entry point of the server, the REPL and the CLI.
///
/// An `Engine` owns what it derives from its snapshot (`EngineCache`: checked plans, roll-ups),
/// so make one per snapshot and share it: its copies share that cache, a new engine starts
/// with an empty one, and the cache is freed with the last copy of the engine.
public struct Engine: Sendable {
    /// The snapshot every call reads.
    public let snapshot: Snapshot
    /// Plans and derived series kept between calls; shared by this engine's copies.
    let cache: EngineCache
    /// The deepest expression nesting a query may use (E116 beyond; `TQLParser.depthLimitRange`).
    public let maxQueryDepth: Int

    /// Creates an engine over `snapshot`, with an empty cache.
    public init(snapshot: Snapshot, maxQueryDepth: Int = TQLParser.defaultMaxDepth) {
        self.snapshot = snapshot
        self.maxQueryDepth = maxQueryDepth
        self.cache = EngineCache()
    }

    /// Parses `text` under this engine's nesting limit.
    func parse(_ text: String) -> ParseResult {
        TQLParser.parse(text, maxDepth: maxQueryDepth)
    }
}
