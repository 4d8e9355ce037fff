import TIQCore

/// One immutable, fully built store: levels, memberships, catalog, columns and name index.
///
/// Queries hold a reference to the snapshot they started on; a reload builds a new one and
/// swaps it in, so a query never sees a half-built store.
public final class Snapshot: Sendable {
    /// Levels from finest (`commune`) to coarsest (`france`).
    public let levels: [LevelTable]
    /// Level name → id.
    public let levelByName: [String: LevelID]
    /// The catalog, by `IndicatorID.raw`.
    public let indicators: [IndicatorInfo]
    /// Indicator code → id.
    public let indicatorByCode: [String: IndicatorID]
    /// The stored columns: (indicator, level) → column. Only levels where data was loaded.
    public let columns: [ColumnKey: Column]
    /// The broken-down indicators' observations by code: (indicator, level) → sparse column.
    /// The indicator's total at that level is in `columns` as for any indicator.
    public let breakdowns: [ColumnKey: BreakdownColumn]
    /// Memberships between every pair (finer, coarser) of levels.
    public let memberships: [LevelPair: Membership]
    /// How memberships change over time (links with a validity); empty when they do not.
    public let timeline: PerimeterTimeline
    /// Fuzzy name search over every level. A snapshot opened from a file builds it in the
    /// background; the first search waits for it if it is not ready yet.
    public var names: NameIndex { nameSource.value() }
    /// Whether `names` is built, so reading it will not wait.
    public var namesAreReady: Bool { nameSource.isReady }
    let nameSource: BackgroundValue<NameIndex>
    /// A short description of where the data came from (`demo`, a directory path).
    public let origin: String
    /// A number that changes with every snapshot built by one process.
    public let id: Int
    /// What building it found worth saying without refusing the data (W413: a sum that
    /// overflowed). Not kept in snapshot files: a snapshot read back has none.
    public let loadWarnings: [Diagnostic]

    /// Creates a snapshot. The loader and the builder call this; queries only read.
    public convenience init(levels: [LevelTable], indicators: [IndicatorInfo], columns: [ColumnKey: Column],
                            memberships: [LevelPair: Membership], names: NameIndex, origin: String, id: Int,
                            breakdowns: [ColumnKey: BreakdownColumn] = [:], timeline: PerimeterTimeline = .empty,
                            loadWarnings: [Diagnostic] = []) {
        self.init(levels: levels, indicators: indicators, columns: columns, memberships: memberships,
                  nameSource: BackgroundValue(ready: names), origin: origin, id: id, breakdowns: breakdowns,
                  timeline: timeline, loadWarnings: loadWarnings)
    }

    /// Creates a snapshot whose name index may still be being built.
    init(levels: [LevelTable], indicators: [IndicatorInfo], columns: [ColumnKey: Column],
         memberships: [LevelPair: Membership], nameSource: BackgroundValue<NameIndex>, origin: String, id: Int,
         breakdowns: [ColumnKey: BreakdownColumn] = [:], timeline: PerimeterTimeline = .empty,
         loadWarnings: [Diagnostic] = []) {
        self.breakdowns = breakdowns
        self.levels = levels
        var lbn: [String: LevelID] = [:]
        for l in levels { lbn[l.name] = l.id }
        self.levelByName = lbn
        self.indicators = indicators
        var ibc: [String: IndicatorID] = [:]
        for (i, ind) in indicators.enumerated() { ibc[ind.code] = IndicatorID(i) }
        self.indicatorByCode = ibc
        self.columns = columns
        self.memberships = memberships
        self.timeline = timeline
        self.nameSource = nameSource
        self.origin = origin
        self.id = id
        self.loadWarnings = loadWarnings
    }

    /// The table of level `id`.
    public subscript(level id: LevelID) -> LevelTable { levels[id.raw] }

    /// The catalog entry of indicator `id`.
    public subscript(indicator id: IndicatorID) -> IndicatorInfo { indicators[id.raw] }

    /// The stored column of `indicator` at `level`, if data was loaded at that level.
    public func column(_ indicator: IndicatorID, at level: LevelID) -> Column? {
        columns[ColumnKey(indicator: indicator, level: level)]
    }

    /// The breakdown of `indicator` at `level`, if it is broken down there.
    public func breakdown(_ indicator: IndicatorID, at level: LevelID) -> BreakdownColumn? {
        breakdowns[ColumnKey(indicator: indicator, level: level)]
    }

    /// The levels where `indicator` has stored data, finest first.
    public func storedLevels(of indicator: IndicatorID) -> [LevelID] {
        levels.map(\.id).filter { columns[ColumnKey(indicator: indicator, level: $0)] != nil }
    }

    /// The membership from `child` level to `parent` level, if one was derived.
    public func membership(from child: LevelID, to parent: LevelID) -> Membership? {
        memberships[LevelPair(from: child, to: parent)]
    }

    /// How many observations (present or absent cells) the stored columns hold.
    public var observationCount: Int { columns.values.reduce(0) { $0 + $1.values.count } }
}

/// The key of a stored column.
public struct ColumnKey: Sendable, Hashable {
    /// The indicator.
    public let indicator: IndicatorID
    /// The level.
    public let level: LevelID
    /// Creates a key.
    public init(indicator: IndicatorID, level: LevelID) {
        self.indicator = indicator
        self.level = level
    }
}

/// An ordered pair of levels: child → parent.
public struct LevelPair: Sendable, Hashable {
    /// The finer level.
    public let from: LevelID
    /// The coarser level.
    public let to: LevelID
    /// Creates a pair.
    public init(from: LevelID, to: LevelID) {
        self.from = from
        self.to = to
    }
}
