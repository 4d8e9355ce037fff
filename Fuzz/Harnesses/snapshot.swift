import TIQFuzzTargets

// libFuzzer target `snapshot` (damaged snapshot files, opened and queried): the code is `SnapshotFuzzTarget` in Sources/TIQFuzzTargets,
// which FuzzTests also runs on every file in Fuzz/regressions/snapshot.

/// The target, built on the first input.
private let target = SnapshotFuzzTarget(datasetDirectory: FuzzHarness.datasetDirectory()) ?? { fatalError("cannot write the snapshot of the dataset in TIQ_FUZZ_DATASET") }()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.stop(target, on: data, count: size)
    return 0
}
