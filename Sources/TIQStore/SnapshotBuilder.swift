import TIQCore

/// Turns a `Dataset` into an indexed, immutable `Snapshot`: levels ordered finest first, rows
/// sorted by code, weighted memberships between every pair of levels, derived attributes,
/// catalog, columns and the name index.
///
/// The whole dataset is validated first, with the same `D1xx` diagnostics as the CSV loader;
/// nothing is built unless it is valid.
public enum SnapshotBuilder {
    /// Validates and builds the snapshot of `dataset`.
    ///
    /// - Parameters:
    ///   - origin: where the data came from (`demo`, a directory path), kept in the snapshot.
    ///   - id: the snapshot's id.
    ///   - progress: called with a fraction in 0...1 as the build advances.
    public static func build(_ dataset: Dataset, origin: String, id: Int,
                             progress: ((Double) -> Void)? = nil) throws(LoadFailure) -> Snapshot {
        try build(dataset, origin: origin, id: id, sources: nil, progress: progress)
    }

    static func build(_ dataset: Dataset, origin: String, id: Int, sources: DatasetSourceMap?,
                      progress: ((Double) -> Void)?) throws(LoadFailure) -> Snapshot {
        var collector = DiagnosticCollector()
        let resolved = DatasetValidator.validate(dataset, sources: sources, collector: &collector)
        try collector.throwIfFailed()
        progress?(0.2)
        let layout = LevelLayout(dataset, resolved)
        let parts = structure(dataset, resolved, layout: layout, progress: progress)
        var columns = ColumnBuilder.build(dataset, resolved, layout)
        let breakdowns = BreakdownBuilder.build(dataset, resolved, layout, columns: &columns)
        progress?(1)
        return parts.snapshot(columns: columns, indicators: resolved.indicators, origin: origin, id: id, breakdowns: breakdowns)
    }

    /// Everything of a snapshot but its columns: levels with their attributes, memberships and
    /// the name index. Independent of the observations, so it can be built while they are read.
    struct Structure: Sendable {
        let levels: [LevelTable]
        let memberships: [LevelPair: Membership]
        let names: NameIndex
        let timeline: PerimeterTimeline
        /// W413 for each sum that overflowed.
        var warnings: [Diagnostic] = []

        /// The snapshot made of this structure and `columns`.
        func snapshot(columns: [ColumnKey: Column], indicators: [IndicatorInfo], origin: String, id: Int,
                      breakdowns: [ColumnKey: BreakdownColumn] = [:]) -> Snapshot {
            Snapshot(levels: levels, indicators: indicators, columns: columns, memberships: memberships,
                     names: names, origin: origin, id: id, breakdowns: breakdowns, timeline: timeline, loadWarnings: warnings)
        }
    }

    /// Builds the structure of a validated dataset (see `Structure`).
    static func structure(_ dataset: Dataset, _ resolved: ResolvedDataset, layout: LevelLayout,
                          progress: ((Double) -> Void)?) -> Structure {
        let cover = BaseCover(layout, resolved)
        let basePopulation = population(of: layout, dataset)
        let deriver = MembershipDeriver(layout: layout, cover: cover, basePopulation: basePopulation)
        let attributes = AttributeBuilder(dataset: dataset, layout: layout, deriver: deriver, cover: cover)
        // One overlap per pair of levels that needs it: a membership (finer → coarser) or derived attributes.
        var memberships: [LevelPair: Membership] = [:]
        var overlaps: [LevelPair: LevelOverlap] = [:]
        for a in layout.names.indices {
            for b in layout.names.indices where a != b {
                let stored = layout.count(a) > layout.count(b)
                guard stored || attributes.derives(level: a, from: b) else { continue }
                let o = deriver.overlap(from: a, to: b)
                let pair = LevelPair(from: LevelID(a), to: LevelID(b))
                if stored { memberships[pair] = o.membership(from: a, to: b, parentCount: layout.count(b)) }
                if attributes.derives(level: a, from: b) { overlaps[pair] = o }
            }
        }
        progress?(0.5)

        var levels: [LevelTable] = []
        for l in layout.names.indices {
            var attrs: [Attribute] = []
            for k in dataset.attributeNames.indices {
                if let a = attributes.fileAttribute(k, level: l) { attrs.append(a) }
            }
            if l != layout.base, !attrs.contains(where: { $0.name == "population" }) {
                attrs.append(attributes.population(level: l))
            }
            for g in layout.names.indices {
                guard let o = overlaps[LevelPair(from: LevelID(l), to: LevelID(g))] else { continue }
                for a in attributes.derived(level: l, group: g, overlap: o) {
                    attrs.removeAll { $0.name == a.name && a.name != "population" }   // derived wins over the file
                    attrs.append(a)
                }
            }
            if layout.names.contains("ti1"), layout.names.contains("ti2"), let flag = AttributeBuilder.newTI2(attrs) {
                attrs.removeAll { $0.name == flag.name }
                attrs.append(flag)
            }
            let records = layout.records[l]
            levels.append(LevelTable(name: layout.names[l], id: LevelID(l),
                                     codes: records.map { dataset.territories[$0].code },
                                     names: records.map { dataset.territories[$0].name }, attributes: attrs))
        }
        progress?(0.7)
        let names = NameIndex(levels: levels)
        progress?(0.85)
        let timeline = PerimeterTimelineBuilder.build(resolved, layout: layout, basePopulation: basePopulation,
                                                      derives: attributes.derives(level:from:))
        return Structure(levels: levels, memberships: memberships, names: names, timeline: timeline,
                         warnings: overflowWarnings(deriver.overflowed, layout: layout, dataset: dataset))
    }

    /// One W413 per territory whose population sum overflowed, naming it; at most
    /// `DiagnosticCap.limit`, then a count of the rest.
    static func overflowWarnings(_ overflowed: [(level: Int, row: Int)], layout: LevelLayout, dataset: Dataset) -> [Diagnostic] {
        let warnings = overflowed.map { (l, a) -> Diagnostic in
            let key = dataset.territories[layout.records[l][a]].key
            return .warning(.overflowAtLoad, "the population of \(key), the sum of its communes' populations, overflows: it is absent (undefined), and \(key) is weighed by its commune count",
                            help: "fix the communes' `population` in territories.csv: no real population exceeds 10^308")
        }
        return DiagnosticCap.capped(warnings)
    }

    /// The population of each base territory, from its `population` attribute; NaN when unknown.
    private static func population(of layout: LevelLayout, _ dataset: Dataset) -> [Double] {
        let records = layout.records[layout.base]
        guard let k = dataset.attributeNames.firstIndex(of: "population") else {
            return [Double](repeating: .nan, count: records.count)
        }
        return records.map { i in
            let t = dataset.territories[i]
            guard k < t.attributes.count, !t.attributes[k].isEmpty, let v = NumberParser.parse(t.attributes[k]), v >= 0 else { return .nan }
            return v
        }
    }
}
