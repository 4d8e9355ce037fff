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
