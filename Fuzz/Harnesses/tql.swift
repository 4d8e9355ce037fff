#if canImport(Glibc)
import Glibc
#endif
import TIQEngine
import TIQLanguage
import TIQStore

/// The snapshot every input is checked against: the daemon tests' mini fixture, loaded once.
/// `run.sh` names it in `TIQ_FUZZ_DATASET`.
private let fuzzEngine: Engine = {
    guard let path = getenvString("TIQ_FUZZ_DATASET") else {
        fatalError("set TIQ_FUZZ_DATASET to a dataset directory (Fuzz/run.sh does)")
    }
    do {
        return Engine(snapshot: try DatasetLoader.loadSnapshot(directory: path, id: 1))
    } catch {
        fatalError("cannot load \(path): \(error)")
    }
}()

private func getenvString(_ name: String) -> String? {
    guard let p = getenv(name) else { return nil }
    return String(cString: p)
}

/// libFuzzer target `tql`: the parser, the checker, completion and hover on arbitrary text.
///
/// The bytes are decoded as UTF-8 (invalid sequences become U+FFFD, as the daemon's JSON layer
/// would never deliver them otherwise); the first byte also picks a cursor, and its low bit
/// whether that cursor goes to completion or to hover (each parses the text again: running
/// one of them per input keeps the executions per second up without losing either).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTQL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    let parsed = TQLParser.parse(text)
    if let query = parsed.query {
        _ = ASTPrinter.print(query)
    }
    _ = fuzzEngine.check(text)
    let utf8Count = text.utf8.count
    let cursor = bytes.isEmpty ? 0 : Int(bytes[0]) % (utf8Count + 1)
    if bytes.first.map({ $0 & 1 == 0 }) ?? true {
        _ = fuzzEngine.complete(text, cursor: cursor)
    } else {
        _ = fuzzEngine.hover(text, cursor: cursor)
    }
    return 0
}
