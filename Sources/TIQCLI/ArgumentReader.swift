/// Reads `--flag`, `--option value` (or `--option=value`) and positional arguments, by hand.
///
/// Unknown options are usage errors naming the option and the command's `--help`.
public struct ArgumentReader {
    private var remaining: [String]
    private let command: String
    /// Positional arguments, in order, collected as options are consumed.
    public private(set) var positionals: [String] = []

    /// Creates a reader over the arguments that follow the subcommand `command`.
    public init(_ arguments: [String], command: String) {
        self.remaining = arguments
        self.command = command
    }

    /// Whether `--help` or `-h` was given.
    public var wantsHelp: Bool { remaining.contains("--help") || remaining.contains("-h") }

    /// Removes and returns whether the flag `name` (`--verbose`) was given.
    public mutating func flag(_ name: String) -> Bool {
        guard let i = remaining.firstIndex(of: name) else { return false }
        remaining.remove(at: i)
        return true
    }

    /// Removes and returns the value of `--name value` or `--name=value`, if given.
    public mutating func option(_ name: String) throws -> String? {
        if let i = remaining.firstIndex(where: { $0.hasPrefix(name + "=") }) {
            let v = String(remaining[i].dropFirst(name.count + 1))
            remaining.remove(at: i)
            return v
        }
        guard let i = remaining.firstIndex(of: name) else { return nil }
        guard i + 1 < remaining.count, !remaining[i + 1].hasPrefix("--") else {
            throw UsageError("\(name) needs a value; see `tiq \(command) --help`", command: command)
        }
        let v = remaining[i + 1]
        remaining.removeSubrange(i...(i + 1))
        return v
    }

    /// Removes every `--name value` occurrence and returns the values in order.
    public mutating func options(_ name: String) throws -> [String] {
        var out: [String] = []
        while let v = try option(name) { out.append(v) }
        return out
    }

    /// Removes and returns `--name N` as an integer.
    public mutating func intOption(_ name: String) throws -> Int? {
        guard let v = try option(name) else { return nil }
        guard let n = Int(v.replacingOccurrences(of: "_", with: "")) else {
            throw UsageError("\(name) takes a whole number, got `\(v)`; see `tiq \(command) --help`", command: command)
        }
        return n
    }

    /// Returns the positional arguments after checking that no unknown option is left.
    public mutating func finish() throws -> [String] {
        for a in remaining {
            if a.hasPrefix("-") && a.count > 1 {
                throw UsageError("unknown option `\(a)`; see `tiq \(command) --help`", command: command)
            }
            positionals.append(a)
        }
        remaining = []
        return positionals
    }
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
