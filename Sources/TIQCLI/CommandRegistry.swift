/// Every `tiq` subcommand, in the order `tiq --help` lists them.
///
/// To add a subcommand: write a `Command` in its own file and list it here.
public enum CommandRegistry {
    /// The subcommands.
    public static let all: [any Command.Type] = [
        VersionCommand.self,
        ServeCommand.self,
        ImportCommand.self,
        GenerateCommand.self,
        CatalogCommand.self,
        QueryCommand.self,
        RunCommand.self,
        CheckCommand.self,
        ReplCommand.self,
        LSPCommand.self,
        SnapshotCommand.self,
    ]
}

/// The program's name and version, reported by `--version` and `initialize`.
public enum TIQVersion {
    /// The version string.
    public static let string = "0.1.0"
}

/// `tiq version`: prints the version.
enum VersionCommand: Command {
    static let spec = CommandSpec(name: "version", summary: "print tiq's version",
                                  discussion: "Prints tiq's version and exits.", examples: ["tiq version"])
    static func run(_ arguments: [String]) throws -> Int32 {
        var args = ArgumentReader(arguments, spec: spec)
        _ = try args.finish()
        print("tiq \(TIQVersion.string)")
        return ExitCode.success
    }
}
