#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The most resident memory a process may reach while it loads data or answers queries
/// (`--max-memory`): work that grows past it stops with a clear error (E403 for a query, D134
/// for a load) instead of growing until the system kills the process.
///
/// The budget bounds the whole process (the data it holds included), because that is what the
/// system sees. It is checked while the work grows: by the engine after every stage and every
/// few thousand rows inside a stage, and by the loader every few thousand records. Which budget
/// applies is a task-local value (`MemoryBudget.current`), bound by the daemon and the commands
/// around each piece of work, so deep loops need no extra parameter.
public struct MemoryBudget: Sendable, Equatable, CustomStringConvertible {
    /// The limit, in bytes.
    public let limitBytes: Int

    /// Creates a budget of `limitBytes` bytes.
    public init(limitBytes: Int) { self.limitBytes = limitBytes }

    /// The budget that applies to the work running on this task; nil checks nothing.
    @TaskLocal public static var current: MemoryBudget?

    /// The share of memory the default budget takes: three quarters of the lesser of the
    /// machine's physical memory and its control group's limit, so that the process stops with
    /// an error before the system's out-of-memory killer stops it with SIGKILL, and leaves room
    /// for the page cache and the rest of the system.
    public static let defaultShare = (numerator: 3, denominator: 4)

    /// The default when neither /proc/meminfo nor a cgroup limit can be read: 4 GiB.
    public static let fallbackBytes = 4 << 30

    /// The smallest budget accepted: below it the embedded demo does not fit.
    public static let minimumBytes = 16 << 20

    /// The default budget of this machine (see `defaultShare`).
    public static func systemDefault() -> MemoryBudget {
        let candidates = [ResidentMemory.physicalBytes(), ResidentMemory.cgroupLimitBytes()].compactMap { $0 }
        guard let available = candidates.min() else { return MemoryBudget(limitBytes: fallbackBytes) }
        return MemoryBudget(limitBytes: max(minimumBytes, available / defaultShare.denominator * defaultShare.numerator))
    }

    /// Parses a size: a whole number of bytes, or one followed by `K`, `M`, `G` or `T` (powers of
    /// 1024, an optional `B` or `iB` after it, any case): `536870912`, `512M`, `2GiB`. Nil if malformed.
    public static func parseSize(_ text: String) -> Int? {
        var digits = Substring(text)
        var unit = Substring("")
        while let last = digits.last, !last.isNumber { unit.insert(last, at: unit.startIndex); digits = digits.dropLast() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits) else { return nil }
        let shifts: [String: Int] = ["": 0, "b": 0, "k": 10, "kb": 10, "kib": 10, "m": 20, "mb": 20, "mib": 20,
                                     "g": 30, "gb": 30, "gib": 30, "t": 40, "tb": 40, "tib": 40]
        guard let shift = shifts[unit.lowercased()] else { return nil }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: 1 << shift)
        return overflow ? nil : bytes
    }

    /// `limitBytes` for people: `512 MiB`, `1.5 GiB`.
    public var description: String { Self.describe(limitBytes) }

    /// A larger budget to suggest in an error's help once the process reached `resident` bytes,
    /// as `--max-memory` takes it: twice the larger of the two, in whole MiB (`1536M`).
    public func raised(above resident: Int) -> String {
        let base = max(limitBytes, resident)
        let (twice, overflow) = base.multipliedReportingOverflow(by: 2)
        return overflow ? "\(base >> 20)M" : "\((twice + (1 << 20) - 1) >> 20)M"
    }

    /// `bytes` for people, in the largest binary unit that keeps a whole part.
    public static func describe(_ bytes: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        if unit == 0 { return "\(bytes) bytes" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded)) \(units[unit])" : "\(rounded) \(units[unit])"
    }

    /// The resident size when the process is above the budget, else nil. A reading above it is
    /// taken again after the C heap's free pages are handed back (`releaseFreePages`), so that
    /// memory a failed query freed but malloc kept does not count.
    public func overrun() -> Int? {
        guard let resident = ResidentMemory.recentResidentBytes(), resident > limitBytes else { return nil }
        Self.releaseFreePages()
        guard let fresh = ResidentMemory.freshResidentBytes() else { return nil }
        return fresh > limitBytes ? fresh : nil
    }

    /// `overrun()` of the budget bound to this task, with the budget; nil if none is bound or it holds.
    public static func currentOverrun() -> (resident: Int, budget: MemoryBudget)? {
        guard let budget = current, let resident = budget.overrun() else { return nil }
        return (resident, budget)
    }

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
    public static func releaseFreePages() {
        _ = trim?(0)
    }
}
