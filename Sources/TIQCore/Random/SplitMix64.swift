/// A small, fast, deterministic pseudo-random generator (Steele, Lea & Flood's SplitMix64).
///
/// It lives in TIQCore so that the synthetic data (TIQData) and the seeding of the inference
/// generator (`Xoshiro256StarStar`, TIQEngine) share one implementation.
///
/// The demo and the generator never use system randomness: the same seed gives the same
/// dataset on every machine and every run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// Creates a generator for one stream, keyed by a seed and labels (an indicator code, a
    /// territory code): streams are independent of the order in which they are drawn.
    public init(seed: UInt64, _ labels: String...) {
        var h = seed ^ 0x9E37_79B9_7F4A_7C15
        for label in labels { h = SplitMix64.mix(SplitMix64.hash(label) ^ h) }
        state = h
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform double in `range`.
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    /// An approximately normal draw, cheap and bounded: the sum of two uniforms taken from the
    /// two halves of one 64-bit draw (a triangular distribution), rescaled to `deviation`.
    public mutating func normal(mean: Double = 0, deviation: Double = 1) -> Double {
        let bits = next()
        let s = Double(bits >> 32) * 0x1.0p-32 + Double(bits & 0xFFFF_FFFF) * 0x1.0p-32 - 1
        return mean + deviation * s * 2.449489742783178
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// The SplitMix64 finaliser: a bijective scramble of 64 bits.
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a over the UTF-8 bytes of `text`.
    public static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }
}
