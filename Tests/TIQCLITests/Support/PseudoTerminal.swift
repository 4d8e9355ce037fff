import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TIQCore

/// A process running on a real pseudo-terminal, as a person would see it: the child is a session
/// leader whose controlling terminal is the pty slave, so Ctrl-C typed there raises SIGINT.
///
/// Everything the child writes is collected; `waitFor` waits until a text appears.
final class PseudoTerminal: @unchecked Sendable {
    let pid: pid_t
    private let master: Int32
    private let lock = NSCondition()
    /// Guarded by `lock`: everything read so far, and how much `waitFor` has consumed.
    private var output: [UInt8] = []
    private var consumed = 0
    private var closed = false

    /// Starts `executable arguments…` on a new pty with `environment` added.
    init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        // posix_openpt/grantpt/unlockpt are not exported by the Glibc module: the Linux ioctls.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431 /* TIOCSPTLCK */, &unlock) == 0,
              ioctl(master, 0x8004_5430 /* TIOCGPTN */, &number) == 0 else {
            throw POSIXError(.ENOTTY)
        }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // POSIX_SPAWN_SETSID (0x80): a new session, so the first terminal opened becomes the controlling one.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // The test runner's thread may block signals; the child starts with none blocked.
        var noneBlocked = sigset_t()
        sigemptyset(&noneBlocked)
        posix_spawnattr_setsigmask(&attributes, &noneBlocked)
        posix_spawnattr_setflags(&attributes, Int16(0x80 | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        pid = child
        let thread = Thread { [self] in readLoop() }
        thread.start()
    }

    deinit {
        kill(pid, SIGKILL)
        close(master)
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { POSIXIO.read(master, into: $0) }
            lock.lock()
            if n > 0 { output += buffer[0..<n] } else { closed = true }
            lock.broadcast()
            lock.unlock()
            if n <= 0 { return }
        }
    }

    /// Types `text` (control characters included: "\u{03}" is Ctrl-C).
    func type(_ text: String) {
        POSIXIO.writeAll(master, Array(text.utf8))
    }

    /// Waits until `text` appears after what earlier waits consumed; returns the output up to and
    /// including it, or nil after `timeout` seconds.
    func waitFor(_ text: String, timeout: Double) -> String? {
        let needle = Array(text.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let end = Self.find(needle, in: output, from: consumed) {
                let seen = String(decoding: output[consumed..<end], as: UTF8.self)
                consumed = end
                return seen
            }
            if closed || !lock.wait(until: deadline) { return nil }
        }
    }

    /// Everything not yet consumed, for failure messages.
    var pending: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: output[consumed...].suffix(2000), as: UTF8.self)
    }

    /// The terminal's current local modes (`c_lflag`): shared by master and slave on Linux, so
    /// this shows whether the child left raw mode.
    var localModes: UInt32 {
        var t = termios()
        _ = tcgetattr(master, &t)
        return UInt32(t.c_lflag)
    }

    /// Sends `signal` to the child.
    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits for the child to exit; its exit status, or nil after `timeout` seconds.
    func waitForExit(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xFF }
            usleep(50_000)
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, hay.count - start >= needle.count else { return nil }
        var i = start
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i + needle.count }
            i += 1
        }
        return nil
    }
}
