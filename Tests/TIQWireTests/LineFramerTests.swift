import Testing
@testable import TIQWire

@Suite struct LineFramerTests {
    static let stream = Array("{\"a\":1}\n\r\n{\"b\":2}\r\n\n{\"c\":\"é\"}\n".utf8)
    static let expected: [LineFramer.Line] = [
        .line(Array("{\"a\":1}".utf8)), .line(Array("{\"b\":2}".utf8)), .line(Array("{\"c\":\"é\"}".utf8)),
    ]

    @Test func allInOneChunk() {
        var f = LineFramer()
        #expect(f.append(Self.stream) == Self.expected)
        #expect(f.pendingByteCount == 0)
    }

    @Test func byteByByte() {
        var f = LineFramer()
        var out: [LineFramer.Line] = []
        for b in Self.stream { out += f.append([b]) }
        #expect(out == Self.expected)
    }

    @Test(arguments: 1..<30) func splitAtEveryPoint(cut: Int) {
        var f = LineFramer()
        let out = f.append(Self.stream[..<cut]) + f.append(Self.stream[cut...])
        #expect(out == Self.expected)
    }

    @Test func unterminatedLastLineComesOutAtFinish() {
        var f = LineFramer()
        #expect(f.append(Array("{\"x\":1}\n{\"y\"".utf8)) == [.line(Array("{\"x\":1}".utf8))])
        #expect(f.append(Array(":2}".utf8)) == [])
        #expect(f.finish() == [.line(Array("{\"y\":2}".utf8))])
        #expect(f.finish() == [])
    }

    @Test func oversizeLineIsReportedOnceAndSkipped() {
        var f = LineFramer(maxLineBytes: 10)
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 25)
        var out: [LineFramer.Line] = []
        // Drip-fed in chunks of 3 so the framer sees the line grow past the limit.
        let stream = Array("ok\n".utf8) + long + Array("\nafter\n".utf8)
        var i = 0
        while i < stream.count {
            out += f.append(stream[i..<min(i + 3, stream.count)])
            i += 3
        }
        #expect(out.count == 3)
        #expect(out.first == .line(Array("ok".utf8)))
        if case .oversize(let seen) = out[1] { #expect(seen > 10) } else { Issue.record("expected oversize, got \(out[1])") }
        #expect(out.last == .line(Array("after".utf8)))
        #expect(f.pendingByteCount == 0)
    }

    @Test func oversizeDoesNotBufferTheLine() {
        var f = LineFramer(maxLineBytes: 100)
        _ = f.append([UInt8](repeating: 0x41, count: 50))
        let events = f.append([UInt8](repeating: 0x41, count: 1_000_000))
        #expect(events.count == 1)
        #expect(f.pendingByteCount == 0)
        #expect(f.append([UInt8](repeating: 0x41, count: 1_000_000)) == [])
        #expect(f.append(Array("\n1\n".utf8)) == [.line([0x31])])
    }

    @Test func lineExactlyAtLimitWithCRLFIsAccepted() {
        var f = LineFramer(maxLineBytes: 4)
        #expect(f.append(Array("abcd\r\nabcde\n".utf8)) == [.line(Array("abcd".utf8)), .oversize(bytesSeen: 5)])
    }
}
