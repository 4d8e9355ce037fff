#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libFuzzer target: the code one input goes through and the invariants it must keep.
///
/// The harness in `Fuzz/Harnesses/NAME.swift` builds the target once and calls `run` on every
/// input libFuzzer makes; `FuzzTests` calls the same `run` on every file kept in
/// `Fuzz/regressions/NAME/`. A crash is a finding either way; a broken invariant is returned so
/// that the harness can stop the fuzzer on it (`FuzzHarness.stop`) and a test can report it.
public protocol FuzzTarget: Sendable {
    /// Runs one input; returns a description of each broken invariant (empty when it held).
    func run(_ input: [UInt8]) -> [String]
}

/// What a harness does around a target.
public enum FuzzHarness {
    /// The dataset directory the harness scripts name in `TIQ_FUZZ_DATASET` (the daemon tests'
    /// mini fixture); stops the process with the fix when it is not set.
    public static func datasetDirectory() -> String {
        guard let value = environment("TIQ_FUZZ_DATASET") else {
            fatalError("set TIQ_FUZZ_DATASET to a dataset directory (Fuzz/run.sh does)")
        }
        return value
    }

    /// Runs `input` through `target` and traps on a broken invariant, so that libFuzzer saves
    /// the input as a crash.
    public static func stop(_ target: some FuzzTarget, on input: UnsafePointer<UInt8>, count: Int) {
        let violations = target.run(Array(UnsafeBufferPointer(start: input, count: count)))
        if let first = violations.first { fatalError(first) }
    }

    private static func environment(_ name: String) -> String? {
        guard let p = getenv(name) else { return nil }
        return String(cString: p)
    }
}
