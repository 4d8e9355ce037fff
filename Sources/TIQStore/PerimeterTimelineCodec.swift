/// The perimeter timeline's section of a snapshot file (format 4 and later), after the
/// columns: the epoch boundaries (months), then per (L, G) pair, L's shares in G at each epoch.
enum PerimeterTimelineCodec {
    static func encode(_ t: PerimeterTimeline, into w: inout SnapshotByteWriter) {
        w.block(t.boundaries)
        let pairs = t.shares.keys.sorted { ($0.from.raw, $0.to.raw) < ($1.from.raw, $1.to.raw) }
        w.int(pairs.count)
        for pair in pairs {
            w.int(pair.from.raw); w.int(pair.to.raw)
            for epoch in t.shares[pair] ?? [] { w.block(epoch) }
        }
    }

    /// Reads the section, checking that every pair names two different levels once, has one
    /// share array per epoch, and one share per row of its level, each between 0 and 1.
    static func decode(_ r: inout SnapshotByteReader, levels: [LevelTable]) throws(SnapshotByteReader.Damage) -> PerimeterTimeline {
        let boundaries: [Int32] = try r.block("perimeter timeline")
        guard zip(boundaries, boundaries.dropFirst()).allSatisfy({ $0 < $1 }) else { throw .init(what: "perimeter timeline") }
        var shares: [LevelPair: [[Double]]] = [:]
        for _ in 0..<(try r.int("perimeter timeline")) {
            let from = try r.index("perimeter timeline", below: levels.count), to = try r.index("perimeter timeline", below: levels.count)
            let pair = LevelPair(from: LevelID(from), to: LevelID(to))
            let what = "perimeter timeline of \(levels[from].name) in \(levels[to].name)"
            guard from != to, shares[pair] == nil else { throw .init(what: what) }
            var epochs: [[Double]] = []
            for _ in 0...boundaries.count {
                let v: [Double] = try r.block(what)
                guard v.count == levels[from].count, v.allSatisfy({ (0...1).contains($0) }) else { throw .init(what: what) }
                epochs.append(v)
            }
            shares[pair] = epochs
        }
        return PerimeterTimeline(boundaries: boundaries, shares: shares)
    }
}
