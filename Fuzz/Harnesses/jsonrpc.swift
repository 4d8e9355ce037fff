import TIQWire

/// libFuzzer target `jsonrpc`: the daemon's reading path on arbitrary bytes.
///
/// The bytes go through `LineFramer` (split at an arbitrary point, as `read(2)` would deliver
/// them), every complete line through `JSONRPCDecoder`, and every parsed value back through
/// `JSONWriter` and the parser again: what the writer emits must parse. The same bytes, split
/// the same way, go through `ContentLengthFramer` (the framing of `tiq lsp`): no body is longer
/// than the limit, and nothing comes after the framing is lost.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONRPC(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    var framer = LineFramer(maxLineBytes: 2048)
    let lines = framer.append(bytes[..<split]) + framer.append(bytes[split...]) + framer.finish()
    let decoder = JSONRPCDecoder(maxDepth: 32)
    for case .line(let line) in lines {
        _ = decoder.decode(line)
        if let value = try? JSONParser.parse(line, maxDepth: 32) {
            var writer = JSONWriter()
            writer.value(value)
            guard (try? JSONParser.parse(writer.bytes, maxDepth: 64)) != nil else {
                fatalError("the writer's output does not parse: \(String(decoding: writer.bytes, as: UTF8.self))")
            }
        }
    }
    var lsp = ContentLengthFramer(maxBodyBytes: 2048)
    let frames = lsp.append(bytes[..<split]) + lsp.append(bytes[split...]) + lsp.finish()
    for (i, frame) in frames.enumerated() {
        switch frame {
        case .message(let body):
            if body.count > 2048 { fatalError("a body of \(body.count) bytes passed a limit of 2048") }
            _ = decoder.decode(body)
        case .oversize(let seen):
            if seen <= 2048 { fatalError("oversize reported for \(seen) bytes") }
        case .broken:
            if i != frames.count - 1 { fatalError("frames after the framing was lost") }
        }
    }
    return 0
}
