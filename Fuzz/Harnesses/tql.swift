import TIQFuzzTargets

// libFuzzer target `tql` (parser, printer, checker, completion and hover): the code is `TQLFuzzTarget` in Sources/TIQFuzzTargets,
// which FuzzTests also runs on every file in Fuzz/regressions/tql.

/// The target, built on the first input.
private let target = TQLFuzzTarget(datasetDirectory: FuzzHarness.datasetDirectory()) ?? { fatalError("cannot load the dataset in TIQ_FUZZ_DATASET") }()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.stop(target, on: data, count: size)
    return 0
}
