import Testing
import TIQCore

/// `--max-memory SIZE`: how a size is read and shown, and the default taken from the system.
@Suite struct MemoryBudgetTests {
    @Test func sizesAreBytesOrBinaryUnits() {
        #expect(MemoryBudget.parseSize("536870912") == 536_870_912)
        #expect(MemoryBudget.parseSize("512M") == 512 * 1024 * 1024)
        #expect(MemoryBudget.parseSize("512mib") == 512 * 1024 * 1024)
        #expect(MemoryBudget.parseSize("2G") == 2 * 1024 * 1024 * 1024)
        #expect(MemoryBudget.parseSize("2GiB") == 2 * 1024 * 1024 * 1024)
        #expect(MemoryBudget.parseSize("64k") == 64 * 1024)
        #expect(MemoryBudget.parseSize("0") == 0)
        for bad in ["", "M", "12x", "1.5G", "-1", "9999999999999T", "١٢M"] {
            #expect(MemoryBudget.parseSize(bad) == nil, "\(bad)")
        }
    }

    @Test func sizesAreShownInTheLargestWholeUnit() {
        #expect(MemoryBudget.describe(200 * 1024 * 1024) == "200 MiB")
        #expect(MemoryBudget.describe(1536 * 1024 * 1024) == "1.5 GiB")
        #expect(MemoryBudget.describe(1000) == "1000 bytes")
        #expect(MemoryBudget(limitBytes: 64 << 20).raised(above: 100 << 20) == "200M")
        #expect(MemoryBudget(limitBytes: 64 << 20).raised(above: 10 << 20) == "128M")
    }

    @Test func theDefaultIsThreeQuartersOfTheLesserOfPhysicalMemoryAndTheCgroupLimit() throws {
        let physical = try #require(ResidentMemory.physicalBytes(), "this test runs where /proc/meminfo exists")
        let available = min(physical, ResidentMemory.cgroupLimitBytes() ?? .max)
        #expect(MemoryBudget.systemDefault().limitBytes == max(MemoryBudget.minimumBytes, available / 4 * 3))
    }

    @Test func aBudgetBelowTheResidentSizeIsOverrunAndOneAboveIsNot() throws {
        let resident = try #require(ResidentMemory.residentBytes())
        #expect(resident > 0)
        #expect(MemoryBudget(limitBytes: 1).overrun() != nil)
        #expect(MemoryBudget(limitBytes: .max).overrun() == nil)
        #expect(MemoryBudget.currentOverrun() == nil, "no budget bound, nothing to check")
        let bound = MemoryBudget.$current.withValue(MemoryBudget(limitBytes: 1)) { MemoryBudget.currentOverrun() }
        #expect(bound?.budget.limitBytes == 1)
    }
}
