import TIQCore

/// The links that hold at some periods only (`from`/`to` in links.csv) and the perimeters they
/// make: the periods split into *epochs* at every month a timed link starts or stops holding,
/// and each epoch has its own cover (the links that hold in it, by the one membership rule).
///
/// The snapshot's memberships and attributes use the perimeter of all time (every link, a
/// link with several validities once, with its largest weight); the epochs give the flags and
/// shares at each period (`PerimeterTimeline`).
struct PerimeterEpochs {
    /// One line of links.csv with a validity.
    struct TimedLink {
        let child: Int
        let parent: Int
        let weight: Double
        let months: ClosedRange<Int32>
        /// The links.csv record.
        let record: Int
    }

    /// Every timed link, in file order.
    var timed: [TimedLink] = []
    /// The entries of `ResolvedDataset.links` that stand for timed links.
    var timedEntries = Set<Int>()
    /// The month each epoch after the first starts, increasing; epoch 0 runs from the start of time.
    var boundaries: [Int32] = []
    /// The cover of each epoch.
    var covers: [LinkCover] = []

    /// Whether no link has a validity.
    var isEmpty: Bool { timed.isEmpty }

    /// The first month of epoch `e`.
    func firstMonth(ofEpoch e: Int) -> Int32 { e == 0 ? .min : boundaries[e - 1] }

    /// The links that hold in epoch `e`, with their links.csv records: every link without a
    /// validity, and the timed links holding on the epoch's first month.
    func links(inEpoch e: Int, _ r: ResolvedDataset) -> (links: [(child: Int, parent: Int, weight: Double)], records: [Int]) {
        let month = firstMonth(ofEpoch: e)
        var links: [(child: Int, parent: Int, weight: Double)] = [], records: [Int] = []
        for (k, l) in r.links.enumerated() where !timedEntries.contains(k) {
            links.append(l); records.append(r.linkRecords[k])
        }
        for t in timed where t.months.contains(month) {
            links.append((t.child, t.parent, t.weight)); records.append(t.record)
        }
        return (links, records)
    }
}

/// Counts each timed link once in the perimeter of all time: a later validity of the same
/// (child, parent) raises the weight already counted to its own, if larger, instead of adding.
struct TimedLinkMerger {
    private var entryOfPair: [Int: Int] = [:]
    /// Whether the last link added was merged into an earlier entry (and must not be appended).
    private(set) var merged = false

    /// Records `link` (resolved to `child` → `parent`) and returns the weight it adds to the
    /// child's total in the parent's level.
    mutating func add(_ link: LinkRecord, child: Int, parent: Int, record: Int, into r: inout ResolvedDataset) -> Double {
        merged = false
        guard link.isTimed, let months = link.months else { return link.weight }
        r.epochs.timed.append(.init(child: child, parent: parent, weight: link.weight, months: months, record: record))
        let pair = child &* r.territoryLevel.count &+ parent
        if let k = entryOfPair[pair] {
            merged = true
            let extra = max(0, link.weight - r.links[k].weight)
            r.links[k].weight += extra
            return extra
        }
        entryOfPair[pair] = r.links.count
        r.epochs.timedEntries.insert(r.links.count)
        return link.weight
    }
}

extension DatasetValidator {
    /// D140 for a validity that ends before it starts; D141 for two validities of one link
    /// (same child and parent) that share a month (a link without validity holds at every month).
    /// Returns the records in error (for D141, the later of the two lines).
    static func checkValidity(_ d: Dataset, _ s: DatasetSourceMap?, _ c: inout DiagnosticCollector) -> Set<Int> {
        var bad = Set<Int>()
        var timedPairs = Set<String>()
        for (i, l) in d.links.enumerated() where l.isTimed {
            if l.months == nil {
                c.error(.validityBackwards, "the link `\(l.child)` → `\(l.parent)` ends (`to` \(l.to!)) before it starts (`from` \(l.from!))",
                        at: locate(s, .links, i, "to"), help: "swap `from` and `to`, or fix the periods: `to` is the last period the link holds")
                bad.insert(i)
            } else {
                timedPairs.insert(l.child + "\u{0}" + l.parent)
            }
        }
        guard !timedPairs.isEmpty else { return bad }
        var spans: [String: [(months: ClosedRange<Int32>, record: Int)]] = [:]
        for (i, l) in d.links.enumerated() {
            let pair = l.child + "\u{0}" + l.parent
            guard timedPairs.contains(pair), let m = l.months else { continue }
            spans[pair, default: []].append((m, i))
        }
        for (_, list) in spans.sorted(by: { $0.value[0].record < $1.value[0].record }) where list.count > 1 {
            let sorted = list.sorted { ($0.months.lowerBound, $0.record) < ($1.months.lowerBound, $1.record) }
            for (a, b) in zip(sorted, sorted.dropFirst()) where b.months.lowerBound <= a.months.upperBound {
                let later = max(a.record, b.record), earlier = min(a.record, b.record)
                bad.insert(later)
                let line = locate(s, .links, earlier, "child").span?.line ?? earlier + 2
                let l = d.links[later]
                c.error(.validityOverlap, "the link `\(l.child)` → `\(l.parent)` holds twice at once: its validity \(text(l)) overlaps that of line \(line) (\(text(d.links[earlier])))",
                        at: locate(s, .links, later, l.from != nil ? "from" : "child"),
                        help: "a link holds once at any period: make the validities follow each other (`to` before the next `from`), or merge the lines")
            }
        }
        return bad
    }

    /// `from..to` as written (`…` for an open side).
    private static func text(_ l: LinkRecord) -> String {
        "\(l.from?.description ?? "…")..\(l.to?.description ?? "…")"
    }

    /// Splits time into epochs at every month a timed link starts or stops holding, and
    /// derives each epoch's cover; a cover that adds up to more than 1 in some level is D109,
    /// as for the perimeter of all time.
    static func checkEpochCovers(_ d: Dataset, _ s: DatasetSourceMap?, _ r: inout ResolvedDataset, _ c: inout DiagnosticCollector) {
        guard !r.epochs.isEmpty else { return }
        var cuts = Set<Int32>()
        for t in r.epochs.timed {
            if t.months.lowerBound != .min { cuts.insert(t.months.lowerBound) }
            if t.months.upperBound != .max { cuts.insert(t.months.upperBound + 1) }
        }
        r.epochs.boundaries = cuts.sorted()
        for e in 0...r.epochs.boundaries.count {
            let (links, records) = r.epochs.links(inEpoch: e, r)
            let cover = LinkCover(territoryLevel: r.territoryLevel, levelCount: r.levelNames.count, links: links)
            if !cover.excesses.isEmpty {
                var local = r
                local.links = links
                local.linkRecords = records
                for x in cover.excesses { reportExcess(x, d, s, local, &c) }
            }
            r.epochs.covers.append(cover)
        }
    }
}
