#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `tiq` subcommand: its declaration (`spec`) and what it does.
///
/// Each subcommand lives in its own file as a type conforming to this protocol, and is listed
/// once in `CommandRegistry.all`. Its name, summary, options and examples are declared once in
/// `spec`; help, usage and the reader's accepted options come from there.
public protocol Command: Sendable {
    /// The declaration: name, summary, arguments, options, examples.
    static var spec: CommandSpec { get }
    /// Runs the command with the arguments after its name; returns the exit code.
    static func run(_ arguments: [String]) throws -> Int32
}

extension Command {
    /// The word after `tiq`: `serve`, `repl`, `query`.
    public static var name: String { spec.name }
    /// One line for `tiq --help`.
    public static var summary: String { spec.summary }
    /// The full `tiq NAME --help` text: usage line, options, examples.
    public static var help: String { spec.help }
}

/// A mistake in the command line: exits 64 (`EX_USAGE`) with a one-line hint.
public struct UsageError: Error, CustomStringConvertible {
    /// What is wrong and how to fix it, in one line.
    public let message: String
    /// The subcommand whose help to point at.
    public let command: String?
    /// Creates a usage error.
    public init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }
    public var description: String { message }
}

/// Exit codes shared by every subcommand.
public enum ExitCode {
    /// Success.
    public static let success: Int32 = 0
    /// The work failed (a query error, a diagnostic in `check`).
    public static let failure: Int32 = 1
    /// The command line was wrong.
    public static let usage: Int32 = 64
    /// A file could not be read or was malformed.
    public static let dataError: Int32 = 65
}

/// Writes to stderr, unbuffered: logs and human messages that must never reach stdout.
public func printError(_ text: String) {
    var line = text
    if !line.hasSuffix("\n") { line += "\n" }
    line.utf8CString.withUnsafeBufferPointer { p in
        _ = write(2, p.baseAddress, p.count - 1)
    }
}
