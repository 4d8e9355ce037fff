import Foundation
import Glibc
import Testing
@testable import TIQStore
import TIQData

/// Files that are not regular files (a FIFO, a device, a directory) are refused at once: opening a
/// FIFO for reading would otherwise block until a writer appears, and a device reads forever.
@Suite struct NonRegularFileTests {
    /// A temporary directory holding a FIFO named `name`.
    private func fifo(named name: String) throws -> (dir: String, path: String) {
        let dir = try TempDataset.make()
        let path = dir + "/" + name
        try? FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o600) == 0)
        return (dir, path)
    }

    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        let (dir, path) = try fifo(named: "x.fifo")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: RegularFile.Failure.self) { _ = try RegularFile.open(path) }
        do { _ = try RegularFile.open(path) } catch { #expect(error.reason == "not a regular file (a FIFO)") }
        do { _ = try FileIO.read(path) } catch { #expect(error.description.contains("a FIFO")) }
    }

    @Test func aDeviceAndADirectoryAreRefused() throws {
        do { _ = try RegularFile.open("/dev/zero"); Issue.record("/dev/zero opened") } catch {
            #expect(error.reason == "not a regular file (a character device)")
        }
        do { _ = try RegularFile.open("/tmp"); Issue.record("/tmp opened") } catch {
            #expect(error.reason == "not a regular file (a directory)")
        }
        do { _ = try RegularFile.open("/nonexistent-tiq-path"); Issue.record("opened") } catch {
            #expect(error.notFound)
        }
    }

    @Test func aRegularFileStillOpensForBlockingReads() throws {
        let dir = try TempDataset.make()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (fd, info) = try RegularFile.open(dir + "/territories.csv")
        defer { close(fd) }
        #expect(Int(info.st_size) == TempDataset.territories.utf8.count)
        #expect(fcntl(fd, F_GETFL) & O_NONBLOCK == 0)
    }

    @Test(arguments: ["territories.csv", "links.csv", "indicators.csv", "observations.csv"])
    func aDatasetWithAFIFOFileFailsWithD100(name: String) throws {
        let (dir, _) = try fifo(named: name)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try DatasetLoader.load(directory: dir)
            Issue.record("a dataset with a FIFO \(name) loaded")
        } catch {
            #expect(error.codes.contains("D100"), "\(error)")
            #expect(error.description.contains("\(name) cannot be read: not a regular file (a FIFO)"), "\(error)")
        }
    }

    @Test func aFIFOSnapshotIsRefused() throws {
        let (dir, path) = try fifo(named: "snap.tiqs")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: SnapshotFileError.self) { _ = try SnapshotFile.read(path: path, id: 1) }
    }
}

/// A column whose dense period axis would be mostly empty is refused before it is allocated,
/// naming its two extreme periods and the observation holding the earliest.
@Suite struct SparseAxisTests {
    /// 500 communes, two observations of one commune at years 1000 and 9999 (9,000 periods):
    /// 4.5 M cells for 2 observations.
    @Test func twoDistantPeriodsAreRefused() throws {
        var territories = "level,code,name,population\n"
        for i in 0..<500 { territories += "commune,C\(i),Commune \(i),1\n" }
        let dir = try TempDataset.make(territories: territories, links: "child,parent,weight\n",
                                       observations: "territory,indicator,period,value,status\ncommune:C1,emp,1000,1,\ncommune:C1,emp,9999,2,\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try DatasetLoader.load(directory: dir)
            Issue.record("a 4.5 M-cell column of 2 observations loaded")
        } catch {
            let text = error.description
            #expect(text.contains("1000 to 9999"), "\(text)")
            #expect(text.contains("observations.csv:2:"), "\(text)")
            #expect(text.contains("for the 2 observations"), "\(text)")
        }
    }

    @Test func theBoundIsRelativeToTheObservations() {
        // Independent arithmetic: 4.5 M cells / 64 = 70,312 observations needed.
        #expect(DatasetValidator.columnTooLarge(cells: 4_500_000, observations: 2))
        #expect(!DatasetValidator.columnTooLarge(cells: 4_500_000, observations: 70_313))
        #expect(!DatasetValidator.columnTooLarge(cells: 1 << 22, observations: 0))
        #expect(DatasetValidator.columnTooLarge(cells: (1 << 28) + 1, observations: 1 << 28))
    }
}

/// Errors quote at most a short excerpt of a value, however long the value is.
@Suite struct DiagnosticExcerptTests {
    @Test func aHugeUnknownTerritoryIsQuotedShort() throws {
        let key = "commune:" + String(repeating: "x", count: 200_000)
        let dir = try TempDataset.make(observations: "territory,indicator,period,value,status\n\(key),emp,2018,5,\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try DatasetLoader.load(directory: dir)
            Issue.record("an unknown territory loaded")
        } catch {
            let text = error.description
            #expect(text.utf8.count < 2_000, "\(text.prefix(300))")
            #expect(text.contains("(200008 bytes)"), "\(text.prefix(300))")
        }
    }

    @Test func shortValuesAreKept() {
        #expect(DiagnosticExcerpt.shorten("territory `commune:01` is not defined") == "territory `commune:01` is not defined")
        let long = "a `" + String(repeating: "é", count: 100) + "` b"
        // 48 characters kept, then the length in bytes (100 × 2).
        #expect(DiagnosticExcerpt.shorten(long) == "a `" + String(repeating: "é", count: 48) + "… (200 bytes)` b")
    }
}

/// One bad population cell is a diagnostic at its line, not a silent switch of the attribute to text.
@Suite struct PopulationCellTests {
    @Test func aBadPopulationCellIsReportedAtItsLine() throws {
        let dir = try TempDataset.make(territories: "level,code,name,population\ncommune,01,Alpha,10\ncommune,02,Beta,2O\nepci,E1,Grp,\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try DatasetLoader.load(directory: dir)
            Issue.record("a population of `2O` loaded")
        } catch {
            #expect(error.codes == ["D104"], "\(error)")
            #expect(error.description.contains("population `2O` of `commune:02` is not a number"), "\(error)")
            #expect(error.description.contains("territories.csv:3:"), "\(error)")
        }
    }
}
