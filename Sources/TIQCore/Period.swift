/// How often an indicator is observed. Periods of different frequencies never mix on one axis.
public enum Frequency: UInt8, Sendable, Hashable, Comparable, CaseIterable {
    /// One value per year: `2018`.
    case annual
    /// One value per half-year: `2018-S1`.
    case semester
    /// One value per quarter: `2018-Q3`.
    case quarter
    /// One value per month: `2018-07`.
    case monthly

    /// Periods in one year at this frequency.
    public var periodsPerYear: Int32 {
        switch self {
        case .annual: 1
        case .semester: 2
        case .quarter: 4
        case .monthly: 12
        }
    }

    /// The SDMX frequency letter: `A`, `S`, `Q`, `M`.
    public var letter: String {
        switch self {
        case .annual: "A"
        case .semester: "S"
        case .quarter: "Q"
        case .monthly: "M"
        }
    }

    /// Reads an SDMX frequency letter (`A`, `S`, `Q`, `M`, case-insensitive).
    public init?(letter: String) {
        switch letter.uppercased() {
        case "A", "Y": self = .annual
        case "S": self = .semester
        case "Q": self = .quarter
        case "M": self = .monthly
        default: return nil
        }
    }

    public static func < (lhs: Frequency, rhs: Frequency) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One SDMX `TIME_PERIOD`: a year, a half-year, a quarter or a month.
///
/// Stored as a frequency and an ordinal (`year * periodsPerYear + index`), so consecutive
/// periods of one frequency differ by one and period arithmetic is integer arithmetic.
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The frequency this period belongs to.
    public let frequency: Frequency
    /// `year * periodsPerYear + (subperiod - 1)`.
    public let ordinal: Int32

    /// Creates a period from its frequency and ordinal.
    public init(frequency: Frequency, ordinal: Int32) {
        self.frequency = frequency
        self.ordinal = ordinal
    }

    /// Creates a period from a year and a 1-based sub-period (half, quarter or month).
    public init(year: Int32, frequency: Frequency = .annual, subperiod: Int32 = 1) {
        self.frequency = frequency
        self.ordinal = year * frequency.periodsPerYear + (subperiod - 1)
    }

    /// The calendar year.
    public var year: Int32 {
        let n = frequency.periodsPerYear
        return ordinal >= 0 ? ordinal / n : (ordinal - n + 1) / n
    }

    /// The 1-based half, quarter or month within the year; 1 for annual periods.
    public var subperiod: Int32 { ordinal - year * frequency.periodsPerYear + 1 }

    /// The period `n` steps later (earlier when negative) at the same frequency.
    public func advanced(by n: Int32) -> Period { Period(frequency: frequency, ordinal: ordinal + n) }

    /// The same sub-period one year before: the base of a year-on-year rate.
    public var yearBefore: Period { advanced(by: -frequency.periodsPerYear) }

    /// Years from `self` to `other`, fractional for sub-annual periods.
    public func years(to other: Period) -> Double {
        Double(other.ordinal - ordinal) / Double(frequency.periodsPerYear)
    }

    /// The SDMX text: `2018`, `2018-S1`, `2018-Q3`, `2018-07`.
    public var description: String {
        let y = String(year)
        switch frequency {
        case .annual: return y
        case .semester: return "\(y)-S\(subperiod)"
        case .quarter: return "\(y)-Q\(subperiod)"
        case .monthly: return subperiod < 10 ? "\(y)-0\(subperiod)" : "\(y)-\(subperiod)"
        }
    }

    /// Parses an SDMX period (`2018`, `2018-S1`, `2018-Q3`, `2018-07`, also `2018-M07`), or a
    /// calendar date `2018-07-31`, read as its month. Returns nil for anything else.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Int32? {
            guard r.upperBound <= bytes.count, !r.isEmpty else { return nil }
            var v: Int32 = 0
            for i in r {
                let b = bytes[i]
                guard b >= 48 && b <= 57 else { return nil }
                v = v * 10 + Int32(b - 48)
            }
            return v
        }
        guard bytes.count >= 4, let year = digits(0..<4) else { return nil }
        if bytes.count == 4 { self.init(year: year); return }
        guard bytes[4] == UInt8(ascii: "-"), bytes.count >= 6 else { return nil }
        let tag = bytes[5]
        switch tag {
        case UInt8(ascii: "Q"), UInt8(ascii: "q"):
            guard bytes.count == 7, let q = digits(6..<7), (1...4).contains(q) else { return nil }
            self.init(year: year, frequency: .quarter, subperiod: q)
        case UInt8(ascii: "S"), UInt8(ascii: "s"), UInt8(ascii: "H"), UInt8(ascii: "h"):
            guard bytes.count == 7, let s = digits(6..<7), (1...2).contains(s) else { return nil }
            self.init(year: year, frequency: .semester, subperiod: s)
        case UInt8(ascii: "M"), UInt8(ascii: "m"):
            guard bytes.count == 8, let m = digits(6..<8), (1...12).contains(m) else { return nil }
            self.init(year: year, frequency: .monthly, subperiod: m)
        default:
            guard let m = digits(5..<7), (1...12).contains(m) else { return nil }
            if bytes.count == 7 {
                self.init(year: year, frequency: .monthly, subperiod: m)
            } else if bytes.count == 10, bytes[7] == UInt8(ascii: "-"), let d = digits(8..<10), (1...31).contains(d) {
                self.init(year: year, frequency: .monthly, subperiod: m)
            } else {
                return nil
            }
        }
    }

    /// Orders periods of one frequency in time; across frequencies, by frequency first.
    public static func < (lhs: Period, rhs: Period) -> Bool {
        lhs.frequency == rhs.frequency ? lhs.ordinal < rhs.ordinal : lhs.frequency < rhs.frequency
    }
}

/// A contiguous, inclusive run of periods of one frequency: the time axis of a column.
public struct PeriodAxis: Sendable, Hashable {
    /// The frequency of every period on the axis.
    public let frequency: Frequency
    /// The ordinal of the first period.
    public let start: Int32
    /// How many periods the axis holds.
    public let count: Int

    /// Creates an axis of `count` periods starting at `start`.
    public init(frequency: Frequency, start: Int32, count: Int) {
        self.frequency = frequency
        self.start = start
        self.count = count
    }

    /// Creates the axis running from `first` to `last` inclusive; nil if they differ in frequency or run backwards.
    public init?(from first: Period, through last: Period) {
        guard first.frequency == last.frequency, first.ordinal <= last.ordinal else { return nil }
        self.init(frequency: first.frequency, start: first.ordinal, count: Int(last.ordinal - first.ordinal) + 1)
    }

    /// The period at position `i`.
    public subscript(i: Int) -> Period { Period(frequency: frequency, ordinal: start + Int32(i)) }

    /// The position of `p` on this axis, or nil when it is off the axis or of another frequency.
    public func index(of p: Period) -> Int? {
        guard p.frequency == frequency else { return nil }
        let i = Int(p.ordinal) - Int(start)  // in Int: two Int32 ordinals far apart would overflow
        return i >= 0 && i < count ? i : nil
    }

    /// Every period on the axis, in order.
    public var periods: [Period] { (0..<count).map { self[$0] } }

    /// The first period, if any.
    public var first: Period? { count > 0 ? self[0] : nil }
    /// The last period, if any.
    public var last: Period? { count > 0 ? self[count - 1] : nil }
}
