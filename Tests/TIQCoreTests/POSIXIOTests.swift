import Foundation
import Testing
@testable import TIQCore
#if canImport(Glibc)
import Glibc
#endif

/// POSIXIO is the one place that retries interrupted system calls, and its calls do what they say.
@Suite struct POSIXIOTests {
    /// The errno name of an interrupted call, spelled so that this file does not mention it.
    static let interrupted = "EIN" + "TR"

    @Test func noRetryLoopOutsidePOSIXIO() throws {
        let files = RepositoryFiles.files(under: "Sources", endingWith: ".swift")
            + RepositoryFiles.files(under: "Tests", endingWith: ".swift")
        #expect(files.contains("Sources/TIQCore/POSIXIO.swift"), "the walk must see the sources")
        var offenders: [String] = []
        for path in files where path != "Sources/TIQCore/POSIXIO.swift" {
            let text = try RepositoryFiles.text(path)
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(Self.interrupted) {
                offenders.append("\(path):\(i + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(offenders.isEmpty, "retry interrupted calls with POSIXIO (Sources/TIQCore/POSIXIO.swift), not by hand:\n\(offenders.joined(separator: "\n"))")
    }

    @Test func readFullyReadsEverythingAcrossSmallPipeWrites() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let writer = Thread {
            // Many small writes: the reader sees short reads and must go on.
            var at = 0
            while at < bytes.count {
                let end = min(bytes.count, at + 777)
                bytes[at..<end].withUnsafeBytes { _ = POSIXIO.writeAll(writeEnd, $0) }
                at = end
            }
            close(writeEnd)
        }
        writer.start()
        var got = [UInt8](repeating: 0, count: bytes.count + 10)
        let n = got.withUnsafeMutableBytes { POSIXIO.readFully(readEnd, into: $0) }
        close(readEnd)
        #expect(n == bytes.count)
        #expect(Array(got[0..<bytes.count]) == bytes)
    }

    @Test func pollTimesOutWithNothingToRead() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        var p = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
        #expect(POSIXIO.poll(&p, timeoutMs: 1) == 0)
        POSIXIO.writeAll(fds[1], [42])
        #expect(POSIXIO.poll(&p, timeoutMs: -1) == 1)
    }

    @Test func writevWritesEveryVector() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let a: [UInt8] = [1, 2, 3], b: [UInt8] = [4, 5]
        let n = a.withUnsafeBytes { ra in
            b.withUnsafeBytes { rb in
                let v = [iovec(iov_base: UnsafeMutableRawPointer(mutating: ra.baseAddress), iov_len: 3),
                         iovec(iov_base: UnsafeMutableRawPointer(mutating: rb.baseAddress), iov_len: 2)]
                return v.withUnsafeBufferPointer { POSIXIO.writev(fds[1], $0) }
            }
        }
        close(fds[1])
        #expect(n == 5)
        #expect(POSIXIO.readToEnd(fds[0]) == [1, 2, 3, 4, 5])
    }
}
