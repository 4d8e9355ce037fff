import Foundation
import Testing
import TIQCore
import TIQData
@testable import TIQStore

/// `NameIndex.namesStarting(with:level:limit:)` against a brute-force pass over every
/// territory's raw name, lowercased and stripped of accents by Foundation (not by TextFolding).
@Suite struct NamePrefixTests {
    static let demo: Snapshot? = try? Demo.snapshot()

    /// Prefixes with the level (nil: every level) they are asked at.
    static let cases: [(String, String?)] = [
        ("Sain", nil), ("sain", nil), ("SAIN", "commune"), ("Saint-É", nil), ("saint-e", "commune"), ("la ", nil),
        ("Lyon", nil), ("zz", nil), ("", nil), ("", "region"), ("Sain", "epci"), ("Île", nil), ("ca d", "epci"),
    ]

    /// Foundation's case- and diacritic-insensitive folding, as UTF-8 bytes.
    static func folded(_ s: String) -> [UInt8] {
        Array(s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).utf8)
    }

    /// Every `(level, code)` whose name starts with `prefix`, in folded-name order, ties by
    /// level order then row.
    static func bruteForce(_ s: Snapshot, _ prefix: String, level: String?) -> [String] {
        let p = folded(prefix)
        var hits: [(key: [UInt8], order: Int, id: String)] = []
        var order = 0
        for table in s.levels {
            for row in 0..<table.count {
                order += 1
                guard level == nil || table.name == level else { continue }
                let key = folded(table.names[row])
                if key.starts(with: p) { hits.append((key, order, "\(table.name):\(table.codes[row])")) }
            }
        }
        hits.sort { $0.key.lexicographicallyPrecedes($1.key) || ($0.key == $1.key && $0.order < $1.order) }
        return hits.map(\.id)
    }

    static func found(_ s: Snapshot, _ prefix: String, level: String?, limit: Int) -> [NameMatch] {
        let id = level.flatMap { s.levelByName[$0] }
        return s.names.namesStarting(with: prefix, level: id, limit: limit)
    }

    static func check(_ s: Snapshot, _ prefix: String, level: String?) {
        let expected = bruteForce(s, prefix, level: level)
        for limit in [1, 10, 1000, 100_000] {
            let matches = found(s, prefix, level: level, limit: limit)
            let ids = matches.map { "\(s[level: $0.level].name):\(s[level: $0.level].codes[$0.row])" }
            #expect(ids == Array(expected.prefix(limit)), "prefix \"\(prefix)\" at \(level ?? "every level"), limit \(limit)")
            #expect(matches.allSatisfy { $0.score == 1 })
        }
    }

    @Test(arguments: cases.indices)
    func demoMatchesBruteForce(index: Int) throws {
        let s = try #require(Self.demo)
        let (prefix, level) = Self.cases[index]
        Self.check(s, prefix, level: level)
    }

    /// The demo holds the real communes: "Sain" must find more than a page, Saint-Étienne among
    /// them, which the saint→st folding of `prefix(_:level:limit:)` cannot.
    @Test func sainFindsSaintNames() throws {
        let s = try #require(Self.demo)
        let all = Self.bruteForce(s, "Sain", level: "commune")
        #expect(all.count > 1000)
        let commune = try #require(s.levelByName["commune"])
        let names = s.names.namesStarting(with: "sain", level: commune, limit: 100_000).map { s[level: commune].names[$0.row] }
        #expect(names.contains("Saint-Étienne"))
        #expect(names.count == all.count)
        #expect(s.names.prefix("Sain", level: commune, limit: 10).allSatisfy { !s[level: commune].names[$0.row].hasPrefix("Saint") })
        // "Saint-É" keeps its hyphen: "Saint Étienne" spelt with a space would not match.
        #expect(s.names.namesStarting(with: "saint e", level: commune, limit: 10).isEmpty)
    }

    @Test func zeroLimitAndUnknownLevelFindNothing() throws {
        let s = try #require(Self.demo)
        #expect(s.names.namesStarting(with: "Sain", level: nil, limit: 0).isEmpty)
        #expect(s.names.namesStarting(with: "Sain", level: LevelID(99), limit: 10).isEmpty)
        #expect(NameIndex().namesStarting(with: "", level: nil, limit: 10).isEmpty)
    }

    @Test func foldingKeepsEverythingButCaseAndAccents() {
        #expect(TextFolding.foldCaseAndAccents("Saint-Étienne") == "saint-etienne")
        #expect(TextFolding.foldCaseAndAccents("L'Haÿ-les-Roses") == "l'hay-les-roses")
        #expect(TextFolding.foldCaseAndAccents("ÎLE-DE-FRANCE") == "ile-de-france")
        #expect(TextFolding.foldCaseAndAccents("Œuilly") == "œuilly")
        #expect(TextFolding.foldCaseAndAccents("Saint-E\u{301}tienne") == "saint-etienne")
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data/geo (absent)"), arguments: cases.indices)
    func realGeographyMatchesBruteForce(index: Int) throws {
        let s = try #require(GeoFixture.snapshotWithTI)
        let (prefix, level) = Self.cases[index]
        Self.check(s, prefix, level: level)
    }
}
