#if canImport(Glibc)
import Glibc
#endif

/// Hands memory freed after a load back to the system, so that the resident size of a
/// daemon reflects the store it holds rather than the peak of building it.
enum ReleaseMemory {
    /// glibc's `malloc_trim`, which the Glibc module does not export: found once by name.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// Returns the free pages of the C heap to the system (a no-op where there is no `malloc_trim`).
    static func now() {
        _ = trim?(0)
    }
}
