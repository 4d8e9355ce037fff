import Foundation
import Testing

/// `--data` also takes a snapshot file written by `tiq snapshot`: the same answers as the
/// dataset directory, and a clear D130 error for a file that is not a snapshot.
@Suite struct SnapshotDataTests {
    @Test func aSnapshotFileAnswersLikeItsDirectory() throws {
        let dir = Fixture.directory
        let file = NSTemporaryDirectory() + "tiq-cli-snapshot-\(getpid()).tiqsnap"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let written = try CLI.run(["snapshot", "--data", dir, "--out", file])
        #expect(written.status == 0, "\(written.stderr)")
        let q = "from emploi_ind at commune | show code, emploi_ind"
        let fromDir = try CLI.run(["query", "--data", dir, "--format", "csv", q])
        let fromFile = try CLI.run(["query", "--data", file, "--format", "csv", q])
        #expect(fromDir.status == 0 && fromFile.status == 0)
        #expect(fromFile.stdout == fromDir.stdout)
        #expect(!fromDir.stdout.isEmpty)
        // `tiq catalog` reads it too, and lists the same catalog.
        let catalogDir = try CLI.run(["catalog", "--data", dir, "--format", "json"])
        let catalogFile = try CLI.run(["catalog", "--data", file, "--format", "json"])
        #expect(catalogDir.status == 0 && catalogFile.status == 0, "\(catalogFile.stderr)")
        #expect(catalogFile.stdout == catalogDir.stdout)
        #expect(catalogDir.stdout.contains("emploi_ind"))
    }

    @Test func aFileThatIsNotASnapshotIsRefusedWithD130() throws {
        let file = NSTemporaryDirectory() + "tiq-cli-not-a-snapshot-\(getpid()).txt"
        try "hello".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let r = try CLI.run(["query", "--data", file, "territories at commune"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("D130"))
        let c = try CLI.run(["catalog", "--data", file])
        #expect(c.status == 65)
        #expect(c.stderr.contains("D130"), "\(c.stderr)")
    }
}
