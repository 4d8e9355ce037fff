/// One option of a subcommand, declared once: the reader accepts it, and usage, `--help` and
/// the reference in docs/cli.md are written from it.
public struct OptionSpec: Sendable, Hashable {
    /// The option as typed: `--data`.
    public let name: String
    /// The placeholder of its value (`DIR`, `N`), or nil for a flag.
    public let value: String?
    /// Whether it may be given several times (`--data-root DIR`...).
    public let repeatable: Bool
    /// What it does, with its default; lines after the first continue the description.
    public let help: String
    /// Hidden options (test-only) are accepted but left out of usage, help and docs.
    public let hidden: Bool
    /// Whether the command fails without it.
    public let required: Bool

    /// An option taking a value.
    public static func option(_ name: String, _ value: String, _ help: String, repeatable: Bool = false,
                              required: Bool = false, hidden: Bool = false) -> OptionSpec {
        OptionSpec(name: name, value: value, repeatable: repeatable, help: help, hidden: hidden, required: required)
    }

    /// A flag: present or absent.
    public static func flag(_ name: String, _ help: String, hidden: Bool = false) -> OptionSpec {
        OptionSpec(name: name, value: nil, repeatable: false, help: help, hidden: hidden, required: false)
    }

    /// `--data DIR`, or `--verbose` for a flag.
    public var synopsis: String { value.map { "\(name) \($0)" } ?? name }

    /// `[--data DIR]`, `[--data-root DIR]...`: how the usage line shows it.
    var usageWord: String { (required ? synopsis : "[\(synopsis)]") + (repeatable ? "..." : "") }
}

/// What a subcommand is: its name, one-line summary, arguments, options and examples.
///
/// The single declaration from which `tiq NAME --help`, the usage line, the reader's list of
/// accepted options and the options reference of docs/cli.md are produced.
public struct CommandSpec: Sendable {
    /// The word after `tiq`: `query`.
    public let name: String
    /// One line for `tiq --help`.
    public let summary: String
    /// The positional arguments as the usage line shows them: `"<tql>"`, `FILE...`; empty for none.
    public let arguments: String
    /// What the command does, in a paragraph or two (wrapped at 100 columns by hand).
    public let discussion: String
    /// The options, in the order help lists them.
    public let options: [OptionSpec]
    /// Shell command lines a reader can paste; a test runs each of them.
    public let examples: [String]
    /// The usage forms, when the command has several (`tiq import geo …`, `tiq import ti …`);
    /// nil to write the one form from the options.
    public let forms: [String]?

    /// Declares a subcommand.
    public init(name: String, summary: String, arguments: String = "", discussion: String,
                options: [OptionSpec] = [], examples: [String] = [], forms: [String]? = nil) {
        self.name = name
        self.summary = summary
        self.arguments = arguments
        self.discussion = discussion
        self.options = options
        self.examples = examples
        self.forms = forms
    }

    /// The options a person sees (all but the hidden ones).
    public var visibleOptions: [OptionSpec] { options.filter { !$0.hidden } }

    /// The option spelled `name`, if declared.
    public func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }

    /// `tiq query [--data DIR] [--format F] "<tql>"`, wrapped before 100 columns.
    public var usage: String {
        if let forms { return forms.map { "tiq \(name) " + $0 }.joined(separator: "\n") }
        let head = "tiq \(name)"
        let words = visibleOptions.map(\.usageWord) + (arguments.isEmpty ? [] : [arguments])
        var lines: [String] = [head]
        for word in words {
            if lines[lines.count - 1].count + 1 + word.count > 92, lines[lines.count - 1].count > head.count {
                lines.append(String(repeating: " ", count: head.count))
            }
            lines[lines.count - 1] += " " + word
        }
        return lines.joined(separator: "\n")
    }

    /// The full `tiq NAME --help` text.
    public var help: String {
        var s = "USAGE: " + usage.split(separator: "\n").joined(separator: "\n       ") + "\n\n\(discussion)\n"
        let shown = visibleOptions
        if !shown.isEmpty {
            let width = (shown.map(\.synopsis.count).max() ?? 0) + 2
            s += "\nOPTIONS:\n"
            for o in shown {
                let lines = o.help.split(separator: "\n", omittingEmptySubsequences: false)
                s += "  " + o.synopsis.padding(to: width) + (lines.first ?? "") + "\n"
                for more in lines.dropFirst() { s += "  " + String(repeating: " ", count: width) + more + "\n" }
            }
        }
        if !examples.isEmpty {
            s += "\n\(examples.count == 1 ? "EXAMPLE" : "EXAMPLES"):\n"
            for e in examples { s += e.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n" }
        }
        return String(s.dropLast())
    }

    /// The Markdown reference of this command for docs/cli.md: usage and a table of options.
    public var markdownReference: String {
        var s = "### `tiq \(name)`\n\n\(summary.prefix(1).uppercased() + summary.dropFirst()).\n\n```\n\(usage)\n```\n"
        let shown = visibleOptions
        if !shown.isEmpty {
            s += "\n| option | meaning |\n|---|---|\n"
            for o in shown {
                let text = o.help.split(separator: "\n").map { $0.trimming(" ") }.joined(separator: " ")
                s += "| `\(o.synopsis)`\(o.repeatable ? " (repeatable)" : "") | \(text.replacingPipes) |\n"
            }
        }
        return s
    }
}

extension String {
    /// The string padded with spaces to `width` characters (never truncated).
    func padding(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }

    /// The string with `|` escaped for a Markdown table cell.
    var replacingPipes: String { split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
}

extension Substring {
    /// The substring without leading and trailing `character`s.
    func trimming(_ character: Character) -> Substring {
        var s = self
        while s.first == character { s = s.dropFirst() }
        while s.last == character { s = s.dropLast() }
        return s
    }
}
