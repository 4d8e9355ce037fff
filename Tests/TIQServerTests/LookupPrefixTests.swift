import Foundation
import Testing
import TIQWire

/// `lookup` with `match:"prefix"` through the daemon's endpoint on the mini fixture, against a
/// brute-force pass over territories.csv folded by Foundation.
@Suite struct LookupPrefixTests {
    /// `level:code` of every territory whose name starts with `prefix` (case- and
    /// accent-insensitive), at `level` if given, in folded-name order.
    static func expected(_ prefix: String, level: String?) throws -> [String] {
        func fold(_ s: String) -> [UInt8] { Array(s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).utf8) }
        let text = try String(contentsOfFile: TestPaths.mini + "/territories.csv", encoding: .utf8)
        var hits: [([UInt8], Int, String)] = []
        for (n, line) in text.split(separator: "\n").dropFirst().enumerated() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 3, level == nil || f[0] == level else { continue }
            let key = fold(f[2])
            if key.starts(with: fold(prefix)) { hits.append((key, n, "\(f[0]):\(f[1])")) }
        }
        hits.sort { $0.0.lexicographicallyPrecedes($1.0) || ($0.0 == $1.0 && $0.1 < $1.1) }
        return hits.map(\.2)
    }

    @Test func prefixMatchesAreTheNamesStartingWithTheText() throws {
        let d = Daemon.inProcess()
        let cases: [(String, String?)] = [("les a", nil), ("LES A", "commune"), ("a", nil), ("Ambé", nil), ("ISE", nil),
                                          ("l'", "commune"), ("", nil), ("ca d", "epci"), ("zz", nil)]
        for (i, (prefix, level)) in cases.enumerated() {
            let levelParam = level.map { #","level":"\#($0)""# } ?? ""
            d.request(String(i), "lookup", #"{"name":"\#(prefix)","match":"prefix","limit":1000\#(levelParam)}"#)
            let r = try #require(d.next()?.result, "prefix \"\(prefix)\"")
            let matches = r["matches"]?.arrayValue ?? []
            let got = matches.map { "\($0["level"]?.stringValue ?? "?"):\($0["code"]?.stringValue ?? "?")" }
            #expect(got == (try Self.expected(prefix, level: level)), "prefix \"\(prefix)\" at \(level ?? "every level")")
            #expect(matches.allSatisfy { $0["score"]?.doubleValue == 1 && $0["label"]?.stringValue != nil })
        }
        // Not a vacuous comparison: "les a" finds both Les Abrets and Les Adrets, and limit cuts.
        #expect(try Self.expected("les a", level: nil).count == 2)
        d.request("99", "lookup", #"{"name":"a","match":"prefix","limit":2}"#)
        let first = try #require(d.next()?.result?["matches"]?.arrayValue)
        #expect(first.map { $0["code"]?.stringValue ?? "" } == Array(try Self.expected("a", level: nil).prefix(2)).map { String($0.split(separator: ":")[1]) })
    }

    @Test func similarStaysTheDefault() throws {
        let d = Daemon.inProcess()
        d.request("1", "lookup", #"{"name":"Adrets","level":"commune","limit":1}"#)
        d.request("2", "lookup", #"{"name":"Adrets","level":"commune","limit":1,"match":"similar"}"#)
        d.request("3", "lookup", #"{"name":"Adrets","level":"commune","limit":1,"match":"prefix"}"#)
        let r = d.replies(for: ["1", "2", "3"])
        let code = { (id: String) in r[id]?.result?["matches"]?.arrayValue?.first?["code"]?.stringValue }
        #expect(code("1") == "38002")
        #expect(code("2") == "38002")
        #expect(r["3"]?.result?["matches"]?.arrayValue?.isEmpty == true, "\"Les Adrets\" does not start with \"Adrets\"")
    }

    @Test func anUnknownMatchNamesTheAllowedValues() throws {
        let d = Daemon.inProcess()
        d.request("1", "lookup", #"{"name":"Ain","match":"bogus"}"#)
        let r = try #require(d.next())
        #expect(r.errorCode == -32602)
        #expect(r.errorMessage.contains("\"similar\"") && r.errorMessage.contains("\"prefix\"") && r.errorMessage.contains("bogus"))
        d.request("2", "lookup", #"{"name":"Ain","match":3}"#)
        #expect(try #require(d.next()).errorCode == -32602)
    }
}
