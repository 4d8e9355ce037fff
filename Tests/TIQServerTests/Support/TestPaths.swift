import Foundation
import TIQTestSupport

/// Where the built `tiq` and the test fixtures are.
enum TestPaths {
    /// The package root.
    static let packageRoot = BuiltProduct.packageRoot

    /// The fixtures directory (the `--data-root` of the tests).
    static let fixtures = packageRoot + "/Tests/TIQServerTests/Fixtures"
    /// A six-commune dataset.
    static let mini = fixtures + "/mini"
    /// A dataset with an invalid period in observations.csv.
    static let broken = fixtures + "/broken"

    /// The `tiq` built with the tests (`TIQ_BINARY` overrides it).
    static let tiq = BuiltProduct.tiq
}
