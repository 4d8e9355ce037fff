import TIQCore

/// `--max-memory SIZE`, shared by the commands that load data and run queries (`serve`,
/// `query`, `run`, `repl`): the budget of `MemoryBudget`, with its default and its parsing.
enum MemoryBudgetOption {
    /// The option, declared once for every command that takes it.
    static let spec = OptionSpec.option("--max-memory", "SIZE", """
        stop a load or query (error D134/E403) when the process's resident memory passes SIZE
        (bytes, or K/M/G/T: 512M, 2G; 0: no budget; default: 3/4 of the physical memory or of the cgroup limit, whichever is less)
        """)

    /// The budget the command line asks for: the default when absent, nil for `0`.
    static func read(_ args: inout ArgumentReader, command: String) throws -> MemoryBudget? {
        guard let text = try args.option(spec.name) else { return MemoryBudget.systemDefault() }
        guard let bytes = MemoryBudget.parseSize(text) else {
            throw UsageError("\(spec.name) takes a size in bytes, or with K, M, G or T (512M, 2G), got `\(text)`", command: command)
        }
        if bytes == 0 { return nil }
        guard bytes >= MemoryBudget.minimumBytes else {
            throw UsageError("\(spec.name) must be 0 (no budget) or at least \(MemoryBudget.describe(MemoryBudget.minimumBytes)), got \(text)", command: command)
        }
        return MemoryBudget(limitBytes: bytes)
    }
}
