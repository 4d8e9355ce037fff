import Foundation
import Testing
import TIQCore
import TIQData
@testable import TIQStore

/// A snapshot file whose decoded period axis would run past Int32.max is refused as damaged
/// (it used to decode, then trap with SIGILL when `catalog` computed the axis's last period).
@Suite struct SnapshotAxisBoundsTests {
    @Test func anAxisRunningPastInt32MaxIsRefused() throws {
        let a = DemoFixture.snapshot
        let (key, column) = try #require(a.columns.first { $0.value.axis.count >= 2 })
        var columns = a.columns
        columns[key] = Column(indicator: column.indicator, level: column.level,
                              axis: PeriodAxis(frequency: column.axis.frequency, start: Int32.max, count: column.axis.count),
                              values: column.values, status: column.status)
        let hostile = Snapshot(levels: a.levels, indicators: a.indicators, columns: columns,
                               memberships: a.memberships, names: a.names, origin: a.origin, id: 1)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-axis-\(UUID().uuidString).tiqsnap").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SnapshotFile.write(hostile, to: path)
        do {
            _ = try SnapshotFile.read(path: path, id: 2)
            Issue.record("a snapshot whose axis runs past Int32.max was accepted")
        } catch {
            guard case .damaged = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func indexOfAFarPeriodDoesNotOverflow() {
        let axis = PeriodAxis(frequency: .annual, start: Int32.max, count: 1)
        #expect(axis.index(of: Period(frequency: .annual, ordinal: Int32.min)) == nil)
        #expect(axis.index(of: Period(frequency: .annual, ordinal: Int32.max)) == 0)
    }
}
