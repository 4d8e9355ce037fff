import TIQCore
import TIQStore

/// What the engine keeps between queries over one snapshot: checked plans by query text, and
/// series derived from stored columns (roll-ups, published-or-rolled, sums of parts).
///
/// The snapshot is immutable, so everything derived from it stays valid for its lifetime. The
/// store knows nothing of this cache: each `Engine` owns one (its copies share it), so the cache
/// lives exactly as long as the engine that holds the snapshot, with no table to look it up in
/// and nothing to clean up.
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

    /// Creates an empty cache (an `Engine` makes its own).
    init() {}

    /// The counters of the plan and series caches.
    public var statistics: EngineCacheStatistics {
        EngineCacheStatistics(plans: plans.statistics, series: series.statistics)
    }
}

/// The counters of an engine's caches.
public struct EngineCacheStatistics: Sendable, Equatable {
    /// Checked plans by query text.
    public let plans: CacheStatistics
    /// Series derived from stored columns (roll-ups): a caller that timed work done with their
    /// help knows from `series.evictions` whether that help may be gone.
    public let series: CacheStatistics
}

extension Engine {
    /// The counters of this engine's cache (shared with its copies, not with other engines).
    public var cacheStatistics: EngineCacheStatistics { cache.statistics }
}
