#if canImport(Glibc)
import Glibc
#endif
import TIQEngine
import TIQStore

/// libFuzzer target `snapshot`: opening a damaged snapshot file (`tiq serve --snapshot`, a
/// `load` of a `.tiqsnap`), then querying what was opened.
///
/// Random bytes would never get past the header's checksum, so the input is a list of edits to
/// a valid payload (the mini fixture's, written once by `SnapshotFile.write`), and the harness
/// writes the edited payload behind a header with the right length and checksum: every input
/// reaches the decoder. An edit is 13 bytes: a little-endian `UInt32` offset (modulo the
/// payload's length), a kind byte and a little-endian `UInt64` value. Kinds (modulo 5): write
/// the value's low byte; write its low 4 bytes; write all 8 at the offset rounded down to 8
/// (where the payload's integers are); delete `value % 65536` bytes; insert the 8 bytes at the
/// offset rounded down to 8. A trailing partial edit is ignored, so the empty input is the
/// untouched payload.
///
/// When the file opens, the snapshot must answer without crashing: a name search (which waits
/// for the index built in the background), and for a few indicators and levels a listing, a
/// roll-up to every coarser level and an aggregate over a time window.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var payload = basePayload
    var at = 0
    while at + 13 <= size {
        let offset = Int(load(data + at, 4)), kind = data[at + 4], value = load(data + at + 5, 8)
        at += 13
        apply(kind: kind, offset: offset, value: value, to: &payload)
    }
    writeSnapshotFile(payload)
    openAndExercise()
    return 0
}

/// Opens the written file and queries it; the snapshot dies on return.
private func openAndExercise() {
    guard let snapshot = try? SnapshotFile.read(path: fuzzFile, id: 1) else { return }
    exercise(Engine(snapshot: snapshot), snapshot)
}

/// Applies one edit (see `fuzzSnapshot`).
private func apply(kind: UInt8, offset rawOffset: Int, value: UInt64, to payload: inout [UInt8]) {
    guard !payload.isEmpty else { return }
    let offset = rawOffset % payload.count
    switch kind % 5 {
    case 0:
        payload[offset] = UInt8(truncatingIfNeeded: value)
    case 1:
        for k in 0..<min(4, payload.count - offset) { payload[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
    case 2:
        let start = offset & ~7
        for k in 0..<min(8, payload.count - start) { payload[start + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
    case 3:
        payload.removeSubrange(offset..<min(payload.count, offset + Int(value % 65536)))
    default:
        let start = offset & ~7
        payload.insert(contentsOf: (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }, at: start)
    }
}

/// Queries that touch every part of an opened snapshot; their answers (or errors) are ignored.
private func exercise(_ engine: Engine, _ snapshot: Snapshot) {
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

private func load(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
    (0..<count).reduce(0) { $0 | UInt64(p[$1]) << (8 * $1) }
}

/// The file every input is written to (on tmpfs when there is one).
private let fuzzFile: String = {
    let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    return "\(base)/tiq-fuzz-snapshot-\(getpid()).tiqsnap"
}()

/// The mini fixture's snapshot payload (`TIQ_FUZZ_DATASET`), without its header.
private let basePayload: [UInt8] = {
    guard let p = getenv("TIQ_FUZZ_DATASET") else { fatalError("set TIQ_FUZZ_DATASET (Fuzz/run.sh does)") }
    let directory = String(cString: p)
    atexit { unlink(fuzzFile) }
    do {
        try SnapshotFile.write(try DatasetLoader.loadSnapshot(directory: directory, id: 1), to: fuzzFile)
    } catch {
        fatalError("cannot write the snapshot of \(directory): \(error)")
    }
    guard let file = readFile(fuzzFile), file.count >= SnapshotFile.headerSize else { fatalError("cannot read \(fuzzFile) back") }
    return Array(file[SnapshotFile.headerSize...])
}()

/// Writes `payload` behind a header with the right magic, version, length and checksum.
private func writeSnapshotFile(_ payload: [UInt8]) {
    let sum = payload.withUnsafeBytes { SnapshotFile.checksum($0) }
    writeFile(fuzzFile, SnapshotFile.header(payloadLength: payload.count, checksum: sum) + payload)
}
