/// Converts between LSP positions (0-based line, character counted in UTF-16 code units) and
/// UTF-8 byte offsets, the unit of the engine's spans and cursors.
///
/// Lines end at `\n`; a `\r` before it counts as part of the line, as LSP clients send it.
/// Positions past the end of a line clamp to its end, and lines past the end to the text's end.
enum LSPTextPosition {
    /// The UTF-8 byte offset of `line`:`character` in `text`.
    static func byteOffset(line: Int, character: Int, in text: String) -> Int {
        var currentLine = 0, column = 0, offset = 0
        for scalar in text.unicodeScalars {
            if currentLine == line {
                if scalar == "\n" || column >= character { return offset }
                column += scalar.utf16.count
            } else if scalar == "\n" {
                currentLine += 1
            }
            offset += scalar.utf8.count
        }
        return offset
    }

    /// The LSP position (0-based line, UTF-16 character) of byte `offset` in `text`.
    static func position(ofByte offset: Int, in text: String) -> (line: Int, character: Int) {
        var line = 0, column = 0, bytes = 0
        for scalar in text.unicodeScalars {
            if bytes >= offset { break }
            if scalar == "\n" {
                line += 1
                column = 0
            } else {
                column += scalar.utf16.count
            }
            bytes += scalar.utf8.count
        }
        return (line, column)
    }
}
