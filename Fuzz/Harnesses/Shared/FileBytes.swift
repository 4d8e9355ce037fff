#if canImport(Glibc)
import Glibc
#endif

// File helpers shared by the harnesses (run.sh compiles this file into every target).

/// The bytes of the file at `path`, or nil when it cannot be read.
func readFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { return n == 0 ? out : nil }
        out += buffer[0..<n]
    }
}

/// Replaces the file at `path` with `bytes`; stops the fuzzer when it cannot (the harness's
/// setup is broken, not the code under test).
func writeFile(_ path: String, _ bytes: some Collection<UInt8>) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { fatalError("cannot write \(path)") }
    defer { close(fd) }
    Array(bytes).withUnsafeBytes { p in
        var offset = 0
        while offset < p.count {
            let n = write(fd, p.baseAddress! + offset, p.count - offset)
            if n <= 0 { fatalError("write to \(path) failed") }
            offset += n
        }
    }
}
