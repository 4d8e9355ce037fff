import Testing
import TIQCore

/// The folding the name index relies on (TIQCore's `TextFolding`, rewritten for speed here).
@Suite struct TextFoldingTests {
    @Test(arguments: [
        ("L'Haÿ-les-Roses", "l hay les roses"), ("Œuilly", "oeuilly"), ("Saint-Étienne", "st etienne"),
        ("St Etienne", "st etienne"), ("Ste-Étienne", "st etienne"), ("Sainte-Anne", "st anne"),
        ("Saints", "saints"), ("  --Chalon--sur--Saône--  ", "chalon sur saone"), ("Ærø", "aero"), ("Straße", "strasse"),
        ("e\u{301}cole", "ecole"), ("Plastics Vallée – Oyonnax", "plastics vallee oyonnax"), ("İle", "ile"),
        ("Ἀθῆναι", "ἀθῆναι"), ("", ""), ("2A004", "2a004"),
    ])
    func folds(_ input: String, _ expected: String) {
        #expect(TextFolding.fold(input) == expected)
    }

    @Test(arguments: [
        ("ca le grand chalon", "grand chalon"), ("communaute de communes faucigny glieres", "faucigny glieres"),
        ("les abrets en dauphine", "abrets en dauphine"), ("le", "le"), ("metropole", "metropole"),
        ("chalon sur saone", "chalon sur saone"), ("l hay les roses", "hay les roses"),
    ])
    func coreDropsArticlesAndPrefixes(_ folded: String, _ expected: String) {
        #expect(TextFolding.core(folded) == expected)
    }
}
