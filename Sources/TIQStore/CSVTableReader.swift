import TIQCore

/// Reads one dataset file: checks its header and the shape of every record, then hands each
/// well-formed record to the caller with a lookup of its named fields.
struct CSVTableReader {
    /// The file being read.
    let file: DatasetFile
    /// Its path, as shown in diagnostics.
    let path: String
    /// The reader over its bytes.
    let reader: CSVReader
    /// Header name (lowercased) → position.
    private(set) var columns: [String: Int] = [:]
    /// The header names in file order.
    private(set) var header: [String] = []

    /// Opens `file` in `directory`; reports D100 and returns nil when it cannot be read.
    init?(_ file: DatasetFile, in directory: DatasetDirectory, collector: inout DiagnosticCollector) {
        let path = directory.shownPath(of: file.name)
        self.file = file
        self.path = path
        do {
            reader = CSVReader(bytes: try FileBytes.contents { () throws(RegularFile.Failure) in try directory.open(file.name) })
        } catch {
            collector.error(.fileMissing, error.notFound ? "\(file.name) is missing" : "\(file.name) cannot be read: \(error.reason)",
                            at: .file(path),
                            help: error.notFound ? "a dataset directory holds territories.csv, links.csv, indicators.csv and observations.csv (links and observations may be header-only)"
                                                 : error.reason.hasPrefix("not a regular file")
                                                     ? "name a regular file: a FIFO, device or directory cannot be a dataset file"
                                                     : error.reason.contains("is longer than")
                                                         ? "each line of a dataset file is one record of a few fields separated by `,`"
                                                         : "check the file's permissions")
            return nil
        }
    }

    /// Reads the header, checking that `required` columns are present (D101); nil if not.
    mutating func readHeader(required: [String], collector: inout DiagnosticCollector) -> CSVRecord? {
        var first: CSVRecord?
        reader.forEachRecord { first = $0; return false }
        guard let head = first else {
            collector.error(.headerColumn, "\(file.name) is empty: it has no header line", at: .at(path, line: 1, column: 1),
                            help: "start the file with the header `\(required.joined(separator: ","))`")
            return nil
        }
        var ok = true
        for (i, raw) in head.fields.enumerated() {
            let name = raw.trimmingASCIISpaces().lowercased()
            header.append(name)
            if columns[name] != nil {
                collector.error(.headerColumn, "column `\(name)` appears twice in the header",
                                at: .at(path, line: head.positions[i].line, column: head.positions[i].column),
                                help: "remove or rename one of the two columns")
                ok = false
            } else {
                columns[name] = i
            }
        }
        for name in required where columns[name] == nil {
            collector.error(.headerColumn, "the header of \(file.name) lacks the column `\(name)`",
                            at: .at(path, line: head.line, column: head.endColumn),
                            help: "the header must contain `\(required.joined(separator: ","))`")
            ok = false
        }
        return ok ? head : nil
    }

    /// Calls `body` with each data record of the right shape and its 0-based record index among
    /// the kept ones; reports D102 and D103 for the others. `body` returns whether it kept it.
    func forEachRecord(collector: inout DiagnosticCollector, progress: ((Double) -> Void)? = nil,
                       _ body: (CSVRecord, inout DiagnosticCollector) -> Bool) -> [Int] {
        var offsets: [Int] = []
        var isHeader = true
        let total = max(1, reader.bytes.count)
        var nextReport = total / 20
        let width = header.count
        var recordsRead = 0
        reader.forEachRecord { rec in
            if isHeader { isHeader = false; return true }
            recordsRead += 1
            if recordsRead % LoadMemoryBudget.recordsPerCheck == 0,
               LoadMemoryBudget.exceeded(at: .at(path, line: rec.positions.first?.line ?? 0, column: 1), collector: &collector) {
                return false
            }
            if let progress, rec.offset >= nextReport {
                progress(Double(rec.offset) / Double(total))
                nextReport += total / 20
            }
            if rec.hasUnterminatedQuote {
                let k = rec.count - 1
                collector.error(.unterminatedQuote, "this quoted field is never closed",
                                at: .at(path, line: rec.positions[k].line, column: rec.positions[k].column),
                                help: "add the closing `\"`; a quote inside a quoted field is written `\"\"`")
                return false
            }
            if rec.count != width {
                let at: SourceLocation = rec.count > width
                    ? .at(path, line: rec.positions[width].line, column: rec.positions[width].column)
                    : .at(path, line: rec.endLine, column: rec.endColumn)
                collector.error(.fieldCount, "this record has \(rec.count) field\(rec.count == 1 ? "" : "s") but the header has \(width)",
                                at: at, help: "quote fields that contain `\(Character(Unicode.Scalar(reader.separator)))`, or add the missing fields (empty is fine)")
                return true
            }
            if body(rec, &collector) { offsets.append(rec.offset) }
            return true
        }
        return offsets
    }

    /// The location of field `k` of `rec`.
    func location(_ rec: CSVRecord, _ k: Int) -> SourceLocation {
        .at(path, line: rec.positions[k].line, column: rec.positions[k].column, start: rec.positions[k].start, end: rec.positions[k].end)
    }

    /// The position of column `name`, if the header has it.
    func column(_ name: String) -> Int? { columns[name] }

    /// The source of this file, for `DatasetSourceMap`.
    func source(offsets: [Int]) -> DatasetSourceMap.FileSource {
        DatasetSourceMap.FileSource(path: path, reader: reader, recordOffsets: offsets, columns: columns)
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    func trimmingASCIISpaces() -> String {
        let u = utf8
        if let f = u.first, let l = u.last, f != 32, f != 9, l != 32, l != 9 { return self }
        guard let first = u.firstIndex(where: { $0 != 32 && $0 != 9 }) else { return "" }
        let last = u.lastIndex(where: { $0 != 32 && $0 != 9 })!
        if first == u.startIndex && last == u.index(before: u.endIndex) { return self }
        return String(self[first...last])
    }

    /// Whether the string is a TQL identifier: `[a-z_][a-z0-9_]*`.
    var isTQLIdentifier: Bool {
        guard let f = utf8.first, f == UInt8(ascii: "_") || (f >= 97 && f <= 122) else { return false }
        return utf8.allSatisfy { $0 == UInt8(ascii: "_") || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
    }
}
