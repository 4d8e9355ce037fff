import Foundation
import TIQTestSupport

/// The built `tiq` and a way to run it to completion, for end-to-end tests of the commands.
enum CLI {
    /// The package root.
    static let packageRoot = BuiltProduct.packageRoot

    /// The `tiq` built with the tests (`TIQ_BINARY` overrides it).
    static let tiq = BuiltProduct.tiq

    /// What a finished run left.
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// stdout as bytes, for binary formats (xlsx).
        var stdoutBytes: Data = Data()
    }

    /// Runs `tiq arguments…` with `stdin` as input (files, not pipes, so nothing can deadlock).
    static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> Output {
        try launch(tiq, arguments, in: packageRoot, stdin: stdin, environment: environment)
    }

    /// Runs `script` with `/bin/sh -c` in `directory`, the built `tiq` first on the PATH.
    static func shell(_ script: String, in directory: String) throws -> Output {
        let path = URL(fileURLWithPath: tiq).deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try launch("/bin/sh", ["-c", script], in: directory, stdin: "", environment: ["PATH": path])
    }

    /// Runs `executable arguments…` in `directory` to completion, its output collected in files.
    private static func launch(_ executable: String, _ arguments: [String], in directory: String, stdin: String,
                               environment: [String: String]) throws -> Output {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-cli-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        try Data(stdin.utf8).write(to: input)
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["XDG_STATE_HOME"] = dir.path
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        let bytes = try Data(contentsOf: out)
        return Output(status: process.terminationStatus, stdout: String(decoding: bytes, as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self), stdoutBytes: bytes)
    }
}
