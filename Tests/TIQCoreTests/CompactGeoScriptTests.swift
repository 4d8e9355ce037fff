import Foundation
import Testing

/// `scripts/compact-geo.py` regenerates the embedded geography from the shared INSEE files byte
/// for byte: the committed `data/geo/geo.txt` and `Sources/TIQData/EmbeddedGeo.swift` are its
/// output, not hand edits.
@Suite struct CompactGeoScriptTests {
    static let geo = RepositoryFiles.root.appendingPathComponent("../shared/data/geo").standardizedFileURL.path
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: python != nil && FileManager.default.fileExists(atPath: geo + "/communes.csv")))
    func theScriptReproducesTheCommittedFiles() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-geo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(Self.python))
        p.arguments = [RepositoryFiles.root.appendingPathComponent("scripts/compact-geo.py").path, Self.geo, out.path]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0)
        for path in ["data/geo/geo.txt", "Sources/TIQData/EmbeddedGeo.swift"] {
            let made = try Data(contentsOf: out.appendingPathComponent(path))
            let committed = try Data(contentsOf: RepositoryFiles.root.appendingPathComponent(path))
            #expect(made == committed, "\(path) differs from what scripts/compact-geo.py makes: rerun it, do not edit by hand")
        }
        let text = try String(contentsOf: out.appendingPathComponent("data/geo/geo.txt"), encoding: .utf8)
        // The counts the script's docstring promises, read from its output.
        let lines = text.split(separator: "\n")
        #expect(lines.first == "tiq-geo 1")
        #expect(lines.filter { $0.hasPrefix("R\t") }.count == 18 && lines.filter { $0.hasPrefix("D\t") }.count == 101)
    }
}
