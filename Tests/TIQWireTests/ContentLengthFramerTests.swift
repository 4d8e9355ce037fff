import Testing
@testable import TIQWire

/// The `Content-Length` framing of `tiq lsp`, drip-fed like the line framer: the expected bodies
/// are the texts the stream was built from.
@Suite struct ContentLengthFramerTests {
    static let first = #"{"id":1,"é":"𝔸"}"#
    static let second = "{}"
    /// Any header case, an extra header, LF-only header lines, and a blank line between messages.
    static let stream = Array(("Content-Length: \(first.utf8.count)\r\n\r\n\(first)"
        + "\r\ncontent-type: application/vscode-jsonrpc\ncontent-length: \(second.utf8.count)\n\n\(second)").utf8)
    static let expected: [Frame] = [.message(Array(first.utf8)), .message(Array(second.utf8))]

    @Test func allInOneChunk() {
        var f = ContentLengthFramer()
        #expect(f.append(Self.stream) == Self.expected)
        #expect(f.finish() == [])
    }

    @Test func byteByByte() {
        var f = ContentLengthFramer()
        var out: [Frame] = []
        for b in Self.stream { out += f.append([b]) }
        #expect(out == Self.expected)
        #expect(f.finish() == [])
    }

    @Test(arguments: 1..<60) func splitAtEveryPoint(cut: Int) {
        var f = ContentLengthFramer()
        let out = f.append(Self.stream[..<cut]) + f.append(Self.stream[cut...])
        #expect(out == Self.expected)
    }

    @Test func aTruncatedBodyBreaksTheStreamAtFinish() {
        var f = ContentLengthFramer()
        #expect(f.append(Array("Content-Length: 10\r\n\r\n{}".utf8)) == [])
        #expect(f.finish() == [.broken("input ended after 2 of 10 body bytes")])
    }

    @Test func inputEndingInsideAHeaderBreaksTheStream() {
        var f = ContentLengthFramer()
        #expect(f.append(Array("Content-Length: 3\r\n".utf8)) == [])
        guard case .broken(let reason)? = f.finish().first else {
            Issue.record("expected .broken")
            return
        }
        #expect(reason.contains("inside a message header"))
    }

    @Test func aHeaderWithoutColonBreaksTheStreamAndNothingFollows() {
        var f = ContentLengthFramer()
        let out = f.append(Array("garbage\r\n\r\nContent-Length: 2\r\n\r\n{}".utf8))
        #expect(out.count == 1)
        guard case .broken(let reason)? = out.first else {
            Issue.record("expected .broken, got \(out)")
            return
        }
        #expect(reason.contains("garbage"))
        #expect(f.append(Array("Content-Length: 2\r\n\r\n{}".utf8)) == [])
    }

    @Test func aLengthThatIsNotANumberBreaksTheStream() {
        var f = ContentLengthFramer()
        let out = f.append(Array("Content-Length: -5\r\n\r\n".utf8))
        guard case .broken? = out.first else {
            Issue.record("expected .broken, got \(out)")
            return
        }
    }

    @Test func anOversizeBodyIsSkippedAndTheNextMessageIsRead() {
        var f = ContentLengthFramer(maxBodyBytes: 4)
        let long = String(repeating: "x", count: 9)
        let out = f.append(Array("Content-Length: 9\r\n\r\n\(long)Content-Length: 2\r\n\r\n{}".utf8))
        #expect(out == [.oversize(bytesSeen: 9), .message(Array("{}".utf8))])
    }

    @Test func anEndlessHeaderBreaksTheStreamWithoutGrowing() {
        var f = ContentLengthFramer()
        let junk = [UInt8](repeating: UInt8(ascii: "a"), count: ContentLengthFramer.maxHeaderBytes + 10)
        let out = f.append(junk)
        guard case .broken? = out.first else {
            Issue.record("expected .broken, got \(out.count) frames")
            return
        }
    }

    @Test func aZeroLengthBodyIsAnEmptyMessage() {
        var f = ContentLengthFramer()
        #expect(f.append(Array("Content-Length: 0\r\n\r\n".utf8)) == [.message([])])
    }

    @Test func theWriterFramesWhatTheFramerReads() {
        var out: [UInt8] = []
        MessageFraming.contentLength.append(Array(Self.first.utf8), to: &out)
        MessageFraming.contentLength.append(Array(Self.second.utf8), to: &out)
        var f = ContentLengthFramer()
        #expect(f.append(out) == Self.expected)
        var lines: [UInt8] = []
        MessageFraming.newline.append(Array(Self.first.utf8), to: &lines)
        var framer = MessageFraming.newline.makeFramer(maxMessageBytes: 100)
        #expect(lines.withUnsafeBufferPointer { framer.append(bytes: $0) } == [.message(Array(Self.first.utf8))])
    }
}
