import TIQCore

/// A dataset whose keys are resolved and whose content is checked: what `SnapshotBuilder`
/// builds from. Produced only by `DatasetValidator`, and only when there is no error.
struct ResolvedDataset {
    /// Level names, finest (most territories) first; ties keep the order of first appearance.
    var levelNames: [String] = []
    /// The level (position in `levelNames`) of each territory record.
    var territoryLevel: [Int] = []
    /// `level:code` → territory record.
    var territoryByKey: [String: Int] = [:]
    /// Valid links, as territory records.
    var links: [(child: Int, parent: Int, weight: Double)] = []
    /// The `links.csv` record of each entry of `links`.
    var linkRecords: [Int] = []
    /// Every territory's weights in the other levels (see `LinkCover`); empty when the links are invalid.
    var cover = LinkCover()
    /// Links with a validity (`from`/`to`), one entry per line of links.csv, and the periods
    /// at which the perimeter changes (see `PerimeterEpochs`); empty when no link has one.
    var epochs = PerimeterEpochs()
    /// The catalog, in file order.
    var indicators: [IndicatorInfo] = []
    /// Indicator code → position in `indicators`.
    var indicatorByCode: [String: Int] = [:]
    /// The territory record of each `observations.territoryKeys` entry (-1 if unknown).
    var observationTerritory: [Int] = []
    /// The indicator of each `observations.indicatorCodes` entry (-1 if unknown).
    var observationIndicator: [Int] = []
    /// The canonical form of each `observations.breakdownCodes` entry (nil if not a code).
    var breakdownCodes: [String?] = []
    /// The period span of each (indicator, level) with observations.
    var columnSpans = ColumnSpans(indicators: 0, levels: 1)
}

/// The first and last period ordinal of each (indicator, level), in dense arrays indexed by
/// `indicator * levels + level` so that millions of observations cost no hashing.
struct ColumnSpans {
    /// How many levels (the stride of the key).
    let levels: Int
    private var first: [Int32]
    private var last: [Int32]

    init(indicators: Int, levels: Int) {
        self.levels = max(1, levels)
        first = [Int32](repeating: .max, count: indicators * self.levels)
        last = [Int32](repeating: .min, count: indicators * self.levels)
    }

    /// The key of (`indicator`, `level`).
    @inline(__always) func key(_ indicator: Int, _ level: Int) -> Int { indicator * levels + level }

    /// Widens the span of `key` to include `ordinal`.
    @inline(__always) mutating func include(_ key: Int, _ ordinal: Int32) {
        if ordinal < first[key] { first[key] = ordinal }
        if ordinal > last[key] { last[key] = ordinal }
    }

    /// The span of `key`, if it has observations.
    @inline(__always) func span(_ key: Int) -> (first: Int32, last: Int32)? {
        key < first.count && first[key] <= last[key] ? (first[key], last[key]) : nil
    }

    /// How many periods the span of `key` holds (0 when none).
    @inline(__always) func width(_ key: Int) -> Int { span(key).map { Int($0.last - $0.first) + 1 } ?? 0 }

    /// Every key with observations, increasing.
    var keys: [Int] { first.indices.filter { first[$0] <= last[$0] } }
}
