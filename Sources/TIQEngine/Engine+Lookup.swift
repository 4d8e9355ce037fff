import TIQCore
import TIQStore

/// How `lookup` matches names.
public enum LookupMatch: String, Sendable, CaseIterable {
    /// Ranked by similarity (codes, folded names, trigrams): today's fuzzy search, the default.
    case similar
    /// Names starting with the text, ignoring case and accents only, in name order; score 1.
    case prefix
}

extension Engine {
    /// Territories whose names match `text`: with `.similar`, best first, and at a level above
    /// communes a town's name also finds the territory that holds it (`"chalon sur saone"` at
    /// `epci` finds the Grand Chalon through its commune Chalon-sur-Saône, labelled so); with
    /// `.prefix`, the territories of `level` (or of every level) whose name starts with `text`
    /// ignoring case and accents, in name order, each scoring 1.
    public func lookup(_ text: String, level: String?, limit: Int, match: LookupMatch = .similar) -> [NameMatch] {
        let id = level.flatMap { snapshot.levelByName[$0] }
        switch match {
        case .similar: return lookup(text, level: id, limit: limit)
        case .prefix:
            // An unknown level name finds nothing rather than every level.
            if level != nil && id == nil { return [] }
            return snapshot.names.namesStarting(with: text, level: id, limit: limit)
        }
    }

    func lookup(_ text: String, level: LevelID?, limit: Int) -> [NameMatch] {
        let direct = snapshot.names.search(text, level: level, limit: limit)
        guard let level, let base = snapshot.levels.first?.id, base != level, (direct.first?.score ?? 0) < 0.9,
              let m = snapshot.membership(from: base, to: level) else { return direct }
        // Parent of each commune at `level`: the one holding the largest share of it.
        let towns = snapshot.names.search(text, level: base, limit: 5).filter { $0.score >= 0.8 }
        guard !towns.isEmpty else { return direct }
        var parentOf: [Int: (Int, Double)] = [:]
        let wanted = Set(towns.map(\.row))
        for p in 0..<m.parentCount {
            for k in m.range(of: p) where wanted.contains(Int(m.children[k])) {
                let c = Int(m.children[k])
                if (parentOf[c]?.1 ?? 0) < m.weights[k] { parentOf[c] = (p, m.weights[k]) }
            }
        }
        var merged = direct
        let table = snapshot[level: level]
        for t in towns {
            guard let (p, _) = parentOf[t.row], !merged.contains(where: { $0.level == level && $0.row == p }) else { continue }
            let town = snapshot[level: base].names[t.row]
            merged.append(NameMatch(level: level, row: p, score: t.score * 0.95, label: "\(table.names[p]) (holds \(town))"))
        }
        merged.sort { $0.score > $1.score || ($0.score == $1.score && table.codes[$0.row] < table.codes[$1.row]) }
        return Array(merged.prefix(limit))
    }
}
