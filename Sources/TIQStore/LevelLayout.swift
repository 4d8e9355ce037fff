/// Where each territory record goes in the snapshot: its level and its row (rows sorted by code).
struct LevelLayout {
    /// Level names, finest first.
    let names: [String]
    /// The territory records of each level, by row.
    let records: [[Int]]
    /// The row of each territory record within its level.
    let row: [Int]
    /// The level of each territory record.
    let level: [Int]

    init(_ dataset: Dataset, _ resolved: ResolvedDataset) {
        names = resolved.levelNames
        level = resolved.territoryLevel
        var byLevel = [[Int]](repeating: [], count: names.count)
        for (i, l) in level.enumerated() { byLevel[l].append(i) }
        let t = dataset.territories
        for l in byLevel.indices {
            byLevel[l].sort { t[$0].code.utf8.lexicographicallyPrecedes(t[$1].code.utf8) }
        }
        records = byLevel
        var row = [Int](repeating: 0, count: t.count)
        for rows in byLevel { for (r, i) in rows.enumerated() { row[i] = r } }
        self.row = row
    }

    /// How many territories level `l` holds.
    func count(_ l: Int) -> Int { records[l].count }

    /// The finest level (index 0): the base of every membership.
    var base: Int { 0 }
}
