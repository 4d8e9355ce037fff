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
    /// The communes seen, in order of first appearance.
    public private(set) var communes: [String] = []
    private var communeIndex: [String: Int32] = [:]
    /// (commune, period, indicator) → sum; NaN marks a secret cell.
    private var sums: [Key: Double] = [:]

    struct Key: Hashable, Sendable {
        var commune: Int32
        var period: Period
        var indicator: UInt8
    }

    /// Starts empty, for the indicators `indicators`.
    public init(indicators: [String]) { self.indicators = indicators }

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

    /// Adds `value` to the cell; a NaN `value` with `secret` makes the cell secret; NaN otherwise adds nothing.
    public mutating func add(_ value: Double, secret: Bool = false, commune: Int32, period: Period, indicator: Int) {
        let key = Key(commune: commune, period: period, indicator: UInt8(indicator))
        if secret { sums[key] = .nan; return }
        if value.isNaN { return }
        sums[key, default: 0] += value  // NaN (secret) stays NaN
    }

    /// Every cell, sorted by indicator, commune code and period.
    public func cells() -> [(commune: Int, indicator: Int, period: Period, value: Double, status: ObservationStatus)] {
        sums.map { (Int($0.key.commune), Int($0.key.indicator), $0.key.period, $0.value, $0.value.isNaN ? ObservationStatus.secret : .ok) }
            .sorted { a, b in
                if a.1 != b.1 { return a.1 < b.1 }
                if a.0 != b.0 { return communes[a.0] < communes[b.0] }
                return a.2 < b.2
            }
    }

    /// The sum held in a cell (NaN when secret), or nil when none (tests).
    public func value(commune: String, period: Period, indicator: String) -> Double? {
        guard let c = communeIndex[commune], let i = indicators.firstIndex(of: indicator) else { return nil }
        return sums[Key(commune: c, period: period, indicator: UInt8(i))]
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
