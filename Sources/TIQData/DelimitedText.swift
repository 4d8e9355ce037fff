import TIQStore

/// A table read from a delimited text file: a header and records of text fields.
///
/// Accepts what published files look like: `,` or `;` (or TAB) separators, detected on the
/// header line; RFC 4180 quotes; CRLF or LF; a UTF-8 byte-order mark; Latin-1 (Windows-1252)
/// when the bytes are not valid UTF-8. Parsing is the store's `CSVReader`, shared with the loader.
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

    /// Parses `bytes`; `path` only names the source in errors. The bytes are read by the
    /// store's `CSVReader`, the same reader as the dataset loader's.
    public static func parse(_ bytes: [UInt8], path: String, separator: UInt8? = nil) throws(DataError) -> DelimitedText {
        let reader = CSVReader(bytes: bytes, separator: separator)
        var rows: [(line: Int, fields: [String])] = []
        var unterminated: Int?
        reader.forEachRecord { record in
            if record.hasUnterminatedQuote { unterminated = record.line; return false }
            rows.append((record.line, record.fields))
            return true
        }
        if let line = unterminated {
            throw DataError("a quoted field opened on line \(line) is never closed", at: path,
                            fix: "close the quote or double the quote characters inside it")
        }
        guard let first = rows.first else {
            throw DataError("the file is empty", at: path, fix: "a header row is needed")
        }
        return DelimitedText(header: first.fields.map { $0.trimmingSpaces }, records: Array(rows.dropFirst()),
                             separator: reader.separator, path: path)
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
