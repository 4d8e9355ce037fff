import TIQWire

/// libFuzzer target `jsonrpc`: the daemon's reading path on arbitrary bytes.
///
/// The bytes go through `LineFramer` (split at an arbitrary point, as `read(2)` would deliver
/// them), every complete line through `JSONRPCDecoder`, and every parsed value back through
/// `JSONWriter` and the parser again: what the writer emits must parse.
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
    return 0
}
