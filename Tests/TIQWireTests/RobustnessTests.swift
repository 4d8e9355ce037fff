import Testing
@testable import TIQWire

/// No input crashes the wire: random bytes and mutations of valid messages either parse or
/// are refused with an error.
@Suite struct RobustnessTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let seed = Array(#"[{"jsonrpc":"2.0","id":"a\u00e9","method":"query","params":{"q":"from x | where y > -1.5e3","limit":[true,false,null]}},{"jsonrpc":"2.0","method":"n"}]"#.utf8)

    @Test func mutatedMessagesNeverCrash() {
        var rng = SplitMix(state: 42)
        let decoder = JSONRPCDecoder(maxDepth: 8)
        var refused = 0
        for _ in 0..<5000 {
            var bytes = Self.seed
            for _ in 0..<(1 + rng.below(4)) {
                let i = rng.below(bytes.count)
                switch rng.below(3) {
                case 0: bytes[i] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.remove(at: i)
                default: bytes.insert(Self.seed[rng.below(Self.seed.count)], at: i)
                }
                if bytes.isEmpty { bytes = [0x20] }
            }
            if case .single(.invalid(_, let e)) = decoder.decode(bytes), e.code == .parseError { refused += 1 }
            // A value that parses must survive a write and a re-parse unchanged.
            if let v = try? JSONParser.parse(bytes) {
                #expect((try? JSONParser.parse(v.jsonBytes)) == v)
            }
        }
        // Most mutations break the syntax; if none did, the mutator is not mutating.
        #expect(refused > 1000)
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix(state: 7)
        var framer = LineFramer(maxLineBytes: 64)
        let decoder = JSONRPCDecoder()
        for _ in 0..<2000 {
            let bytes = (0..<rng.below(100)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = try? JSONParser.parse(bytes)
            for case .line(let l) in framer.append(bytes) {
                #expect(l.count <= 64)
                _ = decoder.decode(l)
            }
        }
    }
}
