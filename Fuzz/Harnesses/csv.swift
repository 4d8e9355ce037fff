import TIQFuzzTargets

// libFuzzer target `csv` (the CSV reader and the loader): the code is `CSVFuzzTarget` in Sources/TIQFuzzTargets,
// which FuzzTests also runs on every file in Fuzz/regressions/csv.

/// The target, built on the first input.
private let target = CSVFuzzTarget(datasetDirectory: FuzzHarness.datasetDirectory()) ?? { fatalError("cannot copy the dataset in TIQ_FUZZ_DATASET") }()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.stop(target, on: data, count: size)
    return 0
}
