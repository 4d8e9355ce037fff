/// Converts between LSP positions (0-based line, character counted in UTF-16 code units) and
/// UTF-8 byte offsets, the unit of the engine's spans and cursors.
///
/// Built once per document (one pass over its bytes, recording where each line starts), each
/// conversion then costs a binary search and a walk along one line, not a walk from the start of
/// the document: a check publishing thousands of diagnostics stays linear in the document.
///
/// Lines end at `\n`; a `\r` before it counts as part of the line, as LSP clients send it.
/// Positions past the end of a line clamp to its end, and lines past the end to the text's end.
struct LSPTextPosition {
    /// The document's UTF-8 bytes.
    private let bytes: [UInt8]
    /// The byte offset where each line starts (the first is 0).
    private let lineStarts: [Int]

    /// Indexes `text`.
    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (i, byte) in bytes.enumerated() where byte == 10 { starts.append(i + 1) }
        lineStarts = starts
    }

    /// The UTF-8 byte offset of `line`:`character`.
    func byteOffset(line: Int, character: Int) -> Int {
        guard line < lineStarts.count else { return bytes.count }
        var offset = lineStarts[line], column = 0
        while offset < bytes.count, bytes[offset] != 10, column < character {
            let length = Self.scalarLength(bytes[offset])
            column += length == 4 ? 2 : 1
            offset += length
        }
        return min(offset, bytes.count)
    }

    /// The LSP position (0-based line, UTF-16 character) of byte `offset`.
    func position(ofByte offset: Int) -> (line: Int, character: Int) {
        let offset = min(max(offset, 0), bytes.count)
        // The last line starting at or before `offset`.
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var at = lineStarts[low], column = 0
        while at < offset {
            let length = Self.scalarLength(bytes[at])
            column += length == 4 ? 2 : 1
            at += length
        }
        return (low, column)
    }

    /// The length of the UTF-8 sequence that starts with `lead` (a String's bytes are valid UTF-8).
    private static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    }

    /// The UTF-8 byte offset of `line`:`character` in `text` (indexes `text` for one conversion).
    static func byteOffset(line: Int, character: Int, in text: String) -> Int {
        LSPTextPosition(text).byteOffset(line: line, character: character)
    }

    /// The LSP position of byte `offset` in `text` (indexes `text` for one conversion).
    static func position(ofByte offset: Int, in text: String) -> (line: Int, character: Int) {
        LSPTextPosition(text).position(ofByte: offset)
    }
}
