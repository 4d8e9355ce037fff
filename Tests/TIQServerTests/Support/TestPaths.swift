import Foundation

/// Where the built `tiq` and the test fixtures are.
enum TestPaths {
    /// The package root, from this file's location.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support, TIQServerTests, Tests
        return url.path
    }()

    /// The fixtures directory (the `--data-root` of the tests).
    static let fixtures = packageRoot + "/Tests/TIQServerTests/Fixtures"
    /// A six-commune dataset.
    static let mini = fixtures + "/mini"
    /// A dataset with an invalid period in observations.csv.
    static let broken = fixtures + "/broken"

    /// The `tiq` executable built with the tests: next to the running test bundle (this works
    /// under plain `swift test` and with `--scratch-path`), else under `.build*/debug/` of the
    /// package. Override with `TIQ_BINARY`.
    static let tiq: String = {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["TIQ_BINARY"] { return env }
        var candidates: [String] = []
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("tiq").path)
        }
        let arg0 = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        candidates.append(arg0.deletingLastPathComponent().appendingPathComponent("tiq").path)
        // macOS: .../debug/tiqPackageTests.xctest/Contents/MacOS/tiqPackageTests
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("tiq").path)
        candidates.append(packageRoot + "/.build/debug/tiq")
        for c in candidates where fm.isExecutableFile(atPath: c) { return c }
        return candidates.first ?? "tiq"
    }()
}
