import TIQCore

/// The four files of a dataset directory.
enum DatasetFile: Int, CaseIterable {
    case territories, links, indicators, observations

    /// The file name inside the dataset directory.
    var name: String {
        switch self {
        case .territories: "territories.csv"
        case .links: "links.csv"
        case .indicators: "indicators.csv"
        case .observations: "observations.csv"
        }
    }
}

/// Where each record of a loaded `Dataset` came from, so that checks made on the whole
/// dataset (by `SnapshotBuilder`) still point at `file:line:column`.
///
/// Keeps the decoded bytes of each file and one offset per record; lines and columns are
/// recomputed only for the few records that have a problem.
struct DatasetSourceMap {
    /// What is known of one file.
    struct FileSource {
        /// The path as shown in diagnostics.
        var path: String
        /// The reader holding the decoded bytes.
        var reader: CSVReader
        /// The byte offset of each record kept in the dataset, in dataset order.
        var recordOffsets: [Int] = []
        /// Header column name → field position.
        var columns: [String: Int] = [:]
    }

    var files: [DatasetFile: FileSource] = [:]

    /// The location of `field` of record `record` of `file`. Without a source map (a dataset
    /// built in memory) the line is where the record would be in the written file (record + 2).
    static func locate(_ map: DatasetSourceMap?, _ file: DatasetFile, record: Int, field: String) -> SourceLocation {
        guard let source = map?.files[file], record < source.recordOffsets.count else {
            return .at(file.name, line: record + 2, column: 1)
        }
        let offset = source.recordOffsets[record]
        let line = lineNumber(of: offset, in: source.reader.bytes)
        guard let rec = source.reader.record(at: offset, line: line) else { return .at(source.path, line: line, column: 1) }
        guard let k = source.columns[field], k < rec.count else {
            return .at(source.path, line: rec.line, column: 1, start: offset, end: offset)
        }
        return .at(source.path, line: rec.positions[k].line, column: rec.positions[k].column,
                   start: rec.positions[k].start, end: rec.positions[k].end)
    }

    /// The 1-based line of byte `offset`: line ends counted as the reader counts them.
    static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            let end = min(offset, p.count)
            while i < end {
                let b = p[i]
                if b == 10 { line += 1 } else if b == 13, i + 1 >= p.count || p[i + 1] != 10 { line += 1 }
                i += 1
            }
        }
        return line
    }
}
