import TIQCore

extension NameIndex {
    /// The best matches of `text`, at `level` or at every level, best first.
    ///
    /// Codes (`2A004`, `epci:200069193`) and exact folded names score 1, names matching
    /// without their article or EPCI prefix 0.98, others their trigram Jaccard similarity;
    /// equal scores are ordered by Damerau-Levenshtein distance, then level and row.
    public func search(_ text: String, level: LevelID?, limit: Int) -> [NameMatch] {
        guard limit > 0 else { return [] }
        let trimmed = text.trimmingASCIISpaces()
        guard !trimmed.isEmpty else { return [] }
        var scores: [UInt32: Double] = [:]
        func offer(_ entries: [UInt32]?, _ score: Double) {
            for e in entries ?? [] where accepts(e, level) { scores[e] = max(scores[e] ?? 0, score) }
        }
        offer(codes[trimmed.lowercased()], 1)
        let q = TextFolding.fold(trimmed)
        let qc = TextFolding.core(q)
        offer(exact[q], 1)
        offer(core[q], Self.coreScore)
        if qc != q {
            offer(exact[qc], Self.coreScore)
            offer(core[qc], Self.coreScore)
        }
        if !q.isEmpty {
            trigramScores(q, level, into: &scores)
            if qc != q && !qc.isEmpty { trigramScores(qc, level, into: &scores) }
        }
        // Rank by score; compute edit distances only for the candidates near the top.
        var ranked = scores.map { (entry: $0.key, score: $0.value) }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.entry < $1.entry }
        let window = Array(ranked.prefix(limit * 4 + 16))
        let withDistance = window.map { c in (c.entry, c.score, EditDistance.damerauLevenshtein(q, folded[Int(c.entry)])) }
        let final = withDistance.sorted { a, b in
            if a.1 != b.1 { return a.1 > b.1 }
            if a.2 != b.2 { return a.2 < b.2 }
            return a.0 < b.0
        }
        return final.prefix(limit).map { match($0.0, score: $0.1) }
    }

    /// Territories whose folded name starts with the folded `text`, at `level` or at every
    /// level, in folded-name order (for completion and "names starting with").
    public func prefix(_ text: String, level: LevelID?, limit: Int) -> [NameMatch] {
        guard limit > 0 else { return [] }
        let p = Array(TextFolding.fold(text).utf8)
        var found: [UInt32] = []
        let levels = level.map { [$0.raw] } ?? Array(sortedByLevel.indices)
        for l in levels where l >= 0 && l < sortedByLevel.count {
            let entries = sortedByLevel[l]
            var lo = 0, hi = entries.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if folded[Int(entries[mid])].utf8.lexicographicallyPrecedes(p) { lo = mid + 1 } else { hi = mid }
            }
            var i = lo
            while i < entries.count, found.count < limit * (level == nil ? levels.count : 1),
                  folded[Int(entries[i])].utf8.starts(with: p) {
                found.append(entries[i])
                i += 1
            }
        }
        found.sort { a, b in
            let fa = folded[Int(a)], fb = folded[Int(b)]
            return fa == fb ? a < b : fa.utf8.lexicographicallyPrecedes(fb.utf8)
        }
        return found.prefix(limit).map { e in
            let n = max(1, folded[Int(e)].utf8.count)
            return match(e, score: min(1, Double(p.count) / Double(n)))
        }
    }

    private func accepts(_ e: UInt32, _ level: LevelID?) -> Bool {
        level.map { entryLevel[Int(e)] == Int32($0.raw) } ?? true
    }

    private func match(_ e: UInt32, score: Double) -> NameMatch {
        NameMatch(level: LevelID(Int(entryLevel[Int(e)])), row: Int(entryRow[Int(e)]), score: score, label: labels[Int(e)])
    }

    /// Adds the trigram Jaccard similarity of `q` to every entry sharing a trigram with it.
    private func trigramScores(_ q: String, _ level: LevelID?, into scores: inout [UInt32: Double]) {
        let grams = Self.trigrams(q).compactMap { trigramIDs[$0] }
        let total = Self.trigrams(q).count
        guard !grams.isEmpty else { return }
        var shared = [UInt16](repeating: 0, count: folded.count)
        var touched: [UInt32] = []
        let wanted = level.map { Int32($0.raw) }
        postings.withUnsafeBufferPointer { post in
            for g in grams {
                for k in Int(postingOffsets[Int(g)])..<Int(postingOffsets[Int(g) + 1]) {
                    let e = post[k]
                    if let wanted, entryLevel[Int(e)] != wanted { continue }
                    if shared[Int(e)] == 0 { touched.append(e) }
                    shared[Int(e)] &+= 1
                }
            }
        }
        for e in touched {
            let inter = Double(shared[Int(e)])
            let jaccard = inter / (Double(total) + Double(trigramCounts[Int(e)]) - inter)
            guard jaccard >= Self.minimumScore else { continue }
            let score = min(jaccard, 0.97)
            if score > scores[e] ?? 0 { scores[e] = score }
        }
    }
}
