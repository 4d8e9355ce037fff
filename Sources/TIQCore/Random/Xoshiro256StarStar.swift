/// The generator of every resampling in tiq: xoshiro256** (Blackman & Vigna, 2018), seeded
/// through SplitMix64.
///
/// The stream is defined bit for bit so that another implementation (the Python check in
/// Tests/TIQEngineTests/Inference/reference.py) reproduces it exactly:
/// - state: s0…s3 = the first four outputs of `SplitMix64(seed: seed)`;
/// - `next()`: `result = rotl(s1 &* 5, 7) &* 9`, then the xoshiro256 state update;
/// - `below(n)`: Lemire's multiply-shift with rejection, so every value in 0..<n is equally likely.
///
/// Same seed, same numbers on every machine: only 64-bit integer arithmetic, no platform randomness.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    // Visible to inlined code only: the resampling loops call `below` hundreds of millions of
    // times, so `next` and `below` are inlined into them across the module boundary.
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Creates a generator whose state is four SplitMix64 outputs from `seed`.
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    /// Creates a generator from a raw state (not all zero), for the published test vectors.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    /// The next 64 random bits.
    @inlinable public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// A uniform integer in `0..<n` (`n` > 0), unbiased (Lemire 2019: multiply, keep the high
    /// word, reject the low words below `2^64 mod n`).
    @inlinable public mutating func below(_ n: Int) -> Int {
        precondition(n > 0, "below(n) needs n > 0")
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    @inlinable static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
