"""`tiq lsp` at the byte level, with the standard library only: Content-Length framing,
malformed input, the lifecycle and exit codes — what a generic LSP client library hides."""

import json
import subprocess

import pytest

from conftest import binary_reason, have_binary, tiq_binary

if not have_binary():
    pytest.skip(binary_reason(), allow_module_level=True)


def frame(message) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def replies(output: bytes) -> list:
    """Parses framed messages back, checking each header is exactly `Content-Length: N`."""
    out = []
    while output:
        header, _, rest = output.partition(b"\r\n\r\n")
        assert header.startswith(b"Content-Length: "), header
        n = int(header[len(b"Content-Length: "):])
        out.append(json.loads(rest[:n]))
        output = rest[n:]
    return out


def run(*chunks: bytes, args=("lsp",)) -> subprocess.CompletedProcess:
    return subprocess.run([tiq_binary(), *args], input=b"".join(chunks), capture_output=True, timeout=120)


def test_requests_before_initialize_are_refused_and_bad_json_is_answered():
    done = run(
        frame({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}}),
        frame(b"{not json"),
        frame({"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {"capabilities": {}}}),
        frame({"jsonrpc": "2.0", "id": 3, "method": "no/such/method"}),
        frame({"jsonrpc": "2.0", "id": 4, "method": "shutdown"}),
        frame({"jsonrpc": "2.0", "method": "exit"}),
    )
    got = replies(done.stdout)
    assert [r.get("id") for r in got] == [1, None, 2, 3, 4]
    assert got[0]["error"]["code"] == -32002
    assert got[1]["error"]["code"] == -32700
    assert got[2]["result"]["capabilities"]["textDocumentSync"]["change"] == 1
    assert got[3]["error"]["code"] == -32601
    assert got[4]["result"] is None
    assert done.returncode == 0


def test_other_headers_and_case_are_accepted():
    body = json.dumps({"jsonrpc": "2.0", "id": "a", "method": "initialize", "params": {}}).encode()
    raw = b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: %d\r\n\r\n" % len(body) + body
    done = run(raw, frame({"jsonrpc": "2.0", "id": "b", "method": "shutdown"}), frame({"jsonrpc": "2.0", "method": "exit"}))
    assert [r["id"] for r in replies(done.stdout)] == ["a", "b"]
    assert done.returncode == 0


def test_exit_without_shutdown_exits_1():
    done = run(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}), frame({"jsonrpc": "2.0", "method": "exit"}))
    assert done.returncode == 1


def test_a_truncated_body_stops_with_a_message_on_stderr():
    done = run(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"")
    assert done.returncode == 1
    assert b"input ended" in done.stderr
    assert done.stdout == b""


def test_an_unknown_option_is_a_usage_error():
    done = run(args=("lsp", "--bogus"))
    assert done.returncode == 64
    assert b"--bogus" in done.stderr
