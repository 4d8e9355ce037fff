import Testing
import TIQCore

@Suite struct TextFoldingTests {
    @Test(arguments: [
        ("Saint-Étienne", "st etienne"),
        ("SAINTE-FOY-LÈS-LYON", "st foy les lyon"),
        ("L'Haÿ-les-Roses", "l hay les roses"),
        ("Œuvre  d’Æsop", "oeuvre d aesop"),
        ("Straße", "strasse"),
        ("Saintes", "saintes"),          // a word that merely starts with "saint" stays
        ("  --Ste  ", "st"),
        ("Ærø", "aero"),
        ("e\u{301}cole", "ecole"),          // a combining accent
        ("", ""),
    ])
    func foldsCaseAccentsSaintsAndSeparators(_ input: String, _ folded: String) {
        #expect(TextFolding.fold(input) == folded)
    }

    @Test func coreDropsTheEPCIPrefixAndLeadingArticles() {
        #expect(TextFolding.core("communaute de communes du pays de gex") == "pays de gex")
        #expect(TextFolding.core("communaute d agglomeration de la region nazairienne") == "region nazairienne")
        #expect(TextFolding.core("cc le grand chalon") == "grand chalon")
        #expect(TextFolding.core("metropole") == "metropole")          // never emptied
        #expect(TextFolding.core("la") == "la")
        #expect(TextFolding.core("pays de gex") == "pays de gex")
    }

    @Test func caseAndAccentFoldKeepsPunctuation() {
        #expect(TextFolding.foldCaseAndAccents("Saint-Étienne (42)") == "saint-etienne (42)")
        #expect(TextFolding.foldCaseAndAccents("ÉÈÊËÀÇ") == "eeeeac")
    }
}

@Suite struct EditDistanceTests {
    /// The optimal-string-alignment distance by its recursive definition, memoised.
    static func reference(_ a: [Character], _ b: [Character]) -> Int {
        var memo: [Int: Int] = [:]
        func d(_ i: Int, _ j: Int) -> Int {
            if i == 0 { return j }
            if j == 0 { return i }
            if let v = memo[i * 64 + j] { return v }
            var v = min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (a[i - 1] == b[j - 1] ? 0 : 1))
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, d(i - 2, j - 2) + 1) }
            memo[i * 64 + j] = v
            return v
        }
        return d(a.count, b.count)
    }

    /// Every word of length 0...4 over {a, b, c}.
    static let words: [String] = (0...4).flatMap { n in
        (0..<Int(pow3(n))).map { k in String((0..<n).map { Array("abc")[(k / pow3($0)) % 3] }) }
    }
    static func pow3(_ n: Int) -> Int { (0..<n).reduce(1) { r, _ in r * 3 } }

    @Test func agreesWithTheRecursiveDefinitionOnEveryShortWordPair() {
        #expect(Self.words.count == 121)
        for a in Self.words {
            for b in Self.words {
                let expected = Self.reference(Array(a), Array(b))
                let actual = EditDistance.damerauLevenshtein(a, b)
                if actual != expected { Issue.record("\(a) vs \(b): \(actual), expected \(expected)"); return }
            }
        }
    }

    @Test func countsScalarsNotBytes() {
        #expect(EditDistance.damerauLevenshtein("région", "region") == 1)
        #expect(EditDistance.damerauLevenshtein("wher", "where") == 1 && EditDistance.damerauLevenshtein("ca", "ac") == 1)
    }

    @Test func suggestionsFollowThePolicy() {
        let stages = ["where", "derive", "agg", "top", "bottom", "sort", "limit", "show", "period", "fill", "rollup"]
        #expect(EditDistance.suggestions(for: "wher", among: stages) == ["where"])
        #expect(EditDistance.suggestions(for: "WHER", among: stages) == ["where"])
        #expect(EditDistance.suggestions(for: "to", among: stages).isEmpty)     // too short to guess
        #expect(EditDistance.suggestions(for: "zzzzzz", among: stages).isEmpty)
        #expect(EditDistance.suggestions(for: "emploi", among: ["emploi_ind", "etab_ind"]) == ["emploi_ind"])  // prefix
    }

    @Test func trigramSimilarityIsJaccard() {
        // " ab", "abc", "bc " vs " ab", "abd", "bd ": one shared of five.
        #expect(EditDistance.trigrams("abc") == [" ab", "abc", "bc "])
        #expect(EditDistance.trigramSimilarity("abc", "abd") == 1.0 / 5.0)
        #expect(EditDistance.trigramSimilarity("gex", "gex") == 1 && EditDistance.trigramSimilarity("abc", "xyz") == 0)
    }
}
