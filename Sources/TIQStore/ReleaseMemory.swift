import TIQCore

/// Hands memory freed after a load back to the system, so that the resident size of a
/// daemon reflects the store it holds rather than the peak of building it.
enum ReleaseMemory {
    /// Returns the free pages of the C heap to the system (a no-op where there is no `malloc_trim`).
    static func now() {
        MemoryBudget.releaseFreePages()
    }
}
