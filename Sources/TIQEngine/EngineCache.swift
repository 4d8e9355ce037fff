import Synchronization
import TIQCore
import TIQStore

/// What the engine keeps between queries over one snapshot: checked plans by query text, and
/// series derived from stored columns (roll-ups, published-or-rolled, sums of parts).
///
/// The snapshot is immutable, so everything derived from it stays valid for its lifetime. The
/// store knows nothing of this cache: the engine finds the cache of a snapshot with `of(_:)`,
/// and a cache dies with its snapshot (at the next lookup of any snapshot's cache).
public final class EngineCache: Sendable {
    /// A plan's key: the exact UTF-8 bytes of the text (the lexer reads bytes, so `é` and
    /// `e` + U+0301 are different texts, though Swift's `String` calls them equal) and the
    /// nesting limit it was parsed under (it decides whether a text parses).
    struct PlanKey: Hashable, Sendable {
        let utf8: [UInt8]
        let maxDepth: Int
        init(_ text: String, maxDepth: Int) {
            self.utf8 = Array(text.utf8)
            self.maxDepth = maxDepth
        }
    }

    /// A derived series' key: what it is, of which indicator, from which level to which, on
    /// which period axis.
    struct SeriesKey: Hashable, Sendable {
        enum Kind: Hashable, Sendable {
            /// `rollUpStored`: the stored column at `from`, rolled up to `to`.
            case rollUp
            /// `publishedSeries`: the stored value at `to` where present, else the roll-up.
            case published
            /// `partsSeries`: the weighted sum of the parts at `from`.
            case parts
        }
        let kind: Kind
        let indicator: IndicatorID
        let from: LevelID
        let to: LevelID
        let axis: PeriodAxis
    }

    /// Checked plans: a query asked again skips parsing and checking.
    let plans = BoundedCache<PlanKey, Plan>(capacity: 256)
    /// Derived series: a roll-up asked again is not recomputed.
    let series = BoundedCache<SeriesKey, SeriesData>(capacity: 64)
    /// Every row of a level, `0..<count`, shared by the queries that read the whole level.
    let wholeLevels = BoundedCache<LevelID, [Int]>(capacity: 64)

    /// Creates an empty cache; `of(_:)` gives the one of a snapshot.
    init() {}

    /// The counters of the plan and series caches.
    public var statistics: EngineCacheStatistics {
        EngineCacheStatistics(plans: plans.statistics, series: series.statistics)
    }

    // MARK: - One cache per snapshot

    private struct Owner: Sendable {
        weak var snapshot: Snapshot?
        let cache: EngineCache
    }

    /// The caches of the living snapshots, by identity. Invariant: an entry whose snapshot is
    /// gone is dropped at the next lookup, so a replaced snapshot's roll-ups do not outlive it by
    /// more than one query.
    private static let owners = Mutex<[ObjectIdentifier: Owner]>([:])

    /// The cache of `snapshot`, made at its first use.
    static func of(_ snapshot: Snapshot) -> EngineCache {
        owners.withLock { owners in
            let id = ObjectIdentifier(snapshot)
            // A dead snapshot's address may be reused by a new one: check it is the same object.
            if let owner = owners[id], owner.snapshot === snapshot { return owner.cache }
            dropReleased(&owners)
            let cache = EngineCache()
            owners[id] = Owner(snapshot: snapshot, cache: cache)
            return cache
        }
    }

    /// Drops the caches of snapshots that no longer exist.
    private static func dropReleased(_ owners: inout [ObjectIdentifier: Owner]) {
        owners = owners.filter { $0.value.snapshot != nil }
    }

    /// Frees now the caches of the snapshots already released, instead of at the next lookup:
    /// for a process that replaces snapshots and then measures its memory (the fuzz harness of
    /// snapshot files checks for leaks after every input).
    public static func dropCachesOfReleasedSnapshots() {
        owners.withLock { dropReleased(&$0) }
    }
}

/// The counters of an engine's caches over one snapshot.
public struct EngineCacheStatistics: Sendable, Equatable {
    /// Checked plans by query text.
    public let plans: CacheStatistics
    /// Series derived from stored columns (roll-ups): a caller that timed work done with their
    /// help knows from `series.evictions` whether that help may be gone.
    public let series: CacheStatistics
}

extension Engine {
    /// The counters of the caches this engine shares with every engine over the same snapshot.
    public var cacheStatistics: EngineCacheStatistics { EngineCache.of(snapshot).statistics }
}
