import TIQEngine
import TIQStore

/// Target `snapshot`: opening a damaged snapshot file (`tiq serve --snapshot`, a `load` of a
/// `.tiqsnap`), then querying what was opened.
///
/// Random bytes would never get past the header's checksum, so the input is a list of edits to
/// a valid payload (the fixture's, written once by `SnapshotFile.write`), and the target writes
/// the edited payload behind a header with the right length and checksum: every input reaches
/// the decoder. An edit is 13 bytes: a little-endian `UInt32` offset (modulo the payload's
/// length), a kind byte and a little-endian `UInt64` value. Kinds (modulo 5): write the value's
/// low byte; write its low 4 bytes; write all 8 at the offset rounded down to 8 (where the
/// payload's integers are); delete `value % 65536` bytes; insert the 8 bytes at the offset
/// rounded down to 8. A trailing partial edit is ignored, so the empty input is the untouched
/// payload.
///
/// When the file opens, the snapshot must answer without crashing: a name search (which waits
/// for the index built in the background), and for a few indicators and levels a listing, a
/// roll-up to every coarser level and an aggregate over a time window.
public struct SnapshotFuzzTarget: FuzzTarget {
    /// The size of one edit in an input.
    public static let editSize = 13

    private let basePayload: [UInt8]
    private let directory: String
    private var file: String { directory + "/fuzz.tiqsnap" }

    /// A target editing the snapshot of the dataset in `datasetDirectory`; nil when it does not
    /// load or its file cannot be written and read back.
    public init?(datasetDirectory: String) {
        guard let directory = FuzzFiles.scratchDirectory("snapshot") else { return nil }
        self.directory = directory
        let path = directory + "/fuzz.tiqsnap"
        guard let snapshot = try? DatasetLoader.loadSnapshot(directory: datasetDirectory, id: 1),
              (try? SnapshotFile.write(snapshot, to: path)) != nil,
              let bytes = FuzzFiles.read(path), bytes.count >= SnapshotFile.headerSize else {
            FuzzFiles.removeScratch(directory)
            return nil
        }
        basePayload = Array(bytes[SnapshotFile.headerSize...])
    }

    /// Removes the scratch directory (a test does, once done; a fuzzer leaves it to the OS).
    public func removeScratch() { FuzzFiles.removeScratch(directory) }

    public func run(_ bytes: [UInt8]) -> [String] {
        var payload = basePayload
        var at = 0
        while at + Self.editSize <= bytes.count {
            let offset = Int(Self.littleEndian(bytes, at, 4)), kind = bytes[at + 4], value = Self.littleEndian(bytes, at + 5, 8)
            at += Self.editSize
            Self.apply(kind: kind, offset: offset, value: value, to: &payload)
        }
        let sum = payload.withUnsafeBytes { SnapshotFile.checksum($0) }
        guard FuzzFiles.write(file, SnapshotFile.header(payloadLength: payload.count, checksum: sum) + payload) else {
            return ["cannot write \(file)"]
        }
        if let snapshot = try? SnapshotFile.read(path: file, id: 1) {
            Self.exercise(Engine(snapshot: snapshot), snapshot)
        }
        return []
    }

    /// Applies one edit (see the type's description).
    static func apply(kind: UInt8, offset rawOffset: Int, value: UInt64, to payload: inout [UInt8]) {
        guard !payload.isEmpty else { return }
        let offset = rawOffset % payload.count
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        switch kind % 5 {
        case 0:
            payload[offset] = bytes[0]
        case 1:
            for k in 0..<min(4, payload.count - offset) { payload[offset + k] = bytes[k] }
        case 2:
            let start = offset & ~7
            for k in 0..<min(8, payload.count - start) { payload[start + k] = bytes[k] }
        case 3:
            payload.removeSubrange(offset..<min(payload.count, offset + Int(value % 65536)))
        default:
            payload.insert(contentsOf: bytes, at: offset & ~7)
        }
    }

    /// Queries that touch every part of an opened snapshot; their answers (or errors) are ignored.
    static func exercise(_ engine: Engine, _ snapshot: Snapshot) {
        if let name = snapshot.levels.first(where: { !$0.names.isEmpty })?.names.first {
            _ = engine.lookup(String(name.prefix(40)), level: nil, limit: 5)
            _ = engine.lookup(String(name.prefix(3)), level: nil, limit: 5, match: .prefix)
        }
        let levels = snapshot.levels.prefix(8).map(\.name)
        for (k, indicator) in snapshot.indicators.prefix(3).enumerated() {
            let code = indicator.code
            for (i, level) in levels.enumerated() {
                guard let column = snapshot.column(IndicatorID(k), at: LevelID(i)) else { continue }
                let first = Int(column.axis.start), last = first + max(0, column.axis.count - 1)
                let queries = ["from \(code) at \(level)",
                               "from \(code) at \(level) | where complete(\(code), \(first)..\(last)) | agg n = count(), s = sum(\(code)), m = median(\(code))"]
                    + levels[(i + 1)...].map { "from \(code) at \(level) | rollup to \($0)" }
                for q in queries { _ = try? engine.run(q) }
            }
        }
    }

    private static func littleEndian(_ bytes: [UInt8], _ at: Int, _ count: Int) -> UInt64 {
        (0..<count).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) }
    }
}
