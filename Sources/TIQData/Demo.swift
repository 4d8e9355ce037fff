import TIQStore

/// The demo tiq serves when no `--data` is given: the real French geography (INSEE, built
/// into the binary), synthetic TI perimeters for both phases, synthetic commune-level
/// series 2015-2024 for the eleven demo indicators, and the totals a producer would publish at
/// the département, région and France levels, summed before the commune values were masked
/// (`SyntheticPublished`). Every indicator's `source` says `synthetic`.
public enum Demo {
    /// The default seed.
    public static let defaultSeed: UInt64 = 2018

    /// What the demo holds.
    public static func spec(seed: UInt64 = defaultSeed) -> SyntheticDatasetSpec {
        SyntheticDatasetSpec(level: .commune, indicators: SyntheticIndicator.demo, years: 2015...2024, seed: seed,
                             publishedTotals: true)
    }

    /// The demo dataset, deterministic from `seed`.
    public static func dataset(seed: UInt64 = defaultSeed) -> Dataset {
        SyntheticDataset.dataset(spec(seed: seed))
    }
}

extension Demo {
    /// The demo as an indexed snapshot (origin `demo`), built by `SnapshotBuilder`.
    ///
    /// Takes a few hundred milliseconds in a release build; callers keep the result.
    public static func snapshot(id: Int = 1, seed: UInt64 = defaultSeed) throws(LoadFailure) -> Snapshot {
        try SnapshotBuilder.build(dataset(seed: seed), origin: "demo", id: id)
    }
}
