import TIQFuzzTargets

// libFuzzer target `jsonrpc` (the daemon's and the language server's reading paths): the code is `JSONRPCFuzzTarget` in Sources/TIQFuzzTargets,
// which FuzzTests also runs on every file in Fuzz/regressions/jsonrpc.

/// The target, built on the first input.
private let target = JSONRPCFuzzTarget()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.stop(target, on: data, count: size)
    return 0
}
