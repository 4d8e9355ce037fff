import Foundation

/// The files of this repository that tests read: the docs and the sources, found from this file's path.
enum RepositoryFiles {
    /// The package root: two levels above `Tests/TIQCoreTests/`.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The text of `path`, relative to the package root.
    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The paths, relative to the root, of the files under `directory` whose name ends with `suffix`, sorted.
    static func files(under directory: String, endingWith suffix: String) -> [String] {
        let base = root.appendingPathComponent(directory)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(suffix) }.map { directory + "/" + $0 }.sorted()
    }

    /// The documents that may mention diagnostic codes: protocol.md, README.md and docs/*.md.
    static var documents: [String] {
        ["protocol.md", "README.md"] + files(under: "docs", endingWith: ".md")
    }
}

/// A diagnostic code written in a text, and where.
struct CodeMention: Hashable {
    /// The code: `E201`.
    let code: String
    /// 1-based line of the mention.
    let line: Int
    /// Whether the code is written as a Swift string literal, `"E201"`.
    let quoted: Bool
    /// Whether the line is a row of a Markdown table whose first cell is the code.
    let tableRow: Bool

    /// Every `[DEW]ddd` word of `text`: a letter D, E or W, three digits, and no letter or digit on either side.
    static func all(in text: String) -> [CodeMention] {
        var found: [CodeMention] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let chars = Array(line)
            let firstCell = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().first?
                .trimmingCharacters(in: .whitespaces)
            var i = 0
            while i + 3 < chars.count {
                defer { i += 1 }
                guard "DEW".contains(chars[i]), chars[i + 1 ... i + 3].allSatisfy(\.isASCIIDigitCharacter) else { continue }
                if i > 0, chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "_" { continue }
                if i + 4 < chars.count, chars[i + 4].isLetter || chars[i + 4].isNumber || chars[i + 4] == "_" { continue }
                let code = String(chars[i ... i + 3])
                let quoted = i > 0 && chars[i - 1] == "\"" && i + 4 < chars.count && chars[i + 4] == "\""
                found.append(CodeMention(code: code, line: index + 1, quoted: quoted,
                                         tableRow: line.hasPrefix("|") && firstCell == code))
            }
        }
        return found
    }
}

extension Character {
    /// Whether this is one of `0`…`9`.
    var isASCIIDigitCharacter: Bool { isASCII && isWholeNumber }
}
