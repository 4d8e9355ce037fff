import Foundation
import Testing
import TIQCore
import TIQEngine
@testable import TIQStore
#if canImport(Glibc)
import Glibc
#endif

/// A snapshot file opened with its columns mapped (format version 2 and later) holds exactly what was
/// written, cell by cell; the mapped arrays behave as ordinary arrays (writes stay private);
/// damage anywhere, the mapped column blocks included, is refused before any query.
@Suite struct SnapshotFileMappingTests {
    /// Makes glibc serve every allocation of 64 KiB or more with its own mapping, as it does in a
    /// fresh daemon, whatever other tests in this process freed before (which raises glibc's
    /// dynamic threshold and would send the arrays to the heap, where they are copied instead).
    static let largeAllocationsMapped: Bool = {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let f = dlsym(nil, "mallopt") else { return false }
        return unsafeBitCast(f, to: Mallopt.self)(-3 /* M_MMAP_THRESHOLD */, 64 << 10) == 1
        #else
        return false
        #endif
    }()

    static let path: String = {
        let p = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-snapmap-\(UUID().uuidString).tiqsnap").path
        try? SnapshotFile.write(DemoFixture.snapshot, to: p)
        return p
    }()

    static func opened() throws -> (snapshot: Snapshot, mappedBytes: Int) {
        _ = largeAllocationsMapped
        return try SnapshotFile.openMapped(path: path, id: 3)
    }

    @Test func everyCellStatusAndAttributeRoundTrips() throws {
        let a = DemoFixture.snapshot, (b, _) = try Self.opened()
        #expect(Set(b.columns.keys) == Set(a.columns.keys))
        var cells = 0
        for (key, c) in a.columns {
            let d = try #require(b.columns[key])
            #expect(d.axis == c.axis && d.values.count == c.values.count)
            let rows = c.axis.count == 0 ? 0 : c.values.count / c.axis.count
            for row in 0..<rows {
                for t in 0..<c.axis.count {
                    let i = row * c.axis.count + t
                    if d.values[i].bitPattern != c.values[i].bitPattern || d.status(row: row, period: t) != c.status(row: row, period: t) {
                        Issue.record("\(a[indicator: key.indicator].code) at \(a[level: key.level].name), row \(row), period \(t) differs")
                        return
                    }
                    cells += 1
                }
            }
        }
        #expect(cells == a.observationCount && cells > 1_000_000)
        for (la, lb) in zip(a.levels, b.levels) {
            #expect(la.attributes.count == lb.attributes.count)
            for (x, y) in zip(la.attributes, lb.attributes) {
                #expect(x.name == y.name && x.unit == y.unit && x.description == y.description)
                switch (x.column, y.column) {
                case (.text(let c1, let v1), .text(let c2, let v2)): #expect(c1 == c2 && v1 == v2)
                case (.number(let v1), .number(let v2)): #expect(v1.map(\.bitPattern) == v2.map(\.bitPattern))
                case (.flag(let f1), .flag(let f2)): #expect(f1 == f2)
                case (.territory(let l1, let r1), .territory(let l2, let r2)): #expect(l1 == l2 && r1 == r2)
                default: Issue.record("attribute \(x.name) of \(la.name) changed kind")
                }
            }
        }
        #expect(b.names.search("lyon", level: nil, limit: 5) == a.names.search("lyon", level: nil, limit: 5))
    }

    @Test(.enabled(if: largeAllocationsMapped)) func largeColumnsAreBackedByTheFile() throws {
        let (b, mapped) = try Self.opened()
        // Every column array that glibc placed at the mapped offset of its page gets its whole
        // pages backed by the file; the others were copied (see writesToAMappedArrayStayPrivate).
        // A fresh daemon maps them all: ServeSnapshotMappingTests checks /proc/PID/maps.
        let page = SnapshotFileMapping.page
        var expected = 0
        for column in b.columns.values {
            column.values.withUnsafeBufferPointer { p in
                let address = Int(bitPattern: p.baseAddress), end = address + p.count * 8
                guard address & (page - 1) == SnapshotFileMapping.elementPageOffset else { return }
                let first = (address + page - 1) & ~(page - 1), last = end & ~(page - 1)
                if last > first { expected += last - first }
            }
        }
        #expect(mapped == expected, "\(mapped) bytes mapped, \(expected) expected from where the arrays landed")
    }

    /// A mapped array is private: writing to it leaves the file (and other openers) untouched.
    @Test(.enabled(if: largeAllocationsMapped)) func writesToAMappedArrayStayPrivate() throws {
        let count = 100_000, offset = 4096 * 3 + SnapshotFileMapping.elementPageOffset
        let original = (0..<count).map { Double($0) * 1.5 - 7 }
        var bytes = [UInt8](repeating: 0xEE, count: offset)
        original.withUnsafeBytes { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8](repeating: 0xEE, count: 100))
        let p = Self.path + ".raw"
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        defer { try? FileManager.default.removeItem(atPath: p) }
        let fd = open(p, O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let map = try #require(mmap(nil, bytes.count, PROT_READ, MAP_PRIVATE, fd, 0))
        defer { munmap(map, bytes.count) }
        var (values, mappedBytes) = SnapshotFileMapping.doubles(fd: fd, file: UnsafeRawBufferPointer(start: map, count: bytes.count),
                                                                 offset: offset, count: count)
        // glibc serves a large request from free heap space when it has some (after other tests
        // freed big arrays), mapping pages only when it must grow: the array is then elsewhere in
        // its page and its values are copied. Where the array landed says which path must have run.
        let landedAtMappedOffset = values.withUnsafeBufferPointer {
            Int(bitPattern: $0.baseAddress) & (SnapshotFileMapping.page - 1) == SnapshotFileMapping.elementPageOffset
        }
        if landedAtMappedOffset {
            #expect(mappedBytes >= count * 8 - 2 * 4096)
        } else {
            #expect(mappedBytes == 0)
        }
        #expect(values.map(\.bitPattern) == original.map(\.bitPattern))
        for i in stride(from: 0, to: count, by: 97) { values[i] = -1 }
        #expect(values[97] == -1 && values[98] == original[98])
        let reread = try [UInt8](Data(contentsOf: URL(fileURLWithPath: p)))
        #expect(reread == bytes, "a write to a mapped array reached the file")
    }

    /// Writes `bytes` to a fresh file and returns the error opening it gives.
    static func error(opening bytes: [UInt8]) throws -> SnapshotFileError? {
        let p = path + ".\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        defer { try? FileManager.default.removeItem(atPath: p) }
        do { _ = try SnapshotFile.read(path: p, id: 1); return nil } catch { return error }
    }

    @Test func damageInAColumnBlockIsRefused() throws {
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.path)))
        // Near the end: inside the last columns' values, the part that is mapped, not copied.
        for at in [good.count - 5000, good.count - 300_000] {
            var flipped = good
            flipped[at] ^= 0x01
            let e = try #require(try Self.error(opening: flipped))
            guard case .checksumMismatch = e else { Issue.record("flip at \(at): \(e)"); continue }
        }
        let e = try #require(try Self.error(opening: Array(good.dropLast(8))))
        guard case .wrongSize = e else { Issue.record("truncated: \(e)"); return }
    }

    @Test func aVersion1FileAsksForANewSnapshot() throws {
        var old = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.path)))
        old[8] = 1
        let e = try #require(try Self.error(opening: old))
        guard case .wrongVersion(_, let found, let expected) = e else { Issue.record("version 1: \(e)"); return }
        #expect(found == 1 && expected == SnapshotFile.version && expected >= 2)
        #expect(e.description.contains("version 1") && e.description.contains("tiq snapshot"))
    }

    /// Version 2 held Float32 membership weights: reading it as version 3 would misread every
    /// membership, so it is refused with the way out.
    @Test func aVersion2FileWithFloat32WeightsAsksForANewSnapshot() throws {
        var old = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.path)))
        old[8] = 2
        let e = try #require(try Self.error(opening: old))
        guard case .wrongVersion(_, let found, let expected) = e else { Issue.record("version 2: \(e)"); return }
        #expect(found == 2 && expected == 3 && SnapshotFile.version == 3)
        #expect(e.description.contains("version 2") && e.description.contains("reads version 3") && e.description.contains("tiq snapshot"))
    }

    /// Padding before a column block that claims to run past the end (checksum fixed up) is an
    /// inconsistency, reported as such.
    @Test func paddingPastTheEndIsRefusedNotCrashed() throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.path)))
        // The first column's padding length: after its five 8-byte fields (indicator, level,
        // frequency, start, width). Find it by decoding the structure up to the columns.
        let payload = Array(bytes[SnapshotFile.headerSize...])
        let at = try payload.withUnsafeBytes { raw in
            var r = SnapshotByteReader(raw)
            _ = try SnapshotDecoder.structure(&r)
            return SnapshotFile.headerSize + r.offset + 8 + 5 * 8
        }
        for k in 0..<8 { bytes[at + k] = k == 6 ? 0x7F : 0 }
        let sum = bytes.withUnsafeBytes { SnapshotFile.checksum(UnsafeRawBufferPointer(rebasing: $0[SnapshotFile.headerSize...])) }
        withUnsafeBytes(of: sum.littleEndian) { for k in 0..<8 { bytes[24 + k] = $0[k] } }
        let e = try #require(try Self.error(opening: bytes))
        guard case .damaged(_, let part) = e else { Issue.record("padding: \(e)"); return }
        #expect(part.contains("column"))
    }
}
