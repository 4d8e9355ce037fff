import Foundation

/// The queries typed in earlier sessions and this one, oldest first, kept in a file under the
/// user's state directory (`$XDG_STATE_HOME/tiq/history`, else `~/.local/state/tiq/history`).
///
/// One entry per line; a multi-line query is stored with its line breaks written `\n` (and a
/// backslash as `\\`). At most `limit` entries are kept.
public struct History: Sendable {
    /// The entries, oldest first.
    public private(set) var entries: [String]
    /// The file, or nil for a history kept in memory only.
    public let path: String?
    /// The most entries kept.
    public let limit: Int

    /// A history loaded from `path` (missing or unreadable: empty).
    public init(path: String?, limit: Int = 1000) {
        self.path = path
        self.limit = limit
        entries = []
        if let path, let data = FileManager.default.contents(atPath: path) {
            entries = String(decoding: data, as: UTF8.self).split(separator: "\n").map { Self.decode(String($0)) }
            if entries.count > limit { entries.removeFirst(entries.count - limit) }
        }
    }

    /// The default file: `$XDG_STATE_HOME/tiq/history` or `$HOME/.local/state/tiq/history`.
    public static var defaultPath: String? {
        let env = ProcessInfo.processInfo.environment
        if let state = env["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/tiq/history" }
        if let home = env["HOME"], !home.isEmpty { return home + "/.local/state/tiq/history" }
        return nil
    }

    /// Adds an entry (not a blank one, nor a repeat of the last) and appends it to the file.
    public mutating func add(_ entry: String) {
        let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, entries.last != entry else { return }
        entries.append(entry)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        save()
    }

    /// The index of the latest entry before `index` that contains `needle` (case-insensitive).
    public func search(_ needle: String, before index: Int) -> Int? {
        guard !needle.isEmpty else { return nil }
        var i = min(index, entries.count) - 1
        let lowered = needle.lowercased()
        while i >= 0 {
            if entries[i].lowercased().contains(lowered) { return i }
            i -= 1
        }
        return nil
    }

    /// Writes every entry to the file, creating its directory; failures are ignored (history is a
    /// comfort, never a reason to stop).
    func save() {
        guard let path else { return }
        let dir = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let text = entries.map(Self.encode).joined(separator: "\n") + "\n"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    }

    /// One entry as one line.
    static func encode(_ entry: String) -> String {
        entry.replacingAll("\\", with: "\\\\").replacingAll("\n", with: "\\n")
    }

    /// One line back to its entry.
    static func decode(_ line: String) -> String {
        var out = ""
        var escaped = false
        for ch in line {
            if escaped {
                out.append(ch == "n" ? "\n" : ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
