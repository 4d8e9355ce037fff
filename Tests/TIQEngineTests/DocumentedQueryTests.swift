import Foundation
import Testing
import TIQCore
import TIQEngine

/// Every ```tql block of README.md and docs/*.md runs on the demo without an error; a
/// ```tql-error block fails with the code its first comment line names (`# E305 …`).
@Suite struct DocumentedQueryTests {
    /// One fenced block: the file, the line of its opening fence, its text and whether it must fail.
    struct Block: Sendable, CustomStringConvertible {
        let file: String
        let line: Int
        let text: String
        let mustFail: Bool
        var description: String { "\(file):\(line)" }

        /// The code the first comment line names (`# E305 — …` gives E305).
        var expectedCode: String? {
            guard let first = text.split(separator: "\n").first, first.hasPrefix("#") else { return nil }
            return first.dropFirst().split(separator: " ").first.map { String($0.filter { $0.isLetter || $0.isNumber }) }
        }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// README.md and docs/*.md, relative to the package root.
    static var documents: [String] {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)) ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }

    /// The ```tql and ```tql-error blocks of `path`.
    static func blocks(in path: String) -> [Block] {
        guard let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) else { return [] }
        var out: [Block] = []
        var open: (line: Int, mustFail: Bool, body: [Substring])?
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if var block = open {
                if line.hasPrefix("```") {
                    out.append(Block(file: path, line: block.line, text: block.body.joined(separator: "\n"), mustFail: block.mustFail))
                    open = nil
                } else {
                    block.body.append(line)
                    open = block
                }
            } else if line == "```tql" || line == "```tql-error" {
                open = (i + 1, line == "```tql-error", [])
            }
        }
        return out
    }

    static let all: [Block] = documents.flatMap(blocks(in:))

    @Test func theDocumentsHoldQueries() {
        #expect(Self.blocks(in: "docs/tql.md").count >= 30, "docs/tql.md shows every stage and function in a ```tql block")
        #expect(Self.blocks(in: "docs/tutorial.md").count >= 6, "docs/tutorial.md runs its steps in ```tql blocks")
    }

    @Test(arguments: all) func documentedQueryBehavesAsWritten(_ block: Block) {
        let engine = DemoFixture.engine
        do throws(QueryFailure) {
            _ = try engine.run(block.text)
            #expect(!block.mustFail, "\(block) should fail with \(block.expectedCode ?? "(no code on its first line)")")
        } catch {
            let codes = error.diagnostics.map(\.code)
            if block.mustFail {
                #expect(block.expectedCode.map(codes.contains) == true, "\(block) failed with \(codes), not \(block.expectedCode ?? "(no code on its first line)")")
            } else {
                Issue.record("\(block) fails on the demo: \(error.diagnostics.map(\.description).joined(separator: "; "))")
            }
        }
    }
}
