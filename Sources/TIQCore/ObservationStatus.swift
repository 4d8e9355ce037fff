/// What is known about one cell of a series beyond its value.
///
/// The first three are kinds of absence (the value is NaN); the others qualify a present
/// value. Absence is never zero: tiq carries the reason a value is missing to the answer.
public enum ObservationStatus: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A present value with nothing to say about it.
    case ok = 0
    /// Absent: not collected, or not yet published.
    case missing = 1
    /// Absent: statistical confidentiality (SDMX `CONF_STATUS = C`).
    case secret = 2
    /// Absent: not applicable (a territory that did not exist then).
    case notApplicable = 3
    /// Absent: the result of an undefined operation (a division by zero, a growth from 0).
    case undefined = 4
    /// Present, estimated by the producer.
    case estimated = 5
    /// Present, provisional.
    case provisional = 6
    /// Present, and the series breaks here: earlier values are not comparable.
    case breakHere = 7
    /// Present, filled in by `fill` or `coalesce`.
    case imputed = 8
    /// Present, an aggregate with skipped members (`missing = skip`).
    case partial = 9
    /// Present, an approximate roll-up (fractional memberships, a weighted mean of medians).
    case approx = 10

    /// Whether this status marks an absent value.
    public var isAbsence: Bool { rawValue >= 1 && rawValue <= 4 }

    /// The name used in files and on the wire: `ok`, `missing`, `secret`, `na`, `undefined`,
    /// `estimated`, `provisional`, `break`, `imputed`, `partial`, `approx`.
    public var description: String {
        switch self {
        case .ok: "ok"
        case .missing: "missing"
        case .secret: "secret"
        case .notApplicable: "na"
        case .undefined: "undefined"
        case .estimated: "estimated"
        case .provisional: "provisional"
        case .breakHere: "break"
        case .imputed: "imputed"
        case .partial: "partial"
        case .approx: "approx"
        }
    }

    /// Reads a status name as written in `observations.csv`; also accepts the SDMX letters
    /// `A` (ok), `C` (secret), `M` (missing), `E` (estimated), `P` (provisional), `B` (break).
    public init?(name: some StringProtocol) {
        switch name.lowercased() {
        case "", "ok", "a": self = .ok
        case "missing", "m": self = .missing
        case "secret", "c", "confidential": self = .secret
        case "na", "n/a", "not_applicable": self = .notApplicable
        case "undefined": self = .undefined
        case "estimated", "e": self = .estimated
        case "provisional", "p": self = .provisional
        case "break", "b": self = .breakHere
        case "imputed": self = .imputed
        case "partial": self = .partial
        case "approx": self = .approx
        default: return nil
        }
    }

    /// How strongly a qualifier of a present value must survive a combination: the higher
    /// rank wins. `partial` (members skipped: the value may be biased) > `imputed` (a filled-in
    /// value went in) > `break` (the series breaks here) > `approx` (split memberships, a mean
    /// of rates) > `provisional` > `estimated` > `ok`. Absences rank above every qualifier.
    public var qualifierRank: Int {
        switch self {
        case .ok: 0
        case .estimated: 1
        case .provisional: 2
        case .approx: 3
        case .breakHere: 4
        case .imputed: 5
        case .partial: 6
        case .missing, .secret, .notApplicable, .undefined: 7
        }
    }

    /// Combines the qualifiers of two present values that went into one result (a sum, a
    /// product, a roll-up): the one of higher `qualifierRank`, so that no qualifier is dropped
    /// silently in favour of a weaker one. `ok` with `ok` is `ok`.
    @inline(__always)
    public static func combineQualifiers(_ a: ObservationStatus, _ b: ObservationStatus) -> ObservationStatus {
        a.qualifierRank >= b.qualifierRank ? a : b
    }

    /// Combines the absences of two operands: secret wins over the rest, then `na`, then `missing`.
    public static func combineAbsence(_ a: ObservationStatus, _ b: ObservationStatus) -> ObservationStatus {
        if a == .secret || b == .secret { return .secret }
        if a == .undefined || b == .undefined { return .undefined }
        if a == .notApplicable || b == .notApplicable { return .notApplicable }
        return .missing
    }
}
