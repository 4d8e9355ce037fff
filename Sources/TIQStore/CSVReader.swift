/// An RFC 4180 CSV reader over bytes: quoted fields with separators, doubled quotes and line
/// breaks; CRLF, LF or CR line ends; a UTF-8 BOM; `,`, `;` or tab separators detected from the
/// header line; Latin-1 (Windows-1252) files converted to UTF-8.
///
/// Memory: the decoded bytes plus one reused record. Fields become `String`s one at a time,
/// never character by character.
public struct CSVReader: Sendable {
    /// The UTF-8 bytes being read (BOM removed, Latin-1 converted).
    public let bytes: [UInt8]
    /// The field separator: `,`, `;` or tab.
    public let separator: UInt8
    /// The encoding the file was read as.
    public let encoding: TextDecoding.Encoding

    /// Whether numbers in this file use a decimal comma: true for `;`-separated files.
    public var decimalComma: Bool { separator == UInt8(ascii: ";") }

    /// Creates a reader over raw file bytes, detecting the encoding and, unless given, the separator.
    public init(bytes raw: [UInt8], separator: UInt8? = nil) {
        let (decoded, encoding) = TextDecoding.utf8(raw)
        self.bytes = decoded
        self.encoding = encoding
        self.separator = separator ?? CSVReader.detectSeparator(decoded)
    }

    /// Creates a reader over the UTF-8 of `text` (tests, in-memory data).
    public init(text: String, separator: UInt8? = nil) {
        self.init(bytes: Array(text.utf8), separator: separator)
    }

    /// The separator of the header line: `;` if it has more `;` than `,` outside quotes, tab
    /// if it has more tabs than either, else `,`.
    public static func detectSeparator(_ bytes: [UInt8]) -> UInt8 {
        var commas = 0, semicolons = 0, tabs = 0, inQuotes = false
        for b in bytes {
            if b == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if b == 10 || b == 13 { break }
            if b == UInt8(ascii: ",") { commas += 1 }
            else if b == UInt8(ascii: ";") { semicolons += 1 }
            else if b == 9 { tabs += 1 }
        }
        if tabs > commas && tabs > semicolons { return 9 }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// Calls `body` with every non-blank record in order, the header first. `body` returns
    /// false to stop. The record passed in is reused: copy what you keep.
    public func forEachRecord(_ body: (CSVRecord) throws -> Bool) rethrows {
        var state = Cursor()
        var record = CSVRecord()
        var scratch: [UInt8] = []
        while state.offset < bytes.count {
            read(&state, into: &record, scratch: &scratch)
            if record.isBlank { continue }
            if try !body(record) { return }
        }
    }

    /// Every record, header first (convenient for small files and tests).
    public func records() -> [CSVRecord] {
        var out: [CSVRecord] = []
        forEachRecord { out.append($0); return true }
        return out
    }

    /// The record starting at byte `offset` on line `line`, read again (for error positions).
    public func record(at offset: Int, line: Int) -> CSVRecord? {
        guard offset >= 0, offset < bytes.count else { return nil }
        var state = Cursor(offset: offset, line: line, column: 1)
        var record = CSVRecord()
        var scratch: [UInt8] = []
        read(&state, into: &record, scratch: &scratch)
        return record
    }

    /// Where the reader stands: a byte offset and the line and scalar column of that byte.
    struct Cursor {
        var offset = 0
        var line = 1
        var column = 1
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lf: UInt8 = 10
    private static let cr: UInt8 = 13

    /// Reads one record from `state`, leaving `state` at the start of the next one.
    func read(_ state: inout Cursor, into record: inout CSVRecord, scratch: inout [UInt8]) {
        let sep = separator
        bytes.withUnsafeBufferPointer { p in
            let n = p.count
            var i = state.offset, line = state.line, col = state.column
            record.reset(line: line, offset: i)
            fields: while true {
                let fieldStart = i, fieldLine = line, fieldColumn = col
                if i < n, p[i] == Self.quote {
                    i += 1; col += 1
                    scratch.removeAll(keepingCapacity: true)
                    var closed = false
                    while i < n {
                        let b = p[i]
                        if b == Self.quote {
                            if i + 1 < n, p[i + 1] == Self.quote {
                                scratch.append(b); i += 2; col += 2; continue
                            }
                            i += 1; col += 1; closed = true
                            break
                        }
                        scratch.append(b)
                        i += 1
                        if b == Self.lf || (b == Self.cr && (i >= n || p[i] != Self.lf)) {
                            line += 1; col = 1
                        } else if b & 0xC0 != 0x80 && b != Self.cr {
                            col += 1
                        }
                    }
                    if !closed { record.hasUnterminatedQuote = true }
                    // Text after the closing quote (not RFC 4180) is kept rather than lost.
                    while i < n, p[i] != sep, p[i] != Self.lf, p[i] != Self.cr {
                        if p[i] & 0xC0 != 0x80 { col += 1 }
                        scratch.append(p[i]); i += 1
                    }
                    record.fields.append(String(decoding: scratch, as: UTF8.self))
                } else {
                    let start = i
                    while i < n {
                        let b = p[i]
                        if b == sep || b == Self.lf || b == Self.cr { break }
                        if b & 0xC0 != 0x80 { col += 1 }
                        i += 1
                    }
                    record.fields.append(String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self))
                }
                record.positions.append(FieldPosition(line: fieldLine, column: fieldColumn, start: fieldStart, end: i))
                if i < n, p[i] == sep {
                    i += 1; col += 1
                    continue fields
                }
                record.endLine = line
                record.endColumn = col
                if i < n, p[i] == Self.cr { i += 1 }
                if i < n, p[i] == Self.lf { i += 1 }
                line += 1; col = 1
                break fields
            }
            state = Cursor(offset: i, line: line, column: col)
        }
    }
}
