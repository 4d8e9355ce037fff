import Foundation
import Testing
import TIQWire

/// Replays every `jsonrpc` example of protocol.md against the daemon, so the document cannot drift.
@Suite struct ProtocolDocTests {
    static let document: String = (try? String(contentsOfFile: TestPaths.packageRoot + "/protocol.md", encoding: .utf8)) ?? ""

    static let examples: [DocExample] = (try? DocExample.parse(document)) ?? []

    @Test func theDocumentHasExamplesAndTheyAreWellFormed() throws {
        #expect(!Self.document.isEmpty, "protocol.md not found at the package root")
        let examples = try DocExample.parse(Self.document)
        #expect(examples.count >= 10)
        for e in examples { #expect(!e.sent.isEmpty, "\(e) sends nothing") }
    }

    @Test(arguments: examples.indices)
    func exampleReplaysAgainstTheDaemon(index: Int) throws {
        let example = Self.examples[index]
        let d = Daemon.inProcess()
        for line in example.sent { d.send(line) }
        var byID: [String: JSONValue] = [:]
        var ordered: [JSONValue] = []
        var unmatched = example.expected
        // Read until every expected line has found its reply.
        while !unmatched.isEmpty {
            guard let actual = d.next(timeout: 10) else {
                Issue.record("\(example): no reply for \(unmatched.map { $0.jsonText.prefix(120) })")
                return
            }
            if let i = Self.match(actual, in: unmatched) {
                unmatched.remove(at: i)
            } else if Self.isProgressReport(actual) {
                continue
            } else {
                Issue.record("\(example): unexpected line \(actual.jsonText.prefix(400)); still expected: \(Self.explain(actual, unmatched))")
                return
            }
            if let id = actual.idText { byID[id] = actual } else { ordered.append(actual) }
        }
        if let code = example.exitCode {
            #expect(d.waitForExit() == code, "\(example); stderr: \(d.stderrText)")
        } else {
            while let extra = d.next(timeout: 0.3) {
                if !Self.isProgressReport(extra) { Issue.record("\(example): extra line \(extra.jsonText.prefix(300))") }
            }
        }
    }

    /// The index of the expected line `actual` answers: same id (replies), or the first notification/null-id line in order.
    static func match(_ actual: JSONValue, in expected: [JSONValue]) -> Int? {
        let id = actual["id"]?.jsonText
        if let id, id != "null" {
            return expected.firstIndex { $0["id"]?.jsonText == id && DocMatch.mismatch($0, actual) == nil }
        }
        if actual.arrayValue != nil {
            return expected.firstIndex { $0.arrayValue != nil && batchMatches($0, actual) }
        }
        guard let first = expected.firstIndex(where: { $0["id"]?.jsonText == id && $0.arrayValue == nil && $0["method"] == actual["method"] }) else { return nil }
        return DocMatch.mismatch(expected[first], actual) == nil ? first : nil
    }

    /// Batch replies come in any order: each expected element must match a distinct actual one.
    static func batchMatches(_ expected: JSONValue, _ actual: JSONValue) -> Bool {
        guard var rest = actual.arrayValue, let want = expected.arrayValue, rest.count == want.count else { return false }
        for w in want {
            guard let i = rest.firstIndex(where: { DocMatch.mismatch(w, $0) == nil }) else { return false }
            rest.remove(at: i)
        }
        return true
    }

    static func isProgressReport(_ v: JSONValue) -> Bool {
        v["method"]?.stringValue == "$/progress" && v["params"]?["value"]?["kind"]?.stringValue == "report"
    }

    /// Why `actual` matches none of `expected`, against the candidate with the same id if any.
    static func explain(_ actual: JSONValue, _ expected: [JSONValue]) -> String {
        if let same = expected.first(where: { $0["id"]?.jsonText == actual["id"]?.jsonText && $0["method"] == actual["method"] }) {
            return DocMatch.mismatch(same, actual) ?? "?"
        }
        return expected.map { String($0.jsonText.prefix(120)) }.joined(separator: " | ")
    }
}
