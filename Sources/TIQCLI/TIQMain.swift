#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry point of the `tiq` executable: dispatches to a subcommand.
public enum TIQMain {
    /// Runs `tiq` with `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String]) -> Int32 {
        var args = arguments
        if args.first == "--version" { args[0] = "version" }
        if args.isEmpty || args.first == "--help" || args.first == "-h" || args.first == "help" {
            if args.count >= 2, let c = command(named: args[1]) {
                print(c.help)
                return ExitCode.success
            }
            print(overview)
            return ExitCode.success
        }
        let name = args.removeFirst()
        guard let command = command(named: name) else {
            printError("tiq: unknown command `\(name)`; run `tiq --help` for the list")
            return ExitCode.usage
        }
        if args.contains("--help") || args.contains("-h") {
            print(command.help)
            return ExitCode.success
        }
        do {
            return try command.run(args)
        } catch let error as UsageError {
            printError("tiq \(name): \(error.message)")
            return ExitCode.usage
        } catch {
            printError("tiq \(name): \(error)")
            return ExitCode.failure
        }
    }

    static func command(named name: String) -> (any Command.Type)? {
        CommandRegistry.all.first { $0.name == name }
    }

    static var overview: String {
        var s = """
            tiq — monitoring the Territoires d'industrie programme with TQL

            USAGE: tiq <command> [options]

            COMMANDS:

            """
        let width = CommandRegistry.all.map { $0.name.count }.max() ?? 0
        for c in CommandRegistry.all {
            s += "  " + c.name + String(repeating: " ", count: width - c.name.count + 2) + c.summary + "\n"
        }
        s += "\nRun `tiq <command> --help` for a command's options. With no --data, tiq serves the embedded demo."
        return s
    }
}
