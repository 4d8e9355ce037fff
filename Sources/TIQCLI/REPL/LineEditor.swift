#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore

/// Reads one line from a terminal in raw mode, with editing keys, history, reverse search and
/// Tab completion.
///
/// Keys: ←/→, Home/End, Ctrl-A/E (start/end), Ctrl-B/F (left/right), Ctrl-K/U (kill to end/start),
/// Ctrl-W (delete word), Backspace/Delete, ↑/↓ and Ctrl-P/N (history), Ctrl-R (reverse search),
/// Tab (complete), Ctrl-L (clear screen), Ctrl-C (abandon the line), Ctrl-D (end, on an empty line).
public struct LineEditor {
    /// What `readLine` returns.
    public enum Outcome: Equatable {
        /// A line, Enter pressed.
        case line(String)
        /// Ctrl-C: the line was abandoned.
        case interrupted
        /// Ctrl-D on an empty line, or end of input.
        case endOfInput
    }

    /// Completion candidates for the text typed so far (earlier lines of the query, a newline,
    /// then this line) at a UTF-8 byte offset: label, text to insert, byte range replaced.
    public typealias Completer = (_ text: String, _ cursor: Int) -> [(label: String, insert: String, replace: Range<Int>)]

    /// The history, shared across reads.
    public var history: History
    /// The completer, if any.
    public var completer: Completer?
    private var decoder = KeyDecoder()
    private var queued: [Key] = []
    /// Inside a bracketed paste (it may span several lines, and several reads).
    private var inPaste = false
    /// Whether more input was already waiting when the last line was returned: the line came
    /// from a paste (bracketed, or bytes arriving faster than typing), so the next line may
    /// continue it. False for a line typed and ended by hand.
    public private(set) var moreFollows = false

    /// Creates an editor over a history.
    public init(history: History, completer: Completer? = nil) {
        self.history = history
        self.completer = completer
    }

    /// Reads one line after `prompt`; `context` holds the earlier lines of a multi-line query.
    ///
    /// Bracketed paste is on while reading: a pasted block's lines come back one by one with
    /// `moreFollows` set, and the end of a paste that ended with a line break returns an empty
    /// line, so that the caller runs what was pasted once.
    public mutating func readLine(prompt: String, context: String = "") -> Outcome {
        guard RawMode.enable() else { return .endOfInput }
        emit(Self.bracketedPasteOn)
        defer { emit(Self.bracketedPasteOff); RawMode.restore() }
        var buffer = LineBuffer()
        var historyIndex = history.entries.count
        var draft = ""
        let afterPastedLine = moreFollows
        moreFollows = false
        redraw(prompt, buffer)
        while let key = nextKey() {
            switch key {
            case .enter:
                redraw(prompt, buffer)
                emit("\r\n")
                moreFollows = inPaste || !queued.isEmpty || Self.inputReady(within: 15)
                return .line(buffer.text)
            case .pasteStart: inPaste = true
            case .pasteEnd:
                inPaste = false
                // The paste ended with a line break: nothing of it is left to edit, run it now.
                if buffer.isEmpty && afterPastedLine {
                    emit("\r\u{1B}[K")
                    return .line("")
                }
            case .text(let ch): buffer.insert(String(ch))
            case .tab where inPaste: buffer.insert(" ")
            case .backspace, .control("h"): buffer.backspace()
            case .delete: buffer.deleteForward()
            case .left, .control("b"): buffer.left()
            case .right, .control("f"): buffer.right()
            case .home, .control("a"): buffer.home()
            case .end, .control("e"): buffer.end()
            case .control("k"): buffer.killToEnd()
            case .control("u"): buffer.killToStart()
            case .control("w"): buffer.deleteWordBefore()
            case .control("l"):
                emit("\u{1B}[H\u{1B}[2J")
            case .up, .control("p"):
                guard historyIndex > 0 else { break }
                if historyIndex == history.entries.count { draft = buffer.text }
                historyIndex -= 1
                buffer.set(history.entries[historyIndex])
            case .down, .control("n"):
                guard historyIndex < history.entries.count else { break }
                historyIndex += 1
                buffer.set(historyIndex == history.entries.count ? draft : history.entries[historyIndex])
            case .control("c"):
                emit("^C\r\n")
                return .interrupted
            case .control("d"):
                if buffer.isEmpty {
                    emit("\r\n")
                    return .endOfInput
                }
                buffer.deleteForward()
            case .tab:
                complete(&buffer, prompt: prompt, context: context)
            case .control("r"):
                switch reverseSearch(prompt: prompt, start: buffer) {
                case .accepted(let text, let submit):
                    buffer.set(text)
                    if submit {
                        redraw(prompt, buffer)
                        emit("\r\n")
                        return .line(text)
                    }
                case .cancelled: break
                }
            default: break
            }
            // A paste arrives as many keys at once: draw once, after the last of them.
            if queued.isEmpty && !Self.inputReady(within: 0) { redraw(prompt, buffer) }
        }
        emit("\r\n")
        return .endOfInput
    }

    // MARK: - Completion

    private func complete(_ buffer: inout LineBuffer, prompt: String, context: String) {
        guard let completer else { return }
        let base = context.isEmpty ? 0 : context.utf8.count + 1
        let full = context.isEmpty ? buffer.text : context + "\n" + buffer.text
        let items = completer(full, base + buffer.utf8Offset).filter { $0.replace.lowerBound >= base }
        guard let first = items.first else { emit("\u{07}"); return }
        let range = (first.replace.lowerBound - base)..<(first.replace.upperBound - base)
        if items.count == 1 {
            let insert = first.insert + (first.insert.hasSuffix(" ") || first.insert.hasSuffix("(") ? "" : " ")
            buffer.replace(utf8: range, with: insert)
            return
        }
        let typed = String(decoding: Array(buffer.text.utf8)[range.clamped(to: 0..<buffer.text.utf8.count)], as: UTF8.self)
        // Prefer the candidates that extend what was typed; complete them as far as they agree.
        let extending = items.filter { $0.replace == first.replace && $0.insert.lowercased().hasPrefix(typed.lowercased()) }
        if extending.count == 1, let only = extending.first {
            buffer.replace(utf8: range, with: only.insert + (only.insert.hasSuffix(" ") || only.insert.hasSuffix("(") ? "" : " "))
            return
        }
        let common = Self.commonPrefix(extending.map(\.insert))
        if common.count > typed.count {
            buffer.replace(utf8: range, with: common)
            return
        }
        emit("\r\n" + Self.columns(items.map(\.label), width: Self.terminalWidth()) )
    }

    /// The longest common prefix of several strings.
    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map(Array.init) else { return "" }
        for w in words.dropFirst() {
            let chars = Array(w)
            var n = 0
            while n < prefix.count && n < chars.count && prefix[n] == chars[n] { n += 1 }
            prefix = Array(prefix[..<n])
        }
        return String(prefix)
    }

    /// Candidates laid out in columns that fit `width`, at most 60 of them.
    static func columns(_ labels: [String], width: Int) -> String {
        let shown = Array(labels.prefix(60))
        let cell = (shown.map(\.count).max() ?? 0) + 2
        let perLine = max(1, width / max(cell, 1))
        var out = ""
        for (i, l) in shown.enumerated() {
            out += l + String(repeating: " ", count: cell - l.count)
            if (i + 1) % perLine == 0 || i == shown.count - 1 { out += "\r\n" }
        }
        if labels.count > shown.count { out += "… and \(labels.count - shown.count) more\r\n" }
        return out
    }

    static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    // MARK: - Reverse search

    private enum SearchOutcome {
        case accepted(String, submit: Bool)
        case cancelled
    }

    /// Ctrl-R: type to search the history backwards; Ctrl-R again for an older match; Enter runs
    /// the match; another editing key keeps it for editing; Ctrl-C or Ctrl-G cancels.
    private mutating func reverseSearch(prompt: String, start: LineBuffer) -> SearchOutcome {
        var needle = ""
        var match: Int? = nil
        func show() {
            let found = match.map { history.entries[$0].replacingAll("\n", with: " ") } ?? ""
            let failing = !needle.isEmpty && match == nil ? "failing " : ""
            emit("\r\u{1B}[K(\(failing)reverse-i-search)`\(needle)': \(found)")
        }
        show()
        while let key = nextKey() {
            switch key {
            case .text(let ch):
                needle.append(ch)
                match = history.search(needle, before: (match ?? history.entries.count) + 1)
                    ?? history.search(needle, before: history.entries.count)
            case .backspace:
                if !needle.isEmpty { needle.removeLast() }
                match = history.search(needle, before: history.entries.count)
            case .control("r"):
                if let m = match, let older = history.search(needle, before: m) { match = older }
            case .enter:
                return .accepted(match.map { history.entries[$0] } ?? start.text, submit: true)
            case .control("c"), .control("g"):
                return .cancelled
            default:
                queued.append(key)
                return .accepted(match.map { history.entries[$0] } ?? start.text, submit: false)
            }
            show()
        }
        return .cancelled
    }

    // MARK: - Terminal I/O

    private mutating func nextKey() -> Key? {
        if !queued.isEmpty { return queued.removeFirst() }
        var byte = [UInt8](repeating: 0, count: 256)
        while true {
            let n = byte.withUnsafeMutableBytes { POSIXIO.read(0, into: $0) }
            guard n > 0 else { return nil }
            var keys = decoder.feed(byte[0..<n])
            if keys.isEmpty && decoder.hasPending && !Self.inputReady(within: 50) {
                keys = decoder.flush()
            }
            if !keys.isEmpty {
                queued += keys.dropFirst()
                return keys[0]
            }
        }
    }

    /// Asks the terminal to mark pastes (xterm's bracketed paste mode), and stops asking.
    static let bracketedPasteOn = "\u{1B}[?2004h", bracketedPasteOff = "\u{1B}[?2004l"

    /// Whether more input arrives within `ms` milliseconds (an Escape alone versus a sequence).
    static func inputReady(within ms: Int32) -> Bool {
        var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        return POSIXIO.poll(&fds, timeoutMs: ms) > 0
    }

    private func redraw(_ prompt: String, _ buffer: LineBuffer) {
        let column = TableFormatter.visibleWidth(prompt) + buffer.characters[..<buffer.cursor].count
        emit("\r" + prompt + buffer.text + "\u{1B}[K\r" + (column > 0 ? "\u{1B}[\(column)C" : ""))
    }

    private func emit(_ text: String) { writeOut(text) }
}
