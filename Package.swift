// swift-tools-version: 6.2
// tiq: an in-memory store of French territories and indicator series, queried in TQL over
// line-delimited JSON-RPC 2.0. No package dependencies, by design: the standard library,
// Foundation, Dispatch, Glibc and Synchronization are enough.
import PackageDescription

// Every target, tests included, refuses to build with a warning: a warning left today is a bug
// hidden tomorrow. `strict` adds the upcoming-feature checks to the same rule.
let warningsAreErrors: [SwiftSetting] = [.treatAllWarnings(as: .error)]
let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")] + warningsAreErrors

let package = Package(
    name: "tiq",
    products: [
        .executable(name: "tiq", targets: ["tiq"])
    ],
    targets: [
        // Shared vocabulary: periods, statuses, units, diagnostics, text folding. Depends on nothing.
        .target(name: "TIQCore", swiftSettings: strict),
        // The wire: JSON values, the line framer, JSON-RPC 2.0 messages. Knows nothing of queries.
        .target(name: "TIQWire", swiftSettings: strict),
        // The language: lexer, parser, AST, printer and dumper. Knows nothing of the store.
        .target(name: "TIQLanguage", dependencies: ["TIQCore"], swiftSettings: strict),
        // The store: immutable snapshots of territories, memberships and indicator columns, and the loader.
        .target(name: "TIQStore", dependencies: ["TIQCore"], swiftSettings: strict),
        // Data producers: the embedded demo, the synthetic generator and the importers of real files.
        .target(name: "TIQData", dependencies: ["TIQCore", "TIQStore", "TIQWire"], swiftSettings: strict),
        // The engine: binds a query to a snapshot, checks it, evaluates it, completes and explains it.
        .target(name: "TIQEngine", dependencies: ["TIQCore", "TIQLanguage", "TIQStore"], swiftSettings: strict),
        // The protocol: params and results of every method as Swift types, each with one decoder and one encoder.
        .target(name: "TIQProtocol", dependencies: ["TIQCore", "TIQWire", "TIQEngine", "TIQStore"], swiftSettings: strict),
        // The endpoint (framing, stdout guard, one reply per request, cancellation, limits) and the daemon's methods.
        .target(name: "TIQServer", dependencies: ["TIQCore", "TIQWire", "TIQProtocol", "TIQStore", "TIQEngine", "TIQData"], swiftSettings: strict),
        // The fuzz targets' code (what one input goes through), shared by the libFuzzer harnesses in Fuzz/ and FuzzTests.
        .target(name: "TIQFuzzTargets", dependencies: ["TIQCore", "TIQWire", "TIQLanguage", "TIQStore", "TIQEngine"], swiftSettings: strict),
        // People's tools: the REPL, the command line subcommands, output formats.
        .target(name: "TIQCLI", dependencies: ["TIQCore", "TIQWire", "TIQLanguage", "TIQProtocol", "TIQStore", "TIQEngine", "TIQData", "TIQServer"], swiftSettings: strict),
        .executableTarget(name: "tiq", dependencies: ["TIQCLI"], swiftSettings: strict),

        // Test support shared by the targets that spawn the built `tiq`.
        .target(name: "TIQTestSupport", path: "Tests/TIQTestSupport", swiftSettings: warningsAreErrors),
        .testTarget(name: "TIQCoreTests", dependencies: ["TIQCore"], swiftSettings: warningsAreErrors),
        .testTarget(name: "TIQWireTests", dependencies: ["TIQWire"], swiftSettings: warningsAreErrors),
        .testTarget(name: "TIQProtocolTests", dependencies: ["TIQProtocol", "TIQWire", "TIQEngine", "TIQCore", "TIQStore", "TIQData"], swiftSettings: warningsAreErrors),
        .testTarget(name: "TIQLanguageTests", dependencies: ["TIQCore", "TIQLanguage"], swiftSettings: warningsAreErrors),
        .testTarget(name: "TIQStoreTests", dependencies: ["TIQCore", "TIQStore", "TIQData"], swiftSettings: warningsAreErrors),
        .testTarget(name: "TIQDataTests", dependencies: ["TIQCore", "TIQData", "TIQStore"], swiftSettings: warningsAreErrors),
        .testTarget(name: "TIQEngineTests", dependencies: ["TIQCore", "TIQStore", "TIQEngine", "TIQData", "TIQTestSupport"], swiftSettings: warningsAreErrors),
        .testTarget(name: "TIQServerTests", dependencies: ["TIQFuzzTargets", "TIQWire", "TIQProtocol", "TIQServer", "TIQCLI", "TIQEngine", "TIQLanguage", "TIQCore", "TIQStore", "TIQTestSupport", "tiq"],
                    exclude: ["Fixtures"], swiftSettings: warningsAreErrors),
        .testTarget(name: "TIQCLITests", dependencies: ["TIQCLI", "TIQCore", "TIQEngine", "TIQTestSupport", "tiq"], swiftSettings: warningsAreErrors),
    ]
)
