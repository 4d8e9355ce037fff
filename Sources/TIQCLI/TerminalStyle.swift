#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether output is coloured: only on a terminal, and never when `NO_COLOR` is set.
public struct TerminalStyle: Sendable {
    /// Whether ANSI escapes are written.
    public var color: Bool

    /// Creates a style.
    public init(color: Bool) { self.color = color }

    /// Colour for the file descriptor `fd` (1 for stdout, 2 for stderr): on when it is a terminal
    /// and `NO_COLOR` is unset or empty.
    public static func detect(fd: Int32) -> TerminalStyle {
        let noColor = getenv("NO_COLOR").map { String(cString: $0) } ?? ""
        return TerminalStyle(color: isatty(fd) == 1 && noColor.isEmpty)
    }

    /// Plain text, for files and pipes.
    public static let plain = TerminalStyle(color: false)

    /// Bold text (headers).
    func bold(_ s: String) -> String { paint(s, "1") }
    /// Dim text (absence markers, coverage).
    func dim(_ s: String) -> String { paint(s, "2") }
    /// Yellow text (warnings).
    func yellow(_ s: String) -> String { paint(s, "33") }
    /// Cyan text (sparklines).
    func cyan(_ s: String) -> String { paint(s, "36") }

    private func paint(_ s: String, _ code: String) -> String {
        color && !s.isEmpty ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}
