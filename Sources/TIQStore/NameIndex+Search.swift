import TIQCore

extension NameIndex {
    /// The best matches of `text`, at `level` or at every level, best first.
    ///
    /// Codes (`2A004`, `epci:200069193`) and exact folded names score 1, names matching
    /// without their article or EPCI prefix 0.98, others their trigram Jaccard similarity
    /// (at most 0.97); equal scores are ordered by Damerau-Levenshtein distance to the folded
    /// query, then by level and row.
    public func search(_ text: String, level: LevelID?, limit: Int) -> [NameMatch] {
        guard limit > 0, !folded.isEmpty else { return [] }
        let trimmed = text.trimmingASCIISpaces()
        guard !trimmed.isEmpty else { return [] }
        var scores = [Float](repeating: 0, count: folded.count)
        var touched: [UInt32] = []
        func offer(_ entries: [UInt32], _ score: Float) {
            for e in entries where accepts(e, level) {
                if scores[Int(e)] == 0 { touched.append(e) }
                scores[Int(e)] = max(scores[Int(e)], score)
            }
        }
        // Codes: `2A004`, or `level:code`.
        let lowered = trimmed.lowercased()
        offer(chain(codeHead[lowered], codeNext), 1)
        if let colon = lowered.firstIndex(of: ":"), let l = levelNames.firstIndex(of: String(lowered[..<colon])) {
            offer(chain(codeHead[String(lowered[lowered.index(after: colon)...])], codeNext).filter { entryLevel[Int($0)] == Int32(l) }, 1)
        }
        let q = TextFolding.fold(trimmed)
        let qc = TextFolding.core(q)
        offer(chain(exactHead[q], exactNext), 1)
        offer(chain(coreHead[q], coreNext), Float(Self.coreScore))
        if qc != q {
            offer(chain(exactHead[qc], exactNext), Float(Self.coreScore))
            offer(chain(coreHead[qc], coreNext), Float(Self.coreScore))
        }
        if !q.isEmpty {
            var shared = [UInt16](repeating: 0, count: folded.count)
            trigramScores(q, level, &shared, &scores, &touched)
            if qc != q && !qc.isEmpty { trigramScores(qc, level, &shared, &scores, &touched) }
        }
        let candidates = topCandidates(touched, scores, keep: limit + 8)
        let ranked = candidates.map { e in (e, scores[Int(e)], EditDistance.damerauLevenshtein(q, folded[Int(e)])) }
            .sorted { a, b in
                if a.1 != b.1 { return a.1 > b.1 }
                if a.2 != b.2 { return a.2 < b.2 }
                return a.0 < b.0
            }
        return ranked.prefix(limit).map { match($0.0, score: Double($0.1)) }
    }

    /// Territories whose folded name starts with the folded `text`, at `level` or at every
    /// level, in folded-name order (for completion and "names starting with").
    public func prefix(_ text: String, level: LevelID?, limit: Int) -> [NameMatch] {
        guard limit > 0 else { return [] }
        let p = TextFolding.fold(text)
        var found: [UInt32] = []
        let levels = level.map { [$0.raw] } ?? Array(sortedByLevel.indices)
        for l in levels where l >= 0 && l < sortedByLevel.count {
            let entries = sortedByLevel[l]
            var lo = 0, hi = entries.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if folded[Int(entries[mid])] < p { lo = mid + 1 } else { hi = mid }
            }
            var taken = 0
            while lo < entries.count, taken < limit, folded[Int(entries[lo])].utf8.starts(with: p.utf8) {
                found.append(entries[lo])
                lo += 1; taken += 1
            }
        }
        found.sort { a, b in folded[Int(a)] != folded[Int(b)] ? folded[Int(a)] < folded[Int(b)] : a < b }
        let n = Double(p.utf8.count)
        return found.prefix(limit).map { e in match(e, score: min(1, n / Double(max(1, folded[Int(e)].utf8.count)))) }
    }

    /// The label shown for `row` of `level`: its name, with the département for homonyms.
    public func label(level: LevelID, row: Int) -> String? {
        guard level.raw >= 0, level.raw < levelStart.count, levelStart[level.raw] >= 0, row >= 0 else { return nil }
        let e = levelStart[level.raw] + row
        guard e < entryLevel.count, entryLevel[e] == Int32(level.raw) else { return nil }
        return labels[e]
    }

    private func accepts(_ e: UInt32, _ level: LevelID?) -> Bool {
        level.map { entryLevel[Int(e)] == Int32($0.raw) } ?? true
    }

    private func match(_ e: UInt32, score: Double) -> NameMatch {
        NameMatch(level: LevelID(Int(entryLevel[Int(e)])), row: Int(entryRow[Int(e)]), score: score, label: labels[Int(e)])
    }

    /// Raises `scores` to the trigram Jaccard similarity of `q` for every entry sharing a trigram.
    private func trigramScores(_ q: String, _ level: LevelID?, _ shared: inout [UInt16], _ scores: inout [Float],
                               _ touched: inout [UInt32]) {
        var grams: [UInt64] = []
        TrigramPostings.trigrams(q, into: &grams)
        let total = Float(grams.count)
        let ids = grams.compactMap { trigramIDs[$0] }
        guard !ids.isEmpty else { return }
        var seen: [UInt32] = []
        let wanted = level.map { Int32($0.raw) }
        postings.withUnsafeBufferPointer { post in
            shared.withUnsafeMutableBufferPointer { counts in
                for g in ids {
                    for k in Int(postingOffsets[Int(g)])..<Int(postingOffsets[Int(g) + 1]) {
                        let e = post[k]
                        if let wanted, entryLevel[Int(e)] != wanted { continue }
                        if counts[Int(e)] == 0 { seen.append(e) }
                        counts[Int(e)] &+= 1
                    }
                }
            }
        }
        let floor = Float(Self.minimumScore), ceiling = Float(Self.fuzzyCeiling)
        for e in seen {
            let inter = Float(shared[Int(e)])
            shared[Int(e)] = 0
            let jaccard = min(inter / (total + Float(trigramCounts[Int(e)]) - inter), ceiling)
            guard jaccard >= floor, jaccard > scores[Int(e)] else { continue }
            if scores[Int(e)] == 0 { touched.append(e) }
            scores[Int(e)] = jaccard
        }
    }

    /// The candidates scoring among the best `keep`, ties at the boundary included, found with a
    /// histogram of scores rather than a sort of every touched entry.
    private func topCandidates(_ touched: [UInt32], _ scores: [Float], keep: Int) -> [UInt32] {
        guard touched.count > keep else { return touched }
        let buckets = 256
        var histogram = [Int](repeating: 0, count: buckets)
        func bucket(_ s: Float) -> Int { min(buckets - 1, Int(s * Float(buckets - 1))) }
        for e in touched { histogram[bucket(scores[Int(e)])] += 1 }
        var cut = buckets - 1, count = 0
        while cut > 0 {
            count += histogram[cut]
            if count >= keep { break }
            cut -= 1
        }
        let inBoundary = touched.filter { bucket(scores[Int($0)]) == cut }
        let above = touched.filter { bucket(scores[Int($0)]) > cut }
        let best = inBoundary.sorted { scores[Int($0)] > scores[Int($1)] }
        guard let last = best.prefix(max(0, keep - above.count)).last else { return above }
        return above + best.filter { scores[Int($0)] >= scores[Int(last)] }
    }
}
