import TIQCore

extension NameIndex {
    /// Territories whose name starts with `text`, ignoring case and accents only, at `level` or
    /// at every level, in order of their names so folded (ties by level, then row); at most
    /// `limit`. Every match scores 1.
    ///
    /// This is SQL's `ILIKE 'text%'`, accent-insensitive: `"Sain"` finds `Saint-Étienne` and
    /// `Sainte-Foy`, `"saint-é"` finds `Saint-Étienne` but not `Saint Étienne`, `"la "` finds
    /// `La Rochelle` but not `Laval`; an empty `text` takes names from the start of the order.
    /// Unlike `prefix(_:level:limit:)`, neither `saint`/`st` nor punctuation is normalised.
    public func namesStarting(with text: String, level: LevelID?, limit: Int) -> [NameMatch] {
        guard limit > 0 else { return [] }
        var key: [UInt8] = []
        TextFolding.appendCaseAndAccentFold(of: text, to: &key)
        var found: [UInt32] = []
        if let level {
            found = plainNames.entries(startingWith: key, level: level.raw, limit: limit)
        } else {
            // The first `limit` of each level, merged: the overall first `limit` are among them.
            for l in levelNames.indices {
                found += plainNames.entries(startingWith: key, level: l, limit: limit)
            }
            found.sort(by: plainNames.precedes)
        }
        return found.prefix(limit).map { e in
            NameMatch(level: LevelID(Int(entryLevel[Int(e)])), row: Int(entryRow[Int(e)]), score: 1, label: labels[Int(e)])
        }
    }
}
