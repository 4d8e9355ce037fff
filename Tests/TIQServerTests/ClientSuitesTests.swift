import Foundation
import Testing
import TIQTestSupport

/// The Python suites of the notebook client and of `tiq lsp` run inside `swift test`, against
/// the `tiq` built with the tests, so the one test command covers them too.
///
/// The client suite needs python3 and pytest (its pandas and Jupyter-kernel tests skip without
/// pandas, ipykernel and jupyter_client), run by the interpreter named by `TIQ_CLIENT_PYTHON`
/// (`.ci/run` makes a venv with all of them) or python3; the LSP suite needs pytest-lsp, found
/// in the interpreter named by `TIQ_LSP_PYTHON` (`.ci/run` makes a venv for it) or in python3.
/// Each skips, saying why, when its interpreter lacks what it needs, except under
/// `TIQ_SUITES_NO_SKIP=1` (`.ci/run` sets it after installing everything): there a suite that
/// skips any of its tests fails, so CI cannot silently lose the kernel or pandas tests.
@Suite(.serialized) struct ClientSuitesTests {
    static func python(_ interpreter: String, has module: String) -> Bool {
        run(interpreter, ["-c", "import \(module)"]).status == 0
    }

    static let lspPython: String = ProcessInfo.processInfo.environment["TIQ_LSP_PYTHON"] ?? "python3"
    static let skipsForbidden = RequiredInCI.isOn

    /// pytest's `-q` summary line counts skipped tests as "N skipped".
    static func expectNoSkips(_ output: String, suite: String) {
        guard skipsForbidden else { return }
        #expect(!output.contains(" skipped"), "\(suite) skipped tests although TIQ_SUITES_NO_SKIP=1 (run with -rs to see why):\n\(output)")
    }

    static let clientPython: String = ProcessInfo.processInfo.environment["TIQ_CLIENT_PYTHON"] ?? "python3"

    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil) -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [executable] + arguments
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env["TIQ_BINARY"] = TestPaths.tiq
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return (-1, "cannot start \(executable): \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: skipsForbidden || python(clientPython, has: "pytest"), "python3 with pytest is needed for the notebook client's suite (TIQ_CLIENT_PYTHON names another interpreter)"))
    func notebookClientSuitePasses() {
        let r = Self.run(Self.clientPython, ["-m", "pytest", "-q", "-p", "no:cacheprovider", "clients/python/tests"], in: TestPaths.packageRoot)
        #expect(r.status == 0, "pytest clients/python/tests:\n\(r.output)")
        Self.expectNoSkips(r.output, suite: "clients/python/tests")
    }

    @Test(.enabled(if: skipsForbidden || python(lspPython, has: "pytest_lsp"), "pytest-lsp is needed for the tiq lsp suite: set TIQ_LSP_PYTHON to an interpreter that has it (.ci/run does)"))
    func languageServerSuitePasses() {
        let r = Self.run(Self.lspPython, ["-m", "pytest", "-q", "-p", "no:cacheprovider", "clients/lsp-tests"], in: TestPaths.packageRoot)
        #expect(r.status == 0, "pytest clients/lsp-tests:\n\(r.output)")
        Self.expectNoSkips(r.output, suite: "clients/lsp-tests")
    }
}
