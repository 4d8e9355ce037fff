/// The territories of every other level that each territory lies in, with weights, derived from
/// the links by one rule (protocol.md, "links.csv"):
///
/// - a territory's **direct links** to a level give its weights in that level;
/// - for a level it has no direct link to, the weights come from **paths**: the product of the
///   link weights along each path, added across paths. A path counts unless it reaches a level
///   that an earlier territory on it links to directly (skipping that territory's own link),
///   so `commune → epci → dept → region` is ignored for a commune linked to its `dept`
///   directly: its region comes from its own département;
/// - the weights of a territory in one level form a partition: they add up to at most 1
///   (+ `tolerance`). When paths through different levels add up to more, the dataset is
///   refused (`D109`) at the links that start those paths — never silently capped.
///
/// Every path visits each level at most once, so the walk ends on any acyclic link graph; it is
/// memoized by (territory, levels to avoid), the levels to avoid cut down to those the walk from
/// that territory can reach (no other level changes its result). Without that cut a chain of L
/// levels gave each territory its own walk of every longer path: L² walks of L steps, 23 s and
/// 3.6 GB for 800 levels; with it each territory's cover is computed once per distinct cut,
/// once in a chain, so the walk is linear in the size of the cover it produces.
struct LinkCover {
    /// Weights a little above 1 that are still a partition (rounding in the files).
    static let tolerance = 1e-6

    /// A territory whose weights in one level add up to more than 1 through several paths.
    struct Excess {
        /// The territory record.
        let territory: Int
        /// The level.
        let level: Int
        /// The total weight in that level.
        let total: Double
        /// The territory's own links (indices into the resolved links) that lead into the level,
        /// each with the weight it brings there.
        let paths: [(link: Int, weight: Double)]
    }

    /// CSR over territory records: the entries of record `i` are `offsets[i] ..< offsets[i + 1]`.
    private(set) var offsets: [Int] = [0]
    /// The territory record each entry lies in, increasing within a territory.
    private(set) var targets: [Int] = []
    /// The weight of each entry, parallel to `targets`.
    private(set) var weights: [Double] = []
    /// The partitions that add up to more than 1, each reported where the paths meet.
    private(set) var excesses: [Excess] = []
    /// How many territory covers the walk computed (each memo miss once): the measure of its work.
    private(set) var walks = 0

    /// No territory, no entry.
    init() {}

    /// Derives the cover of every territory from the (validated, acyclic) `links`.
    init(territoryLevel: [Int], levelCount: Int, links: [(child: Int, parent: Int, weight: Double)]) {
        var walker = Walker(territoryLevel: territoryLevel, levelCount: levelCount, links: links)
        offsets.reserveCapacity(territoryLevel.count + 1)
        for t in territoryLevel.indices {
            let entries = walker.cover(t, avoiding: LevelSet(levelCount))
            for e in entries { targets.append(e.target); weights.append(e.weight) }
            offsets.append(targets.count)
            walker.findExcesses(of: t, entries, into: &excesses)
        }
        walks = walker.walks
    }

    /// The entries of territory record `t`.
    func entries(of t: Int) -> Range<Int> { offsets[t]..<offsets[t + 1] }
}

/// A set of levels, as bits.
struct LevelSet: Hashable {
    private var words: [UInt64]

    /// The empty set over `count` levels.
    init(_ count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

    /// Whether `l` is in the set.
    func contains(_ l: Int) -> Bool { words[l >> 6] & (1 << UInt64(l & 63)) != 0 }

    /// Adds `l`.
    mutating func insert(_ l: Int) { words[l >> 6] |= 1 << UInt64(l & 63) }

    /// Adds every level of `other` (a set over the same levels).
    mutating func formUnion(_ other: LevelSet) {
        for i in words.indices { words[i] |= other.words[i] }
    }

    /// The levels in both sets.
    func intersection(_ other: LevelSet) -> LevelSet {
        var result = self
        for i in words.indices { result.words[i] &= other.words[i] }
        return result
    }
}

/// The memoized path walk behind `LinkCover`.
private struct Walker {
    let territoryLevel: [Int]
    let levelCount: Int
    let links: [(child: Int, parent: Int, weight: Double)]
    /// CSR over territories: their links (indices into `links`).
    let linkOffsets: [Int]
    let linkOf: [Int]
    /// Per territory: the levels it links to directly.
    let directLevels: [LevelSet]
    /// Per territory: the levels of every territory reachable from it by one or more links.
    let reachableLevels: [LevelSet]
    var memo: [Key: [(target: Int, weight: Double)]] = [:]
    /// How many covers were computed (memo misses): counted for the tests of the walk's size.
    private(set) var walks = 0

    struct Key: Hashable {
        let territory: Int
        let avoiding: LevelSet
    }

    init(territoryLevel: [Int], levelCount: Int, links: [(child: Int, parent: Int, weight: Double)]) {
        self.territoryLevel = territoryLevel
        self.levelCount = levelCount
        self.links = links
        let n = territoryLevel.count
        var offsets = [Int](repeating: 0, count: n + 1)
        for l in links { offsets[l.child + 1] += 1 }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
        var fill = offsets, linkOf = [Int](repeating: 0, count: links.count)
        for (k, l) in links.enumerated() { linkOf[fill[l.child]] = k; fill[l.child] += 1 }
        var direct = [LevelSet](repeating: LevelSet(levelCount), count: n)
        for l in links { direct[l.child].insert(territoryLevel[l.parent]) }
        linkOffsets = offsets
        self.linkOf = linkOf
        directLevels = direct
        reachableLevels = Self.reachable(territoryLevel: territoryLevel, levelCount: levelCount, links: links,
                                         offsets: offsets, linkOf: linkOf)
    }

    /// The levels reachable from each territory, by an iterative depth-first walk in post-order.
    /// The validator refuses cycles, but the walk does not rely on it: a territory already on the
    /// walk's stack is not entered again, so a cycle ends the walk instead of growing the stack.
    private static func reachable(territoryLevel: [Int], levelCount: Int, links: [(child: Int, parent: Int, weight: Double)],
                                  offsets: [Int], linkOf: [Int]) -> [LevelSet] {
        let n = territoryLevel.count
        var result = [LevelSet?](repeating: nil, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [(territory: Int, next: Int)] = []
        for start in 0..<n where result[start] == nil {
            stack.append((start, offsets[start]))
            onStack[start] = true
            while let top = stack.last {
                if top.next < offsets[top.territory + 1] {
                    stack[stack.count - 1].next += 1
                    let p = links[linkOf[top.next]].parent
                    if result[p] == nil && !onStack[p] {
                        stack.append((p, offsets[p]))
                        onStack[p] = true
                    }
                    continue
                }
                stack.removeLast()
                onStack[top.territory] = false
                var set = LevelSet(levelCount)
                for k in offsets[top.territory]..<offsets[top.territory + 1] {
                    let p = links[linkOf[k]].parent
                    set.insert(territoryLevel[p])
                    // A cycle leaves a parent unfinished: skip it (the validator refuses the dataset).
                    if let above = result[p] { set.formUnion(above) }
                }
                result[top.territory] = set
            }
        }
        return result.map { $0 ?? LevelSet(levelCount) }
    }

    /// The links of territory `t`.
    func linksOf(_ t: Int) -> ArraySlice<Int> { linkOf[linkOffsets[t]..<linkOffsets[t + 1]] }

    /// The weighted territories `t` lies in through paths whose steps avoid the levels in `avoiding`.
    mutating func cover(_ t: Int, avoiding: LevelSet) -> [(target: Int, weight: Double)] {
        if linkOffsets[t] == linkOffsets[t + 1] { return [] }
        let avoiding = avoiding.intersection(reachableLevels[t])
        let key = Key(territory: t, avoiding: avoiding)
        if let known = memo[key] { return known }
        walks += 1
        var inner = avoiding
        inner.formUnion(directLevels[t])
        var acc: [Int: Double] = [:]
        for k in linksOf(t) {
            let (p, w) = (links[k].parent, links[k].weight)
            guard !avoiding.contains(territoryLevel[p]) else { continue }
            acc[p, default: 0] += w
            for e in cover(p, avoiding: inner) { acc[e.target, default: 0] += w * e.weight }
        }
        let result = acc.sorted { $0.key < $1.key }.map { (target: $0.key, weight: $0.value) }
        memo[key] = result
        return result
    }

    /// Records the levels where `t`'s weights add up to more than 1 because paths meet at `t`
    /// (an excess already present in one path is reported where that path's own paths meet).
    mutating func findExcesses(of t: Int, _ entries: [(target: Int, weight: Double)], into excesses: inout [LinkCover.Excess]) {
        var total = [Double](repeating: 0, count: levelCount)
        for e in entries { total[territoryLevel[e.target]] += e.weight }
        let over = (0..<levelCount).filter { total[$0] > 1 + LinkCover.tolerance && !directLevels[t].contains($0) }
        guard !over.isEmpty else { return }
        let inner = directLevels[t]
        for level in over {
            var paths: [(link: Int, weight: Double)] = [], inherited = false
            for k in linksOf(t) {
                var reached = 0.0
                for e in cover(links[k].parent, avoiding: inner) where territoryLevel[e.target] == level { reached += e.weight }
                if reached > 1 + LinkCover.tolerance { inherited = true }
                if reached > 0 { paths.append((k, links[k].weight * reached)) }
            }
            if !inherited { excesses.append(LinkCover.Excess(territory: t, level: level, total: total[level], paths: paths)) }
        }
    }
}
