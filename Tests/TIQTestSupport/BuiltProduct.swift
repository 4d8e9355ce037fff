import Foundation

/// Where the package is and where the `tiq` built with the tests is, for the test targets that
/// spawn the real binary (the daemon's and the command line's).
public enum BuiltProduct {
    /// The package root, from this file's location (`Tests/TIQTestSupport/BuiltProduct.swift`).
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // BuiltProduct.swift, TIQTestSupport, Tests
        return url.path
    }()

    /// The `tiq` executable built with the tests: next to the running test bundle (this works
    /// under plain `swift test` and with `--scratch-path`), else `.build/debug/tiq` of the
    /// package. Override with `TIQ_BINARY`.
    public static let tiq: String = {
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
