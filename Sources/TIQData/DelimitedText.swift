/// A table read from a delimited text file: a header and records of text fields.
///
/// Accepts what published files look like: `,` or `;` (or TAB) separators, detected on the
/// header line; RFC 4180 quotes; CRLF or LF; a UTF-8 byte-order mark; Latin-1 when the bytes
/// are not valid UTF-8.
public struct DelimitedText: Sendable {
    /// The header fields.
    public let header: [String]
    /// The records after the header, each with its 1-based line number in the file.
    public let records: [(line: Int, fields: [String])]
    /// The separator byte that was used.
    public let separator: UInt8
    /// The file the table came from, for error messages.
    public let path: String

    /// Reads and parses the file at `path`.
    public static func read(_ path: String, separator: UInt8? = nil) throws(DataError) -> DelimitedText {
        try parse(FileIO.read(path), path: path, separator: separator)
    }

    /// Parses `bytes`; `path` only names the source in errors.
    public static func parse(_ bytes: [UInt8], path: String, separator: UInt8? = nil) throws(DataError) -> DelimitedText {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let latin1 = String(validating: bytes[start...], as: UTF8.self) == nil
        let sep = separator ?? detectSeparator(bytes, from: start)
        var rows: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var i = start
        var inQuotes = false
        func text(_ f: [UInt8]) -> String {
            latin1 ? String(f.map { Character(Unicode.Scalar($0)) }) : String(decoding: f, as: UTF8.self)
        }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == 34 {
                    if i + 1 < bytes.count, bytes[i + 1] == 34 { field.append(34); i += 2; continue }
                    inQuotes = false
                } else {
                    if b == 10 { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case 34 where field.isEmpty:
                inQuotes = true
            case sep:
                fields.append(text(field)); field.removeAll(keepingCapacity: true)
            case 13:
                break
            case 10:
                fields.append(text(field)); field.removeAll(keepingCapacity: true)
                if !(fields.count == 1 && fields[0].isEmpty) { rows.append((recordLine, fields)) }
                fields = []
                line += 1
                recordLine = line
            default:
                field.append(b)
            }
            i += 1
        }
        if inQuotes {
            throw DataError("a quoted field opened on line \(recordLine) is never closed", at: path,
                            fix: "close the quote or double the quote characters inside it")
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(text(field))
            rows.append((recordLine, fields))
        }
        guard let first = rows.first else {
            throw DataError("the file is empty", at: path, fix: "a header row is needed")
        }
        return DelimitedText(header: first.fields.map { $0.trimmingSpaces }, records: Array(rows.dropFirst()),
                             separator: sep, path: path)
    }

    /// The position of the header column named `name` (case-insensitive), or an error listing the columns.
    public func column(_ name: String) throws(DataError) -> Int {
        let key = name.lowercased()
        if let i = header.firstIndex(where: { $0.lowercased() == key }) { return i }
        throw DataError("no column `\(name)`", at: path,
                        fix: "the columns are: \(header.joined(separator: ", "))")
    }

    /// The field at `index` of `record`, or an error naming the line when the record is short.
    public func field(_ record: (line: Int, fields: [String]), _ index: Int) throws(DataError) -> String {
        guard index < record.fields.count else {
            throw DataError("line \(record.line) has \(record.fields.count) fields, expected at least \(index + 1)",
                            at: path, fix: "check the separators on that line")
        }
        return record.fields[index]
    }

    private static func detectSeparator(_ bytes: [UInt8], from start: Int) -> UInt8 {
        var commas = 0, semicolons = 0, tabs = 0
        var i = start
        while i < bytes.count, bytes[i] != 10 {
            switch bytes[i] {
            case 44: commas += 1
            case 59: semicolons += 1
            case 9: tabs += 1
            default: break
            }
            i += 1
        }
        if semicolons > commas && semicolons >= tabs { return 59 }
        if tabs > commas { return 9 }
        return 44
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
