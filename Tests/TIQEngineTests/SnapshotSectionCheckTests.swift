import Foundation
import Testing
import TIQCore
@testable import TIQStore

/// A snapshot file's breakdown and perimeter-timeline sections are refused when they break what
/// the readers rely on (issue 14, "Snapshot files"): a file written by tiq never does, so each
/// case is made by writing a tampered snapshot, whose checksum is right, and reading it back.
@Suite struct SnapshotSectionCheckTests {
    /// `s` with its breakdowns and timeline replaced.
    static func rebuilt(_ s: Snapshot, breakdowns: [ColumnKey: BreakdownColumn]? = nil, timeline: PerimeterTimeline? = nil) -> Snapshot {
        Snapshot(levels: s.levels, indicators: s.indicators, columns: s.columns, memberships: s.memberships, names: s.names,
                 origin: s.origin, id: 9, breakdowns: breakdowns ?? s.breakdowns, timeline: timeline ?? s.timeline)
    }

    /// The message of reading `s` back from a file, or nil when it opens.
    static func refusal(_ s: Snapshot) throws -> String? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-sections-\(UUID().uuidString).tiqsnap").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SnapshotFile.write(s, to: path)
        do {
            _ = try SnapshotFile.read(path: path, id: 2)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// One way to break a breakdown column, each against a rule stated in BreakdownColumn.
    static let tamperings: [(name: String, change: @Sendable (BreakdownColumn) -> BreakdownColumn)] = [
        ("codes out of order", { b in copy(b, codes: Array(b.codes.reversed())) }),
        ("a code repeated", { b in copy(b, codes: [b.codes[0]] + b.codes.dropLast()) }),
        ("cells decreasing within a code", { b in
            let r = (0..<b.codes.count).map(b.range(of:)).first { $0.count >= 2 }!
            var cells = b.cells
            cells[r.lowerBound...r.lowerBound + 1].reverse()
            return copy(b, cells: cells)
        }),
        ("a cell repeated within a code", { b in
            let r = (0..<b.codes.count).map(b.range(of:)).first { $0.count >= 2 }!
            var cells = b.cells
            cells[r.lowerBound + 1] = cells[r.lowerBound]
            return copy(b, cells: cells)
        }),
        ("an infinite value", { b in
            var v = (0..<b.values.count).map { b.values[$0] }
            v[0] = .infinity
            return copy(b, values: .double(v))
        }),
    ]

    static func copy(_ b: BreakdownColumn, codes: [String]? = nil, cells: [UInt32]? = nil, values: BreakdownColumn.Values? = nil) -> BreakdownColumn {
        BreakdownColumn(indicator: b.indicator, level: b.level, axis: b.axis, codes: codes ?? b.codes, offsets: b.offsets,
                        cells: cells ?? b.cells, values: values ?? b.values, status: b.status, rows: b.covered.count / max(1, b.axis.count))
    }

    @Test func theUntouchedBreakdownOpens() throws {
        #expect(try Self.refusal(Self.rebuilt(BreakdownFixture.snapshot)) == nil)
    }

    @Test(arguments: 0..<tamperings.count)
    func aBrokenBreakdownIsRefused(_ k: Int) throws {
        let s = BreakdownFixture.snapshot
        let (key, column) = try #require(s.breakdowns.first { $0.value.codes.count >= 2 })
        var broken = s.breakdowns
        broken[key] = Self.tamperings[k].change(column)
        let message = try #require(try Self.refusal(Self.rebuilt(s, breakdowns: broken)), "\(Self.tamperings[k].name) was read back")
        #expect(message.contains("breakdown of `\(s.indicators[key.indicator.raw].code)`"), "\(Self.tamperings[k].name): \(message)")
    }

    @Test(arguments: [-0.25, 1.5, Double.nan])
    func aTimelineShareOutsideZeroToOneIsRefused(_ share: Double) throws {
        let s = BreakdownFixture.snapshot
        let commune = try #require(s.levelByName["commune"]), top = try #require(s.levels.last?.id)
        var shares = [Double](repeating: 0.5, count: s[level: commune].count)
        #expect(try Self.refusal(Self.rebuilt(s, timeline: PerimeterTimeline(boundaries: [2020 * 12], shares: [LevelPair(from: commune, to: top): [shares, shares]]))) == nil)
        shares[shares.count - 1] = share
        let message = try #require(try Self.refusal(Self.rebuilt(s, timeline: PerimeterTimeline(boundaries: [2020 * 12], shares: [LevelPair(from: commune, to: top): [shares, shares]]))))
        #expect(message.contains("perimeter timeline of commune"), "\(message)")
    }

    @Test func aTimelineOfALevelInItselfIsRefused() throws {
        let s = BreakdownFixture.snapshot
        let commune = try #require(s.levelByName["commune"])
        let ones = [Double](repeating: 1, count: s[level: commune].count)
        let message = try #require(try Self.refusal(Self.rebuilt(s, timeline: PerimeterTimeline(boundaries: [], shares: [LevelPair(from: commune, to: commune): [ones]]))))
        #expect(message.contains("perimeter timeline of commune in commune"), "\(message)")
    }

    /// The same (indicator, level) twice in the section: the file is written by hand from the
    /// encoder's own section bytes, with the entry repeated and the count set to 2.
    @Test func aBreakdownListedTwiceIsRefused() throws {
        let s = BreakdownFixture.snapshot
        let one = Self.rebuilt(s, breakdowns: s.breakdowns.first.map { [$0.key: $0.value] })
        var section = SnapshotByteWriter()
        SnapshotEncoder.encodeBreakdowns(one, &section)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-twice-\(UUID().uuidString).tiqsnap").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SnapshotFile.write(one, to: path)
        let payload = Array(try Data(contentsOf: URL(fileURLWithPath: path)).dropFirst(SnapshotFile.headerSize))
        let at = try #require(Self.find(section.bytes, in: payload))
        var count = SnapshotByteWriter()
        count.int(2)
        let entry = section.bytes[count.bytes.count...]
        let doubled = Array(payload[..<at]) + count.bytes + entry + entry + payload[(at + section.bytes.count)...]
        let sum = doubled.withUnsafeBytes { SnapshotFile.checksum($0) }
        try Data(SnapshotFile.header(payloadLength: doubled.count, checksum: sum) + doubled).write(to: URL(fileURLWithPath: path))
        #expect(throws: (any Error).self) { try SnapshotFile.read(path: path, id: 2) }
        // The same bytes with the count left at 1 and the entry once open: only the repeat is refused.
        #expect(try Self.refusal(one) == nil)
    }

    /// The offset of `needle` in `haystack`, searching from the end (the section is near it).
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return stride(from: haystack.count - needle.count, through: 0, by: -1).first { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
