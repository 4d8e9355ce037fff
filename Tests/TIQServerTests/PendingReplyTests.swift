#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TIQWire
@testable import TIQServer

/// The exactly-one-reply promise and batch collection, on a real pipe.
@Suite struct PendingReplyTests {
    /// A pipe whose write end backs a `ProtocolOutput`; `lines()` reads what was written.
    final class Capture {
        let readFD: Int32
        let output: ProtocolOutput
        init() {
            var fds: [Int32] = [0, 0]
            _ = pipe(&fds)
            readFD = fds[0]
            output = ProtocolOutput(fd: fds[1])
            _ = fcntl(readFD, F_SETFL, fcntl(readFD, F_GETFL) | O_NONBLOCK)
        }
        func lines() -> [String] {
            var bytes: [UInt8] = []
            var buf = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buf.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                bytes += buf[0..<n]
            }
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        }
    }

    @Test func aReplyIsOneLine() {
        let c = Capture()
        let reply = PendingReply(id: RequestID(7), method: "status", destination: .line(c.output))
        reply.succeed(Array("{}".utf8))
        #expect(reply.hasReplied)
        #expect(c.lines() == [#"{"jsonrpc":"2.0","id":7,"result":{}}"#])
    }

    @Test func aPromiseDroppedWithoutReplyStillAnswersWithAnInternalError() throws {
        let c = Capture()
        do {
            _ = PendingReply(id: RequestID("lost"), method: "query", destination: .line(c.output))
        }
        let lines = c.lines()
        #expect(lines.count == 1)
        let v = try JSONParser.parse(lines.first ?? "")
        #expect(v["id"] == .string("lost"))
        #expect(v["error"]?["code"]?.intValue == -32603)
    }

    @Test func aBatchIsSentOnceAllItsRepliesArrived() throws {
        let c = Capture()
        let batch = BatchReply(count: 3, maxBytes: 1 << 20, output: c.output)
        let replies = (0..<3).map { PendingReply(id: RequestID($0), method: "status", destination: .batch(batch, index: $0)) }
        replies[2].succeed(Array("2".utf8))
        replies[0].fail(ResponseError(.invalidParams, "bad"))
        #expect(c.lines().isEmpty)
        replies[1].succeed(Array("1".utf8))
        let lines = c.lines()
        #expect(lines.count == 1)
        let items = try JSONParser.parse(lines[0]).arrayValue ?? []
        #expect(items.map { $0["id"]?.intValue } == [0, 1, 2])
        #expect(items[0]["error"]?["code"]?.intValue == -32602)
    }

    @Test func aBatchHoldsAtMostItsByteBoundAndAnswersTheRestWithShortErrors() throws {
        let c = Capture()
        // Each success line is {"jsonrpc":"2.0","id":N,"result":"xxx…"} with a 100-byte string.
        let big = Array(("\"" + String(repeating: "x", count: 100) + "\"").utf8)
        let batch = BatchReply(count: 5, maxBytes: 300, output: c.output)
        for i in 0..<5 {
            PendingReply(id: RequestID(i), method: "catalog", destination: .batch(batch, index: i)).succeed(big)
        }
        let lines = c.lines()
        #expect(lines.count == 1)
        let items = try JSONParser.parse(lines[0]).arrayValue ?? []
        #expect(items.map { $0["id"]?.intValue } == [0, 1, 2, 3, 4])
        // A success is 136 bytes: two fit under 300; each later one is replaced by the error.
        #expect(items.prefix(2).allSatisfy { $0["result"] != nil })
        #expect(items.dropFirst(2).allSatisfy { $0["error"]?["data"]?["reason"]?.stringValue == "batchTooLarge" })
    }
}
