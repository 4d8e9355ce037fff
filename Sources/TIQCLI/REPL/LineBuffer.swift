/// The line being edited and the cursor in it: the editing operations of the REPL, without I/O.
///
/// Positions count `Character`s; `utf8Offset` converts the cursor for the completer.
public struct LineBuffer: Sendable, Equatable {
    /// The characters of the line.
    public private(set) var characters: [Character]
    /// The cursor, between 0 and `characters.count`.
    public private(set) var cursor: Int

    /// A buffer holding `text` with the cursor at its end.
    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    /// The line as a string.
    public var text: String { String(characters) }
    /// Whether the line is empty.
    public var isEmpty: Bool { characters.isEmpty }
    /// The cursor as a UTF-8 byte offset into `text`.
    public var utf8Offset: Int { String(characters[..<cursor]).utf8.count }

    /// Inserts `s` at the cursor and moves past it.
    public mutating func insert(_ s: String) {
        let new = Array(s)
        characters.insert(contentsOf: new, at: cursor)
        cursor += new.count
    }

    /// Deletes the character before the cursor (Backspace).
    public mutating func backspace() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Deletes the character under the cursor (Delete, Ctrl-D on a non-empty line).
    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Moves one character left (←, Ctrl-B).
    public mutating func left() { cursor = max(0, cursor - 1) }
    /// Moves one character right (→, Ctrl-F).
    public mutating func right() { cursor = min(characters.count, cursor + 1) }
    /// Moves to the start (Home, Ctrl-A).
    public mutating func home() { cursor = 0 }
    /// Moves to the end (End, Ctrl-E).
    public mutating func end() { cursor = characters.count }

    /// Deletes from the cursor to the end (Ctrl-K); returns what was removed.
    @discardableResult
    public mutating func killToEnd() -> String {
        let removed = String(characters[cursor...])
        characters.removeSubrange(cursor...)
        return removed
    }

    /// Deletes from the start to the cursor (Ctrl-U); returns what was removed.
    @discardableResult
    public mutating func killToStart() -> String {
        let removed = String(characters[..<cursor])
        characters.removeSubrange(..<cursor)
        cursor = 0
        return removed
    }

    /// Deletes the word before the cursor and the spaces after it (Ctrl-W).
    public mutating func deleteWordBefore() {
        var start = cursor
        while start > 0 && characters[start - 1].isWhitespace { start -= 1 }
        while start > 0 && !characters[start - 1].isWhitespace { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Replaces the UTF-8 byte range `bytes` of the line with `replacement`, cursor after it.
    public mutating func replace(utf8 bytes: Range<Int>, with replacement: String) {
        var offset = 0
        var from = characters.count, to = characters.count
        for (i, ch) in characters.enumerated() {
            if offset == bytes.lowerBound && from == characters.count { from = i }
            if offset == bytes.upperBound { to = i; break }
            offset += ch.utf8.count
        }
        if bytes.lowerBound >= offset && from == characters.count { from = min(from, characters.count) }
        to = max(to, from)
        let new = Array(replacement)
        characters.replaceSubrange(from..<to, with: new)
        cursor = from + new.count
    }

    /// Replaces the whole line (history recall), cursor at the end.
    public mutating func set(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }
}
