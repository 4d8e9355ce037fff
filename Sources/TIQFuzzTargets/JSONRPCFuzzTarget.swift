import TIQWire

/// Target `jsonrpc`: the daemon's and the language server's reading paths on arbitrary bytes.
///
/// The bytes go through `LineFramer` (split at a point the first byte picks, as `read(2)` would
/// deliver them), every complete line through `JSONRPCDecoder`, and every parsed value back
/// through `JSONWriter` and the parser again: what the writer emits must parse. The same bytes,
/// split the same way, go through `ContentLengthFramer` (the framing of `tiq lsp`): no body is
/// longer than the limit, and nothing comes after the framing is lost.
public struct JSONRPCFuzzTarget: FuzzTarget {
    /// The line and body limit the framers get.
    public static let maxBytes = 2048

    /// A target; it holds no state.
    public init() {}

    public func run(_ bytes: [UInt8]) -> [String] {
        var violations: [String] = []
        let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
        var framer = LineFramer(maxLineBytes: Self.maxBytes)
        let lines = framer.append(bytes[..<split]) + framer.append(bytes[split...]) + framer.finish()
        let decoder = JSONRPCDecoder(maxDepth: 32)
        for case .line(let line) in lines {
            _ = decoder.decode(line)
            if let value = try? JSONParser.parse(line, maxDepth: 32) {
                var writer = JSONWriter()
                writer.value(value)
                if (try? JSONParser.parse(writer.bytes, maxDepth: 64)) == nil {
                    violations.append("the writer's output does not parse: \(String(decoding: writer.bytes, as: UTF8.self))")
                }
            }
        }
        var lsp = ContentLengthFramer(maxBodyBytes: Self.maxBytes)
        let frames = lsp.append(bytes[..<split]) + lsp.append(bytes[split...]) + lsp.finish()
        for (i, frame) in frames.enumerated() {
            switch frame {
            case .message(let body):
                if body.count > Self.maxBytes { violations.append("a body of \(body.count) bytes passed a limit of \(Self.maxBytes)") }
                _ = decoder.decode(body)
            case .oversize(let seen):
                if seen <= Self.maxBytes { violations.append("oversize reported for \(seen) bytes") }
            case .broken:
                if i != frames.count - 1 { violations.append("frames after the framing was lost") }
            }
        }
        return violations
    }
}
