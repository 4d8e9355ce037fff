import TIQCore

/// How memberships change over time, when some links of the dataset hold at some periods only
/// (`from`/`to` in links.csv; protocol.md, "Links in time").
///
/// Time is split into epochs at every month a timed link starts or stops holding. For each
/// level G that timed links point to (a *timed* level, such as `ti2` when its memberships have
/// a `from`), and each level L that gets `G`/`G_share` attributes, the timeline keeps L's share
/// in G at every epoch; the flag at a period is that share ≥ 0.5. The snapshot's own attributes
/// are those of the perimeter of all time (every link, whenever it holds).
public struct PerimeterTimeline: Sendable {
    /// The month (`year × 12 + month − 1`) each epoch after the first starts, increasing.
    public let boundaries: [Int32]
    /// Per (L, G) pair (`from` L, `to` G): L's share in G at each epoch, one value per row of L.
    public let shares: [LevelPair: [[Double]]]

    /// A timeline without change: no link has a validity.
    public static let empty = PerimeterTimeline(boundaries: [], shares: [:])

    /// Creates a timeline.
    public init(boundaries: [Int32], shares: [LevelPair: [[Double]]]) {
        self.boundaries = boundaries
        self.shares = shares
    }

    /// Whether memberships never change.
    public var isEmpty: Bool { shares.isEmpty }

    /// How many epochs.
    public var epochCount: Int { boundaries.count + 1 }

    /// The levels whose memberships change over time.
    public var timedLevels: Set<LevelID> { Set(shares.keys.map(\.to)) }

    /// The epoch holding period `p` (the one holding its first month).
    public func epoch(at p: Period) -> Int {
        let m = p.firstMonth
        var lo = 0, hi = boundaries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if boundaries[mid] <= m { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The shares of the rows of `level` in `group` at period `p`; nil when `group`'s
    /// memberships do not change over time (the snapshot's `G_share` attribute then holds).
    public func shares(of level: LevelID, in group: LevelID, at p: Period) -> [Double]? {
        shares[LevelPair(from: level, to: group)].map { $0[epoch(at: p)] }
    }
}

/// Builds the timeline of a validated dataset from its epochs' covers.
enum PerimeterTimelineBuilder {
    /// For each epoch, the shares of every level in each timed level it derives attributes from.
    static func build(_ resolved: ResolvedDataset, layout: LevelLayout, basePopulation: [Double],
                      derives: (Int, Int) -> Bool) -> PerimeterTimeline {
        let epochs = resolved.epochs
        guard !epochs.isEmpty else { return .empty }
        let groups = Set(epochs.timed.map { layout.level[$0.parent] }).sorted()
        var shares: [LevelPair: [[Double]]] = [:]
        for cover in epochs.covers {
            var r = resolved
            r.cover = cover
            let deriver = MembershipDeriver(layout: layout, cover: BaseCover(layout, r), basePopulation: basePopulation)
            for g in groups {
                for l in layout.names.indices where derives(l, g) {
                    shares[LevelPair(from: LevelID(l), to: LevelID(g)), default: []].append(deriver.overlap(from: l, to: g).share)
                }
            }
        }
        return PerimeterTimeline(boundaries: epochs.boundaries, shares: shares)
    }
}
