#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `tiq` subcommand: its name, its help, and what it does.
///
/// Each subcommand lives in its own file as a type conforming to this protocol, and is listed
/// once in `CommandRegistry.all`.
public protocol Command: Sendable {
    /// The word after `tiq`: `serve`, `repl`, `query`.
    static var name: String { get }
    /// One line for `tiq --help`.
    static var summary: String { get }
    /// The full `tiq NAME --help` text: usage line, options, examples.
    static var help: String { get }
    /// Runs the command with the arguments after its name; returns the exit code.
    static func run(_ arguments: [String]) throws -> Int32
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
