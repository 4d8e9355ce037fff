import Foundation
import Testing
import TIQCore
import TIQData
import TIQEngine
@testable import TIQStore

/// A snapshot written by `SnapshotFile.write` and read back answers every query of queries/
/// exactly as the snapshot it was written from; damaged files are refused with a clear error.
@Suite struct SnapshotFileTests {
    static let path: String = {
        let p = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-snapfile-\(UUID().uuidString).tiqsnap").path
        try? SnapshotFile.write(DemoFixture.snapshot, to: p)
        return p
    }()

    static let reread: Snapshot? = try? SnapshotFile.read(path: path, id: 7)

    /// Everything a result says, as text: column names, units, kinds, every value, periods,
    /// coverage, warnings and level.
    static func dump(_ t: ResultTable) -> String {
        var out = ""
        Swift.dump(t, to: &out)
        return out
    }

    @Test func roundTripKeepsTheStore() throws {
        let a = DemoFixture.snapshot, b = try #require(Self.reread)
        #expect(b.id == 7 && b.origin == a.origin)
        #expect(b.levels.map(\.name) == a.levels.map(\.name))
        #expect(b.levels.map(\.codes) == a.levels.map(\.codes))
        #expect(b.levels.map(\.names) == a.levels.map(\.names))
        #expect(b.levels.map { $0.attributes.map(\.name) } == a.levels.map { $0.attributes.map(\.name) })
        #expect(b.indicators.map(\.code) == a.indicators.map(\.code))
        #expect(b.indicators.map(\.aggregate) == a.indicators.map(\.aggregate))
        #expect(Set(b.columns.keys) == Set(a.columns.keys))
        for (key, c) in a.columns {
            let d = try #require(b.columns[key])
            #expect(d.axis == c.axis)
            #expect(zip(d.values, c.values).allSatisfy { $0.bitPattern == $1.bitPattern } && d.values.count == c.values.count)
            #expect(d.status.cells == c.status.cells && d.status.statuses == c.status.statuses)
        }
        #expect(Set(b.memberships.keys) == Set(a.memberships.keys))
        for (pair, m) in a.memberships {
            let n = try #require(b.memberships[pair])
            #expect(n.parentOffsets == m.parentOffsets && n.children == m.children && n.weights == m.weights && n.exact == m.exact)
        }
        #expect(b.names.count == a.names.count)
    }

    @Test(arguments: QueryFilesTests.files) func everyQueryFileAnswersTheSame(_ file: String) throws {
        let b = try #require(Self.reread)
        let text = try String(contentsOf: QueryFilesTests.directory.appendingPathComponent(file), encoding: .utf8)
        let expected = try DemoFixture.engine.run(text)
        let got = try Engine(snapshot: b).run(text)
        #expect(Self.dump(got) == Self.dump(expected), "queries/\(file) answers differently from the snapshot file")
    }

    @Test func nameSearchAnswersTheSame() throws {
        let b = try #require(Self.reread)
        for q in ["lyon", "saint et", "grand est 03", "200069193"] {
            #expect(b.names.search(q, level: nil, limit: 10) == DemoFixture.snapshot.names.search(q, level: nil, limit: 10))
        }
    }

    /// Writes `bytes` to a fresh file and returns the error reading it gives.
    static func error(reading bytes: [UInt8]) throws -> SnapshotFileError? {
        let p = path + ".\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        defer { try? FileManager.default.removeItem(atPath: p) }
        do { _ = try SnapshotFile.read(path: p, id: 1); return nil } catch { return error }
    }

    @Test func damagedFilesAreRefusedClearly() throws {
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.path)))
        #expect(good.count > 1_000_000)

        let truncated = try #require(try Self.error(reading: Array(good.prefix(good.count - 4096))))
        guard case .wrongSize = truncated else { Issue.record("truncated: \(truncated)"); return }
        #expect(truncated.description.contains("truncated") && truncated.description.contains("tiq snapshot"))

        var flipped = good
        flipped[good.count / 2] ^= 0x40
        let corrupted = try #require(try Self.error(reading: flipped))
        guard case .checksumMismatch = corrupted else { Issue.record("corrupted: \(corrupted)"); return }
        #expect(corrupted.description.contains("corrupted"))

        var otherVersion = good
        otherVersion[8] = 99
        let version = try #require(try Self.error(reading: otherVersion))
        guard case .wrongVersion(_, let found, _) = version else { Issue.record("version: \(version)"); return }
        #expect(found == 99)

        let csv = try #require(try Self.error(reading: Array("territory,indicator,period,value\n".utf8) + [UInt8](repeating: 65, count: 64)))
        guard case .notASnapshot = csv else { Issue.record("csv: \(csv)"); return }
        #expect(try Self.error(reading: []) != nil)
        #expect(try Self.error(reading: Array(good.prefix(40))) != nil)

        let missing = Result { try SnapshotFile.read(path: Self.path + ".absent", id: 1) }
        guard case .failure(let e as SnapshotFileError) = missing, case .cannotRead = e else { Issue.record("missing file"); return }
    }

    /// A file whose checksum matches but whose content is inconsistent is refused, not trusted.
    @Test func inconsistentPayloadIsRefusedNotCrashed() throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.path)))
        // Claim 2^40 catalog entries right after the origin string, then fix the checksum.
        let originLength = Int(bytes[32]) + Int(bytes[33]) << 8
        let at = 32 + 8 + (originLength + 7) & ~7
        for k in 0..<8 { bytes[at + k] = k == 5 ? 1 : 0 }
        let sum = bytes.withUnsafeBytes { SnapshotFile.checksum(UnsafeRawBufferPointer(rebasing: $0[32...])) }
        withUnsafeBytes(of: sum.littleEndian) { for k in 0..<8 { bytes[24 + k] = $0[k] } }
        let e = try #require(try Self.error(reading: bytes))
        guard case .damaged = e else { Issue.record("inconsistent: \(e)"); return }
    }

    /// Found by the `snapshot` fuzz target: a file with no levels whose next integers claim a
    /// membership or a column used to trap on an empty index range (`0...-1`) while decoding,
    /// before the checksum was even compared. Each is now refused as damaged.
    @Test(arguments: [(32, "membership"), (40, "column")])
    func indexIntoNoLevelsIsRefusedNotCrashed(offset: Int, part: String) throws {
        let empty = Snapshot(levels: [], indicators: [], columns: [:], memberships: [:], names: NameIndex(),
                             origin: "x", id: 1)
        let p = Self.path + ".\(UUID().uuidString)"
        try SnapshotFile.write(empty, to: p)
        defer { try? FileManager.default.removeItem(atPath: p) }
        // The payload: origin (length 1, padded to 8), then the counts of indicators, levels,
        // memberships and columns, all 0, then the breakdowns (a count of 0) and the perimeter
        // timeline (an empty block of boundaries and a pair count of 0).
        var payload = Array(try [UInt8](Data(contentsOf: URL(fileURLWithPath: p))).dropFirst(SnapshotFile.headerSize))
        #expect(payload.count == 72)
        payload[offset] = 1
        let file = SnapshotFile.header(payloadLength: payload.count, checksum: payload.withUnsafeBytes { SnapshotFile.checksum($0) }) + payload
        let e = try #require(try Self.error(reading: file))
        guard case .damaged(_, let what) = e else { Issue.record("\(part): \(e)"); return }
        #expect(what == part)
    }
}
