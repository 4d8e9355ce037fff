import Foundation
import Testing
import TIQEngine

/// Every ```tql block of docs/evaluation.md runs on the demo without an error, and every
/// inferential answer among them states its method and assumptions (W420).
@Suite struct EvaluationDocTests {
    static let blocks: [String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../docs/evaluation.md").standardized
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var out: [String] = [], current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```tql" { current = []; continue }
            if current != nil, line.trimmingCharacters(in: .whitespaces) == "```" { out.append(current!.joined(separator: "\n")); current = nil; continue }
            current?.append(line)
        }
        return out
    }()

    @Test func theDocumentHasExamples() { #expect(Self.blocks.count >= 4) }

    @Test(arguments: blocks) func exampleRuns(_ query: String) throws {
        let t = try DemoFixture.engine.run(query)
        #expect(t.rowCount > 0)
        if query.contains("with ci") || query.contains("model") || query.contains("matched on") {
            #expect(t.warnings.contains { $0.code == "W420" && $0.message.contains("does not prove") })
        }
    }
}
