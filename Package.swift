// swift-tools-version: 6.2
// tiq: an in-memory store of French territories and indicator series, queried in TQL over
// line-delimited JSON-RPC 2.0. No package dependencies, by design: the standard library,
// Foundation, Dispatch, Glibc and Synchronization are enough.
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

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
        .target(name: "TIQData", dependencies: ["TIQCore", "TIQStore"], swiftSettings: strict),
        // The engine: binds a query to a snapshot, checks it, evaluates it, completes and explains it.
        .target(name: "TIQEngine", dependencies: ["TIQCore", "TIQLanguage", "TIQStore"], swiftSettings: strict),
        // The protocol: params and results of every method as Swift types, each with one decoder and one encoder.
        .target(name: "TIQProtocol", dependencies: ["TIQCore", "TIQWire", "TIQEngine", "TIQStore"], swiftSettings: strict),
        // The endpoint (framing, stdout guard, one reply per request, cancellation, limits) and the daemon's methods.
        .target(name: "TIQServer", dependencies: ["TIQCore", "TIQWire", "TIQProtocol", "TIQStore", "TIQEngine", "TIQData"], swiftSettings: strict),
        // People's tools: the REPL, the command line subcommands, output formats.
        .target(name: "TIQCLI", dependencies: ["TIQCore", "TIQWire", "TIQLanguage", "TIQProtocol", "TIQStore", "TIQEngine", "TIQData", "TIQServer"], swiftSettings: strict),
        .executableTarget(name: "tiq", dependencies: ["TIQCLI"], swiftSettings: strict),

        // Test support shared by the targets that spawn the built `tiq`.
        .target(name: "TIQTestSupport", path: "Tests/TIQTestSupport"),
        .testTarget(name: "TIQCoreTests", dependencies: ["TIQCore"]),
        .testTarget(name: "TIQWireTests", dependencies: ["TIQWire"]),
        .testTarget(name: "TIQProtocolTests", dependencies: ["TIQProtocol", "TIQWire", "TIQEngine", "TIQCore", "TIQStore", "TIQData"]),
        .testTarget(name: "TIQLanguageTests", dependencies: ["TIQCore", "TIQLanguage"]),
        .testTarget(name: "TIQStoreTests", dependencies: ["TIQCore", "TIQStore", "TIQData"]),
        .testTarget(name: "TIQDataTests", dependencies: ["TIQCore", "TIQData", "TIQStore"]),
        .testTarget(name: "TIQEngineTests", dependencies: ["TIQCore", "TIQStore", "TIQEngine", "TIQData"]),
        .testTarget(name: "TIQServerTests", dependencies: ["TIQWire", "TIQProtocol", "TIQServer", "TIQEngine", "TIQLanguage", "TIQCore", "TIQStore", "TIQTestSupport", "tiq"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "TIQCLITests", dependencies: ["TIQCLI", "TIQCore", "TIQEngine", "TIQTestSupport", "tiq"]),
    ]
)
