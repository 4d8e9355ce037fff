import Foundation

/// Whether the tests that need an outside program (pandas, a Jupyter kernel, pytest-lsp,
/// openpyxl, Neovim) must run: `.ci/run` installs them all and sets `TIQ_SUITES_NO_SKIP=1`, so
/// there a missing one fails its test instead of skipping it silently.
public enum RequiredInCI {
    /// True under `TIQ_SUITES_NO_SKIP=1`.
    public static let isOn = ProcessInfo.processInfo.environment["TIQ_SUITES_NO_SKIP"] == "1"
}
