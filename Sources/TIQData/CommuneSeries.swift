import TIQCore
import TIQStore

/// Sums of published values by commune, period and indicator, built while a large file
/// streams by: the importers' only state that grows, and it grows with communes × periods ×
/// indicators, never with the number of rows read.
///
/// A cell that received a `secret` value is secret (its sum is not known); a cell that only
/// received absent values is not written.
public struct CommuneSeries: Sendable {
    /// The indicator codes, in the order cells name them.
    public let indicators: [String]
    /// The frequency of every period held.
    public let frequency: Frequency
    /// The communes seen, in order of first appearance.
    public private(set) var communes: [String] = []
    private var communeIndex: [String: Int32] = [:]
    /// key(commune, period, indicator) → sum; NaN marks a secret cell.
    private var sums: [UInt64: Double] = [:]

    /// Starts empty, for the indicators `indicators` at `frequency`.
    public init(indicators: [String], frequency: Frequency) {
        self.indicators = indicators
        self.frequency = frequency
    }

    /// Whether some cell is secret.
    public var hasSecret: Bool { sums.values.contains { $0.isNaN } }

    /// The number of cells held: the accumulator's size.
    public var cellCount: Int { sums.count }

    /// The position of `commune`, adding it when new.
    public mutating func intern(_ commune: String) -> Int32 {
        if let i = communeIndex[commune] { return i }
        let i = Int32(communes.count)
        communeIndex[commune] = i
        communes.append(commune)
        return i
    }

    /// The packed key: indicator (8 bits), commune (24 bits), period ordinal (32 bits).
    @inline(__always) static func key(_ commune: Int32, _ period: Period, _ indicator: Int) -> UInt64 {
        UInt64(indicator) << 56 | UInt64(UInt32(commune)) << 32 | UInt64(UInt32(bitPattern: period.ordinal))
    }

    /// Adds `value` to the cell; `secret` makes the cell secret; a NaN `value` otherwise adds nothing.
    public mutating func add(_ value: Double, secret: Bool = false, commune: Int32, period: Period, indicator: Int) {
        precondition(period.frequency == frequency && indicator < 256 && commune < 1 << 24)
        let key = Self.key(commune, period, indicator)
        if secret { sums[key] = .nan; return }
        if value.isNaN { return }
        sums[key, default: 0] += value  // NaN (secret) stays NaN
    }

    /// Every cell, sorted by indicator, commune code and period.
    public func cells() -> [(commune: Int, indicator: Int, period: Period, value: Double, status: ObservationStatus)] {
        Array(sortedCells())
    }

    /// Every cell sorted by indicator, commune code and period, produced as read (no copy of the cells).
    func sortedCells() -> LazyMapSequence<[(UInt64, Double)], (commune: Int, indicator: Int, period: Period, value: Double, status: ObservationStatus)> {
        // Sort on the commune's rank by code instead of its position, then map back.
        let order = communes.indices.sorted { communes[$0] < communes[$1] }
        var rank = [UInt32](repeating: 0, count: communes.count)
        for (r, c) in order.enumerated() { rank[c] = UInt32(r) }
        var keyed: [(UInt64, Double)] = []
        keyed.reserveCapacity(sums.count)
        for (k, v) in sums {
            let c = Int((k >> 32) & 0xFF_FFFF)
            keyed.append((k & 0xFF00_0000_FFFF_FFFF | UInt64(rank[c]) << 32, v))
        }
        keyed.sort { $0.0 < $1.0 }
        let frequency = self.frequency
        return keyed.lazy.map { k, v in
            (order[Int((k >> 32) & 0xFF_FFFF)], Int(k >> 56), Period(frequency: frequency, ordinal: Int32(bitPattern: UInt32(k & 0xFFFF_FFFF))),
             v, v.isNaN ? ObservationStatus.secret : .ok)
        }
    }

    /// The sum held in a cell (NaN when secret), or nil when none (tests).
    public func value(commune: String, period: Period, indicator: String) -> Double? {
        guard let c = communeIndex[commune], let i = indicators.firstIndex(of: indicator) else { return nil }
        return sums[Self.key(c, period, i)]
    }
}

/// Commune codes as the published files write them, turned into the geography's codes.
public enum CommuneCodes {
    /// The code of the commune `raw` names: trimmed, zero-padded to 5 when numeric and short
    /// (`1001` → `01001`), and the municipal arrondissements of Paris (`75101`-`75120`),
    /// Lyon (`69381`-`69389`) and Marseille (`13201`-`13216`) turned into their commune
    /// (`75056`, `69123`, `13055`), since the geography has communes only. Nil when empty.
    public static func normalize(_ raw: String) -> String? {
        let code = raw.trimmingSpaces
        if code.isEmpty { return nil }
        guard code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return code }
        let padded = code.count < 5 ? String(repeating: "0", count: 5 - code.count) + code : code
        if let n = Int(padded), padded.count == 5 {
            if (75101...75120).contains(n) { return "75056" }
            if (69381...69389).contains(n) { return "69123" }
            if (13201...13216).contains(n) { return "13055" }
        }
        return padded
    }
}
