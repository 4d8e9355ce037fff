import Foundation

/// The real public data shared beside the repository (`../shared/data` from the package root),
/// found from this file's own path so that tests run the same locally and in CI.
enum SharedData {
    /// The data directory, or nil when it is absent.
    static let root: String? = {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().resolvingSymlinksInPath()
        let candidate = here.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate.appendingPathComponent("geo/communes.csv").path, isDirectory: &isDirectory)
        else {
            print("TIQStoreTests: skipping real-data tests: \(candidate.path)/geo/communes.csv is absent")
            return nil
        }
        return candidate.path
    }()

    /// Whether the shared data is present.
    static var isAvailable: Bool { root != nil }

    /// The lines of a shared file, header first, trailing newline dropped.
    static func lines(_ relative: String) throws -> [Substring] {
        let text = try String(contentsOfFile: (root ?? "") + "/" + relative, encoding: .utf8)
        // "\r\n" is one Character in Swift: split on both forms of line end.
        return text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" }
    }
}
