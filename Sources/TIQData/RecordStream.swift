#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore
import TIQStore

/// Reads a delimited text file one record at a time through a fixed-size buffer, for files
/// too large to hold (a national Sirene stock is several GB).
///
/// Memory is the buffer (`chunkSize`, grown only to hold one record longer than it) plus the
/// fields of the current record: it does not depend on the file's size. The reading rules are
/// those of `DelimitedText`: `,` `;` or TAB detected on the header line, RFC 4180 quotes
/// (a quoted field may span lines), LF or CRLF, a UTF-8 BOM, and Latin-1 (Windows-1252)
/// decided record by record when its bytes are not valid UTF-8. Blank lines are skipped.
///
/// Only the columns passed to `select` become `String`s; the others stay empty, so a reader
/// of six columns of a 48-column file pays for six.
public final class RecordStream {
    /// The file, for error messages.
    public let path: String
    /// The header fields, trimmed.
    public private(set) var header: [String] = []
    /// The separator byte.
    public private(set) var separator: UInt8 = 44
    /// The fields of the current record (unselected columns are empty).
    public private(set) var fields: [String] = []
    /// The 1-based line where the current record starts.
    public private(set) var line = 0
    /// How many data records have been read.
    public private(set) var records = 0
    /// The largest number of bytes the buffer has held: the reader's memory, independent of the file's size.
    public private(set) var peakBufferedBytes = 0

    private let fd: Int32
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var nextLine = 1
    private var atEnd = false
    private var wanted: [Bool]?
    private var fieldBytes: [UInt8] = []

    /// Opens `path` and reads its header. `chunkSize` is the read size (tests use small ones).
    public init(path: String, separator: UInt8? = nil, chunkSize: Int = 1 << 20) throws(DataError) {
        self.path = path
        self.chunkSize = max(64, chunkSize)
        do { fd = try RegularFile.open(path).fd } catch {
            throw DataError("cannot open: \(error.reason)", at: path, fix: "name a regular file")
        }
        try fill()
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        guard let head = try nextRecordBytes() else {
            throw DataError("the file is empty", at: path, fix: "a header row is needed")
        }
        self.separator = separator ?? CSVReader.detectSeparator(Array(buffer[head.start..<head.end]))
        header = split(head.start, head.end).map(\.trimmingSpaces)
    }

    deinit { close(fd) }

    /// The position of the header column named `name` (case-insensitive), or an error listing the columns.
    public func column(_ name: String) throws(DataError) -> Int {
        if let i = header.firstIndex(where: { $0.lowercased() == name.lowercased() }) { return i }
        throw DataError("no column `\(name)`", at: path, fix: "the columns are: \(header.joined(separator: ", "))")
    }

    /// Materialises only `columns` from now on (nil: every column).
    public func select(_ columns: [Int]?) {
        guard let columns else { wanted = nil; return }
        var w = [Bool](repeating: false, count: header.count)
        for c in columns where c < w.count { w[c] = true }
        wanted = w
    }

    /// Makes the current record the header (for files with title lines above their header,
    /// as spreadsheets saved as CSV have); every column is selected again.
    public func useCurrentRecordAsHeader() {
        wanted = nil
        header = fields.map(\.trimmingSpaces)
        records = 0
    }

    /// Reads the next data record into `fields` and `line`; false at the end of the file.
    public func next() throws(DataError) -> Bool {
        guard let r = try nextRecordBytes() else { return false }
        fields = split(r.start, r.end)
        records += 1
        return true
    }

    /// `path:line` of the current record.
    public var location: String { "\(path):\(line)" }

    /// Field `index` of the current record, or an error naming the line when the record is short.
    public func field(_ index: Int) throws(DataError) -> String {
        guard index < fields.count else {
            throw DataError("the record has \(fields.count) fields, expected at least \(index + 1)", at: location,
                            fix: "check the separators on that line")
        }
        return fields[index]
    }

    // MARK: - Bytes

    /// Reads one more chunk at the end of the buffer, first dropping the consumed bytes.
    private func fill() throws(DataError) {
        if try !ChunkRefill.fill(&buffer, position: &position, from: fd, chunkSize: chunkSize, path: path) { atEnd = true }
        peakBufferedBytes = max(peakBufferedBytes, buffer.count)
    }

    /// The byte range of the next non-blank record (without its line end), reading more of
    /// the file as needed; sets `line`.
    private func nextRecordBytes() throws(DataError) -> (start: Int, end: Int)? {
        while true {
            var inQuotes = false, newlines = 0
            var found: Int?
            buffer.withUnsafeBufferPointer { p in
                var i = position
                while i < p.count {
                    let b = p[i]
                    if b == 34 { inQuotes.toggle() } else if b == 10 {
                        if !inQuotes { found = i; return }
                        newlines += 1
                    }
                    i += 1
                }
            }
            if found == nil && !atEnd {
                // A record (quoted line ends included) is bounded like a line of a dataset file:
                // a file of one huge line, or a quote never closed, fails here, not at its end.
                if buffer.count - position > LineLengthBound.maximumBytes {
                    let excerpt = String(decoding: buffer[position..<min(buffer.count, position + 40)], as: UTF8.self)
                    throw DataError("the record starting on line \(nextLine) is longer than \(LineLengthBound.maximumBytes) bytes (it starts \"\(TerminalEscaping.escape(excerpt))…\")",
                                    at: path, fix: inQuotes ? "close the quote opened on that line" : "split the line into records, one per line")
                }
                try fill()
                continue
            }
            if found == nil && inQuotes {
                throw DataError("a quoted field opened on line \(nextLine) is never closed", at: path,
                                fix: "close the quote or double the quote characters inside it")
            }
            let start = position
            var end = found ?? buffer.count
            position = found.map { $0 + 1 } ?? buffer.count
            line = nextLine
            nextLine += newlines + 1
            if end > start, buffer[end - 1] == 13 { end -= 1 }
            if start == end {
                if found == nil { return nil }
                continue  // blank line
            }
            return (start, end)
        }
    }

    /// The fields of `buffer[start..<end]`, unquoted, decoded.
    private func split(_ start: Int, _ end: Int) -> [String] {
        var out: [String] = []
        let latin1 = !isASCII(start, end) && !TextDecoding.isValidUTF8(Array(buffer[start..<end]))
        var i = start, column = 0
        while true {
            let keep = wanted.map { column < $0.count && $0[column] } ?? true
            fieldBytes.removeAll(keepingCapacity: true)
            if i < end, buffer[i] == 34 {
                i += 1
                while i < end {
                    if buffer[i] == 34 {
                        if i + 1 < end, buffer[i + 1] == 34 { if keep { fieldBytes.append(34) }; i += 2; continue }
                        i += 1
                        break
                    }
                    if keep { fieldBytes.append(buffer[i]) }
                    i += 1
                }
                while i < end, buffer[i] != separator { if keep { fieldBytes.append(buffer[i]) }; i += 1 }
            } else {
                let s = i
                while i < end, buffer[i] != separator { i += 1 }
                if keep { fieldBytes.append(contentsOf: buffer[s..<i]) }
            }
            if keep {
                out.append(latin1 ? String(decoding: TextDecoding.windows1252ToUTF8(fieldBytes), as: UTF8.self)
                                  : String(decoding: fieldBytes, as: UTF8.self))
            } else {
                out.append("")
            }
            column += 1
            if i < end, buffer[i] == separator { i += 1; continue }
            return out
        }
    }

    private func isASCII(_ start: Int, _ end: Int) -> Bool {
        for i in start..<end where buffer[i] >= 0x80 { return false }
        return true
    }
}
