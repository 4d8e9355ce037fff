#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal on stdin into raw mode for line editing, and always puts it back: on
/// `restore()`, at exit, and on the signals that end the process (SIGTERM, SIGHUP, SIGQUIT).
///
/// Raw here means: no echo, no canonical lines, no signal keys (Ctrl-C, Ctrl-Z arrive as bytes),
/// no flow control, no CR→NL translation; output processing stays on, so `\n` still returns
/// the carriage.
public enum RawMode {
    /// Enters raw mode on fd 0; false when stdin is not a terminal.
    @discardableResult
    public static func enable() -> Bool {
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return false }
        if !SavedTerminal.isSaved {
            SavedTerminal.store(saved)
            installRestorers()
        }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR | IGNCR | BRKINT | ISTRIP)
        raw.c_cflag |= tcflag_t(CS8)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        return tcsetattr(0, TCSANOW, &raw) == 0
    }

    /// Puts back the terminal settings saved by the first `enable()`.
    public static func restore() {
        SavedTerminal.restore()
    }

    private static func installRestorers() {
        atexit { SavedTerminal.restore() }
        for sig in [SIGTERM, SIGHUP, SIGQUIT] {
            signal(sig) { number in
                SavedTerminal.restore()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }
}

/// The terminal settings to restore, readable from a signal handler.
///
/// Invariant: written once, on the main thread, before any restorer is installed; afterwards
/// only read (by `restore`, which calls the async-signal-safe `tcsetattr`). Hence the
/// `nonisolated(unsafe)` storage without a lock (a lock is not safe in a signal handler).
enum SavedTerminal {
    nonisolated(unsafe) private static var settings = termios()
    nonisolated(unsafe) private(set) static var isSaved = false

    static func store(_ t: termios) {
        settings = t
        isSaved = true
    }

    static func restore() {
        guard isSaved else { return }
        _ = tcsetattr(0, TCSADRAIN, &settings)
    }
}
