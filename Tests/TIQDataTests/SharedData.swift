import Foundation

/// The real public data shipped beside the repository (`../shared/data`), found from this file.
enum SharedData {
    /// `<repo>/../shared/data`, from `#filePath` (`<repo>/Tests/TIQDataTests/SharedData.swift`).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("../shared/data").standardizedFileURL.path
    }()

    /// Whether the shared data is there; tests that need it are skipped (with this reason) otherwise.
    static let isAvailable: Bool = {
        let ok = FileManager.default.fileExists(atPath: root + "/geo/communes.csv")
        if !ok { print("TIQDataTests: \(root) is absent; tests on the real files are skipped") }
        return ok
    }()

    /// `root/relative`.
    static func path(_ relative: String) -> String { root + "/" + relative }

    /// The data lines of a CSV file split naively on commas, for brute-force checks on files
    /// whose checked columns contain no quoted commas.
    static func naiveRows(_ relative: String) throws -> [[Substring]] {
        let text = try String(contentsOfFile: path(relative), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }

    /// A fresh empty temporary directory.
    static func temporaryDirectory(_ name: String) -> String {
        let dir = NSTemporaryDirectory() + "tiq-data-tests-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
