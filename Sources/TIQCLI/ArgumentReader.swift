import TIQCore

/// Reads `--flag`, `--option value` (or `--option=value`) and positional arguments, by hand.
///
/// The options a command accepts are those of its `CommandSpec`; reading one the spec does not
/// declare is a programming error caught in debug builds. Unknown options are usage errors
/// naming the option, the nearest declared one, and the command's `--help`.
public struct ArgumentReader {
    private var remaining: [String]
    private let command: String
    private let spec: CommandSpec?
    /// Positional arguments, in order, collected as options are consumed.
    public private(set) var positionals: [String] = []

    /// Creates a reader over the arguments that follow the subcommand `command`.
    public init(_ arguments: [String], command: String) {
        self.remaining = arguments
        self.command = command
        self.spec = nil
    }

    /// Creates a reader over the arguments that follow the subcommand of `spec`, accepting its options.
    public init(_ arguments: [String], spec: CommandSpec) {
        self.remaining = arguments
        self.command = spec.name
        self.spec = spec
    }

    /// Checks, in debug builds, that the command declares the option it reads.
    private func checkDeclared(_ name: String, flag: Bool) {
        guard let spec else { return }
        assert(spec.option(named: name).map { ($0.value == nil) == flag } == true,
               "tiq \(spec.name) reads \(name) but its spec does not declare it as a \(flag ? "flag" : "valued option")")
    }

    /// Removes and returns whether the flag `name` (`--verbose`) was given.
    public mutating func flag(_ name: String) -> Bool {
        checkDeclared(name, flag: true)
        guard let i = remaining.firstIndex(of: name) else { return false }
        remaining.remove(at: i)
        return true
    }

    /// Removes and returns the value of `--name value` or `--name=value`, if given.
    public mutating func option(_ name: String) throws -> String? {
        checkDeclared(name, flag: false)
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
                let near = EditDistance.suggestions(for: String(a.split(separator: "=")[0]),
                                                    among: spec?.visibleOptions.map(\.name) ?? [])
                let hint = near.first.map { "did you mean `\($0)`? " } ?? ""
                throw UsageError("unknown option `\(a)`; \(hint)see `tiq \(command) --help`", command: command)
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
