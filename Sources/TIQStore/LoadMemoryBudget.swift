import TIQCore

/// The memory budget of a load (`MemoryBudget.current`): checked every few thousand records
/// while the files are read and between the phases of building the snapshot, so that a dataset
/// too large for the budget stops with D134 while it grows, not after.
enum LoadMemoryBudget {
    /// How many records are read between two checks.
    static let recordsPerCheck = 4096

    /// The message and help of D134, once the process reached `resident` bytes above `budget`.
    static func explanation(resident: Int, budget: MemoryBudget, while phase: String) -> (message: String, help: String) {
        ("the process reached \(MemoryBudget.describe(resident)) of resident memory while \(phase), above the memory budget of \(budget)",
         "load a smaller dataset (fewer indicators, territories or periods), or raise the budget with --max-memory (e.g. --max-memory \(budget.raised(above: resident)))")
    }

    /// Records D134 at `location` in `collector` when the process is above its budget; true if it did.
    static func exceeded(at location: SourceLocation, collector: inout DiagnosticCollector) -> Bool {
        guard let (resident, budget) = MemoryBudget.currentOverrun() else { return false }
        let (message, help) = explanation(resident: resident, budget: budget, while: "reading this file")
        collector.error(.loadMemoryBudget, message, at: location, help: help)
        return true
    }

    /// Throws D134 (naming `origin`) when the process is above its budget.
    static func check(_ origin: String, while phase: String) throws(LoadFailure) {
        guard let (resident, budget) = MemoryBudget.currentOverrun() else { return }
        let (message, help) = explanation(resident: resident, budget: budget, while: phase)
        var d = Diagnostic.error(.loadMemoryBudget, message, help: help)
        d.file = origin
        throw LoadFailure(diagnostics: [d])
    }
}
