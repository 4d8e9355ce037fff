/// String distances for did-you-mean suggestions and fuzzy name search.
public enum EditDistance {
    /// The Damerau-Levenshtein (optimal string alignment) distance between `a` and `b`,
    /// counted in Unicode scalars: insertions, deletions, substitutions and adjacent swaps.
    public static func damerauLevenshtein(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev2 = [Int](repeating: 0, count: y.count + 1)
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { v = min(v, prev2[j - 2] + 1) }
                cur[j] = v
            }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[y.count]
    }

    /// The candidates closest to `word` within the did-you-mean policy: distance at most
    /// max(1, len/3), never for words shorter than 3, the unique best or up to 3 tied.
    public static func suggestions(for word: String, among candidates: some Sequence<String>) -> [String] {
        let w = word.lowercased()
        let n = w.unicodeScalars.count
        guard n >= 3 else { return [] }
        let limit = max(1, n / 3)
        var best = Int.max
        var found: [String] = []
        for c in candidates {
            let d = damerauLevenshtein(w, c.lowercased())
            guard d <= limit else { continue }
            if d < best { best = d; found = [c] } else if d == best && !found.contains(c) { found.append(c) }
        }
        if found.isEmpty {
            // A prefix is a good hint too: `emploi` → `emploi_ind`.
            let prefixed = candidates.filter { $0.lowercased().hasPrefix(w) }
            return prefixed.count <= 3 ? Array(prefixed) : []
        }
        return found.count <= 3 ? found.sorted() : []
    }

    /// The set of distinct trigrams of `folded`, padded with spaces at both ends.
    public static func trigrams(_ folded: String) -> Set<String> {
        let s = Array((" " + folded + " ").unicodeScalars)
        guard s.count >= 3 else { return [String(String.UnicodeScalarView(s))] }
        var out = Set<String>()
        for i in 0...(s.count - 3) { out.insert(String(String.UnicodeScalarView(s[i..<(i + 3)]))) }
        return out
    }

    /// Jaccard similarity of the trigram sets of two folded strings, in 0...1.
    public static func trigramSimilarity(_ a: String, _ b: String) -> Double {
        let ta = trigrams(a), tb = trigrams(b)
        let inter = ta.intersection(tb).count
        let union = ta.count + tb.count - inter
        return union == 0 ? 0 : Double(inter) / Double(union)
    }
}
