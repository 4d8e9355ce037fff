import Foundation
import Testing

/// Relative links between the documents point at files that exist.
@Suite struct DocumentLinkTests {
    /// The targets of the Markdown links `[text](target)` of `text`, with their line.
    static func links(in text: String) -> [(target: String, line: Int)] {
        var out: [(String, Int)] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            while let open = rest.range(of: "](") {
                let after = rest[open.upperBound...]
                guard let close = after.firstIndex(of: ")") else { break }
                out.append((String(after[..<close]), i + 1))
                rest = after[close...]
            }
        }
        return out
    }

    @Test func relativeLinksPointAtFiles() throws {
        for path in RepositoryFiles.documents {
            let directory = (path as NSString).deletingLastPathComponent
            for (target, line) in Self.links(in: try RepositoryFiles.text(path)) {
                if target.hasPrefix("http") || target.hasPrefix("#") || target.hasPrefix("mailto:") { continue }
                let file = String(target.split(separator: "#", maxSplits: 1)[0])
                let resolved = RepositoryFiles.root.appendingPathComponent(directory).appendingPathComponent(file).path
                #expect(FileManager.default.fileExists(atPath: resolved), "\(path):\(line) links to \(target), which does not exist")
            }
        }
    }
}
