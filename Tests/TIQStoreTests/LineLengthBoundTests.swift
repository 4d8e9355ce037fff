import Testing
@testable import TIQStore

/// `LineLengthBound` against lines measured by splitting the whole text, whatever the chunking.
@Suite struct LineLengthBoundTests {
    /// The 1-based number of the first line longer than `maximum`, by splitting the text.
    static func firstLongLine(_ bytes: [UInt8], maximum: Int) -> Int? {
        bytes.split(separator: 10, omittingEmptySubsequences: false).firstIndex { $0.count > maximum }.map { $0 + 1 }
    }

    @Test(arguments: [1, 3, 7, 64])
    func theFirstLongLineIsFoundAcrossChunkBoundaries(chunk: Int) {
        let maximum = 10
        let texts = ["short\nexactly-10\nnext\n", "a\nbb\neleven-long\n", "\n\n\nno-newline-at-all-here", "0123456789\n0123456789"]
        for text in texts {
            let bytes = Array(text.utf8)
            var bound = LineLengthBound(maximum: maximum)
            var reason: String?
            var at = 0
            while at < bytes.count, reason == nil {
                let end = min(at + chunk, bytes.count)
                reason = bytes[at..<end].withUnsafeBytes { bound.scan($0) }
                at = end
            }
            let expected = Self.firstLongLine(bytes, maximum: maximum)
            #expect((reason == nil) == (expected == nil), "\(text): \(reason ?? "accepted")")
            if let expected { #expect(reason?.hasPrefix("line \(expected) is longer than 10 bytes") == true, "\(reason ?? "")") }
        }
    }
}
