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
    /// The catalog, in file order.
    var indicators: [IndicatorInfo] = []
    /// Indicator code → position in `indicators`.
    var indicatorByCode: [String: Int] = [:]
    /// The territory record of each `observations.territoryKeys` entry (-1 if unknown).
    var observationTerritory: [Int] = []
    /// The indicator of each `observations.indicatorCodes` entry (-1 if unknown).
    var observationIndicator: [Int] = []
    /// The period span of each (indicator, level) with observations: key `indicator * levels + level`.
    var columnSpans: [Int: (first: Int32, last: Int32)] = [:]
}
