#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore

#if !_endian(little)
#error("snapshot files store raw little-endian blocks; a big-endian reader would need byte swapping")
#endif

/// A binary image of a built `Snapshot` (`tiq snapshot`), opened in a fraction of the time a
/// CSV load takes (`tiq serve --snapshot`).
///
/// Layout: a 32-byte header — the magic `TIQSNAP1`, the format version, the payload length and
/// a 64-bit checksum of the payload — then the payload: catalog, levels (codes, names,
/// attributes), memberships and columns, each column one raw little-endian Float64 block plus
/// its sparse statuses. Opening reads the whole file into memory of its own (never a mapping, so
/// a file truncated or rewritten while served cannot crash the daemon or change its answers). The
/// name index is rebuilt on open, in the background. A file with a wrong magic, another version, a wrong length
/// or a wrong checksum is refused with a `SnapshotFileError`.
public enum SnapshotFile {
    /// The first eight bytes of every snapshot file.
    static let magic: [UInt8] = Array("TIQSNAP1".utf8)
    /// The format version this build writes and reads. Version 2 places every column's values
    /// at a fixed offset within a 4096-byte page (for a reader that mapped them; this one reads
    /// the file into memory it owns, see `SnapshotFileImage`, and ignores the padding); version 3 stores membership weights as Float64 (version 2 held Float32, and its
    /// memberships followed the older "add paths, cap at 1" rule); version 4 adds the catalog's
    /// breakdown and the sparse breakdown columns (issue 16), then the perimeter timeline (links
    /// with a validity), after the columns: older files are refused.
    public static let version = 4
    /// Where within a `columnPage`-byte page of the file each column's first value sits (format
    /// 2 and later). Kept so that the format does not change; this reader copies the values.
    static let columnPageOffset = 48
    /// The page size of the column layout.
    static let columnPage = 4096
    /// Header bytes before the payload.
    public static let headerSize = 32

    /// Writes `snapshot` to `path` (through a temporary file renamed into place).
    public static func write(_ snapshot: Snapshot, to path: String) throws(SnapshotFileError) {
        let payload = SnapshotEncoder.encode(snapshot)
        let header = header(payloadLength: payload.count, checksum: payload.withUnsafeBytes { checksum($0) })
        let temporary = path + ".partial"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        var ok = POSIXIO.writeAll(fd, header) && POSIXIO.writeAll(fd, payload)
        let reason = ok ? "" : String(cString: strerror(errno))
        if close(fd) != 0 { ok = false }
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason.isEmpty ? "the disk may be full" : reason)
        }
    }

    /// The `headerSize` bytes in front of a payload of `payloadLength` bytes whose `checksum` is
    /// given: the magic, this build's `version`, the length and the checksum.
    public static func header(payloadLength: Int, checksum: UInt64) -> [UInt8] {
        var header = SnapshotByteWriter()
        header.u64(magic.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })   // the 8 bytes as they are
        header.int(version)
        header.int(payloadLength)
        header.u64(checksum)
        return header.bytes
    }

    /// Opens the snapshot file at `path` as snapshot number `id`.
    ///
    /// The whole file is read into memory the snapshot owns (`SnapshotFileImage`), never mapped:
    /// truncating or rewriting the file while a daemon serves it cannot reach the snapshot. The
    /// checksum runs on another thread while the structure is decoded and the columns are copied
    /// out; both finish before anything is returned, so a file damaged on disk, or changed while
    /// it was being read, is refused before any query sees it. The name index is built in the
    /// background and the first name search waits for it.
    public static func read(path: String, id: Int) throws(SnapshotFileError) -> Snapshot {
        let fd: Int32, info: stat
        do { (fd, info) = try RegularFile.open(path) } catch { throw .cannotRead(path: path, reason: error.reason) }
        defer { close(fd) }
        let size = Int(info.st_size)
        guard size >= headerSize else { throw .notASnapshot(path: path) }
        let image: SnapshotFileImage
        do { image = try SnapshotFileImage(fd: fd, size: size) } catch {
            switch error {
            case .error(let code): throw .cannotRead(path: path, reason: String(cString: strerror(code)))
            case .shortRead(let count): throw .changedWhileRead(path: path, size: size, read: count)
            }
        }
        return try image.withUnsafeBytes { (all) throws(SnapshotFileError) -> Snapshot in
            try decode(all, path: path, id: id)
        }
    }

    /// Checks the header of the file image `all` and decodes its payload.
    private static func decode(_ all: UnsafeRawBufferPointer, path: String, id: Int) throws(SnapshotFileError) -> Snapshot {
        let size = all.count
        guard all.prefix(8).elementsEqual(magic) else { throw .notASnapshot(path: path) }
        var header = SnapshotByteReader(all, offset: 8)
        let fileVersion = (try? header.int("version", in: 0...Int.max)) ?? -1
        guard fileVersion == version else { throw .wrongVersion(path: path, found: fileVersion, expected: version) }
        let length = (try? header.int("length", in: 0...Int.max)) ?? -1
        guard length == size - headerSize else { throw .wrongSize(path: path, size: size, expected: length + headerSize) }
        let stored = (try? header.u64("checksum")) ?? 0
        let payload = UnsafeRawBufferPointer(rebasing: all[headerSize...])
        // The decoder checks every length and index itself, so it cannot crash on a file the
        // checksum is about to refuse. The image outlives both: `sum.value()` waits for the
        // checksum before this function returns.
        let bytes = SendableBytes(bytes: payload)
        let sum = BackgroundValue { checksum(bytes.bytes) }
        let decoded = Result { () throws(SnapshotByteReader.Damage) -> Snapshot in
            try SnapshotDecoder.decode(payload, id: id, namesInBackground: true)
        }
        guard sum.value() == stored else { throw .checksumMismatch(path: path) }
        switch decoded {
        case .success(let snapshot): return snapshot
        case .failure(let error): throw .damaged(path: path, part: error.what)
        }
    }

    /// Bytes between two calls of the `chunkDone` observer of `checksum`.
    static let checksumChunk = 8 << 20

    /// The 64-bit checksum a header carries for the payload `bytes`: 8-byte words in four
    /// independent lanes (several GB/s). `chunkDone` is told each range of `bytes` it is done
    /// with, every `checksumChunk` bytes. (Public for tools that build files byte by byte, such as
    /// the `snapshot` fuzz target.)
    public static func checksum(_ bytes: UnsafeRawBufferPointer, chunkDone: (Range<Int>) -> Void = { _ in }) -> UInt64 {
        let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (1, 2, 3, 4)
        let words = bytes.count / 8
        var i = 0
        let whole = words & ~3
        while i < whole {
            let chunkStart = i * 8, chunkEnd = min(whole, i + checksumChunk / 8)
            while i < chunkEnd {
                let o = i * 8
                lanes.0 = (lanes.0 ^ bytes.loadUnaligned(fromByteOffset: o, as: UInt64.self)) &* prime
                lanes.1 = (lanes.1 ^ bytes.loadUnaligned(fromByteOffset: o + 8, as: UInt64.self)) &* prime
                lanes.2 = (lanes.2 ^ bytes.loadUnaligned(fromByteOffset: o + 16, as: UInt64.self)) &* prime
                lanes.3 = (lanes.3 ^ bytes.loadUnaligned(fromByteOffset: o + 24, as: UInt64.self)) &* prime
                i += 4
            }
            chunkDone(chunkStart..<i * 8)
        }
        var h = lanes.0 ^ (lanes.1 &* 31) ^ (lanes.2 &* 961) ^ (lanes.3 &* 29791) ^ UInt64(bytes.count)
        for j in (i * 8)..<bytes.count { h = (h ^ UInt64(bytes[j])) &* prime }
        return h ^ (h >> 29)
    }

}

/// Why a snapshot file could not be written or opened. The description says what, where and
/// how to fix it.
public enum SnapshotFileError: Error, Sendable, CustomStringConvertible {
    /// The file cannot be opened or read.
    case cannotRead(path: String, reason: String)
    /// The file cannot be created or written.
    case cannotWrite(path: String, reason: String)
    /// The file does not start with the snapshot magic.
    case notASnapshot(path: String)
    /// The file was written by another format version.
    case wrongVersion(path: String, found: Int, expected: Int)
    /// The file is shorter or longer than its header says: truncated or appended to.
    case wrongSize(path: String, size: Int, expected: Int)
    /// The payload's checksum does not match the header: the file was altered.
    case checksumMismatch(path: String)
    /// The payload is inconsistent (a part runs past the end or refers to nothing).
    case damaged(path: String, part: String)
    /// The file shrank while it was being read: it is being truncated or rewritten in place.
    case changedWhileRead(path: String, size: Int, read: Int)

    /// The message shown to the user.
    public var description: String {
        let rewrite = "write it again with `tiq snapshot --data DIR --out FILE`"
        switch self {
        case .cannotRead(let p, let r): return "\(p): cannot read the snapshot file: \(r)"
        case .cannotWrite(let p, let r): return "\(p): cannot write the snapshot file: \(r); check the directory exists and is writable"
        case .notASnapshot(let p): return "\(p) is not a tiq snapshot file (it does not start with TIQSNAP1); give a file written by `tiq snapshot`, or load CSV with --data"
        case .wrongVersion(let p, let f, let e): return "\(p) is a snapshot of format version \(f), this tiq reads version \(e); \(rewrite)"
        case .wrongSize(let p, let s, let e): return "\(p) is truncated or damaged: it has \(s) bytes, its header says \(e); \(rewrite)"
        case .checksumMismatch(let p): return "\(p) is corrupted: its checksum does not match its content; \(rewrite)"
        case .damaged(let p, let part): return "\(p) is damaged: its \(part) is inconsistent; \(rewrite)"
        case .changedWhileRead(let p, let s, let r):
            return "\(p) changed while it was read (\(s) bytes when opened, \(r) read): it is being truncated or rewritten in place; wait for the writer, or write snapshots with `tiq snapshot`, which renames a finished file into place"
        }
    }
}
