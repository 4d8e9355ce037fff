import Foundation
import TIQWire

/// One `jsonrpc` block of protocol.md: what the client sends and what the daemon must answer.
struct DocExample: CustomStringConvertible {
    /// The 1-based line of the block's opening fence.
    var line: Int
    /// Lines sent, verbatim.
    var sent: [String] = []
    /// Expected lines, parsed.
    var expected: [JSONValue] = []
    /// The exit code the daemon must end with, if the block says.
    var exitCode: Int32?

    var description: String { "protocol.md block at line \(line)" }

    /// Every `jsonrpc` block of the Markdown text.
    static func parse(_ markdown: String) throws -> [DocExample] {
        var examples: [DocExample] = []
        var current: DocExample?
        var pending: String?
        func flush() throws {
            guard let text = pending else { return }
            pending = nil
            do {
                current?.expected.append(try JSONParser.parse(text))
            } catch {
                throw DocExampleError("\(current?.description ?? "?"): expected reply is not JSON (\(error)): \(text)")
            }
        }
        for (i, raw) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if current == nil {
                if line.trimmingCharacters(in: .whitespaces) == "```jsonrpc" { current = DocExample(line: i + 1) }
                continue
            }
            if line.hasPrefix("```") {
                try flush()
                examples.append(current!)
                current = nil
            } else if line.hasPrefix("→ ") {
                try flush()
                current?.sent.append(String(line.dropFirst(2)))
            } else if line.hasPrefix("← ") {
                try flush()
                pending = String(line.dropFirst(2))
            } else if line.hasPrefix("//") {
                try flush()
                if line.hasPrefix("// expect exit code "), let code = Int32(line.dropFirst("// expect exit code ".count)) {
                    current?.exitCode = code
                }
            } else if pending != nil {
                pending! += line.trimmingCharacters(in: .whitespaces)
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                throw DocExampleError("protocol.md line \(i + 1): a line in a jsonrpc block must start with →, ←, // or continue a ← line")
            }
        }
        return examples
    }
}

/// A malformed example.
struct DocExampleError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Structural comparison with the wildcards of protocol.md ("How the examples are checked").
enum DocMatch {
    static let wildcard = JSONValue.string("…")

    /// Nil when `actual` matches `expected`; else the path and the difference.
    static func mismatch(_ expected: JSONValue, _ actual: JSONValue, path: String = "$") -> String? {
        if expected == wildcard { return nil }
        switch (expected, actual) {
        case (.object(let e), .object(let a)):
            let open = e.contains { $0.key == "…" }
            var am: [String: JSONValue] = [:]
            for m in a { am[m.key] = m.value }
            for m in e where m.key != "…" {
                guard let v = am[m.key] else { return "\(path).\(m.key): missing" }
                if let d = mismatch(m.value, v, path: "\(path).\(m.key)") { return d }
            }
            if !open {
                let extra = Set(am.keys).subtracting(e.map(\.key))
                if !extra.isEmpty { return "\(path): unexpected members \(extra.sorted())" }
            }
            return nil
        case (.array(let e), .array(let a)):
            let open = e.last == wildcard
            let fixed = open ? Array(e.dropLast()) : e
            if open ? a.count < fixed.count : a.count != e.count {
                return "\(path): \(a.count) elements, expected \(open ? "at least " : "")\(fixed.count)"
            }
            for (i, x) in fixed.enumerated() {
                if let d = mismatch(x, a[i], path: "\(path)[\(i)]") { return d }
            }
            return nil
        case (.number(let e), .number(let a)):
            return e.double == a.double ? nil : "\(path): \(a.text), expected \(e.text)"
        default:
            return expected == actual ? nil : "\(path): \(actual.jsonText.prefix(300)), expected \(expected.jsonText.prefix(300))"
        }
    }
}
