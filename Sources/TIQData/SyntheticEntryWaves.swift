import TIQCore
import TIQStore

/// The synthetic phase-2 entry waves (docs/data.md, "The embedded demo"): a commune's link to
/// its phase-2 TI holds from 2019 when the commune is also in phase 1 (it entered the programme
/// with the first wave), from 2023 otherwise (a phase-2 entrant). This is what the series model
/// assumes (phase-1 territories do better from 2019, phase-2 ones from 2023), so a
/// staggered-entry comparison on `ti2` finds two cohorts, 2019 and 2023.
enum SyntheticEntryWaves {
    /// The year a commune in phase 1 enters its phase-2 TI.
    static let firstWave: Int32 = 2019
    /// The year a phase-2 entrant enters.
    static let secondWave: Int32 = 2023

    /// Gives every `commune → ti2` link of `dataset` its `from` year.
    static func apply(to dataset: inout Dataset) {
        let inPhase1 = Set(dataset.links.lazy.filter { $0.parent.hasPrefix("ti1:") }.map(\.child))
        for k in dataset.links.indices where dataset.links[k].parent.hasPrefix("ti2:") {
            let year = inPhase1.contains(dataset.links[k].child) ? firstWave : secondWave
            dataset.links[k].from = Period(year: year)
        }
    }
}
