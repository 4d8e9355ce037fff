#!/usr/bin/env python3
"""Soak test of `tiq serve`: many requests over one connection, one in ten malformed.

    python3 Fuzz/soak.py --binary .build-robust/release/tiq --count 1000000

Sends COUNT lines to one daemon (the mini fixture), keeping at most WINDOW unanswered. One line
in ten is malformed, in turn: bad JSON, bad UTF-8, bad params, an unknown method, invalid TQL,
a line over --max-message-bytes. Checks that every line got exactly one reply (by id; the
null-id replies of unparseable lines by count), that each malformed line got the error it
deserves, and that the daemon's resident memory at the end is within TOLERANCE of its level
after the first 10 % of the lines (100,000 of a million). Prints a JSON summary; exits 1 on
any failure.
"""
import argparse, json, os, subprocess, sys, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MAX_MESSAGE = 4096

VALID = [
    lambda i: {"method": "status"},
    lambda i: {"method": "check", "params": {"q": "from emploi_ind at epci"}},
    lambda i: {"method": "query", "params": {"q": "from emploi_ind at epci | where emploi_ind@2019 > %d" % (i % 200)}},
    lambda i: {"method": "complete", "params": {"q": "from emp", "cursor": 8}},
    lambda i: {"method": "catalog"},
    lambda i: {"method": "lookup", "params": {"name": "Abergement"}},
]

# (kind, make line bytes, expected error code, whether the reply's id is null)
MALFORMED = [
    ("bad JSON", lambda i: b'{"jsonrpc":"2.0","id":%d,"method":"status"' % i, -32700, True),
    ("bad UTF-8", lambda i: b'{"jsonrpc":"2.0","id":%d,"method":"st\xff\xfeus"}' % i, -32700, True),
    ("bad params", lambda i: b'{"jsonrpc":"2.0","id":%d,"method":"query","params":{"q":%d}}' % (i, i), -32602, False),
    ("unknown method", lambda i: b'{"jsonrpc":"2.0","id":%d,"method":"nope%d"}' % (i, i % 7), -32601, False),
    ("invalid TQL", lambda i: b'{"jsonrpc":"2.0","id":%d,"method":"query","params":{"q":"from | where ("}}' % i, 1, False),
    ("huge line", lambda i: b'{"jsonrpc":"2.0","id":%d,"method":"check","params":{"q":"%s"}}' % (i, b"x" * (MAX_MESSAGE + 100)), -32600, True),
]


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=os.environ.get("TIQ_BINARY", os.path.join(ROOT, ".build/release/tiq")))
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--window", type=int, default=32)
    ap.add_argument("--tolerance", type=float, default=0.05)
    args = ap.parse_args()

    proc = subprocess.Popen(
        [args.binary, "serve", "--data", "Tests/TIQServerTests/Fixtures/mini", "--max-message-bytes", str(MAX_MESSAGE)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
    window = threading.Semaphore(args.window)
    expected = {}          # id -> (kind, code) for replies with an id
    null_expected = 0      # lines whose reply has a null id
    null_kinds = {}
    lock = threading.Lock()
    checkpoint = max(1, args.count // 10)
    state = {"received": 0, "rss_checkpoint": None, "errors": [], "seen": {}, "null_seen": 0}
    done = threading.Event()

    def reader():
        for raw in proc.stdout:
            window.release()
            try:
                msg = json.loads(raw)
            except ValueError:
                state["errors"].append("unparseable reply: %r" % raw[:200])
                continue
            rid = msg.get("id")
            with lock:
                state["received"] += 1
                if rid is None:
                    state["null_seen"] += 1
                    code = msg.get("error", {}).get("code")
                    if code not in (-32700, -32600):
                        state["errors"].append("null-id reply with code %r" % code)
                else:
                    n = state["seen"].get(rid, 0) + 1
                    state["seen"][rid] = n
                    if n > 1:
                        state["errors"].append("id %r answered %d times" % (rid, n))
                    kind, code = expected.get(rid, ("?", None))
                    got = msg.get("error", {}).get("code") if "error" in msg else None
                    if got != code:
                        state["errors"].append("id %r (%s): code %r, expected %r" % (rid, kind, got, code))
                if state["received"] == checkpoint:
                    state["rss_checkpoint"] = rss_kib(proc.pid)
        done.set()

    threading.Thread(target=reader, daemon=True).start()
    started = time.monotonic()
    buf = []
    for i in range(args.count):
        if i % 10 == 9:
            kind, make, code, null_id = MALFORMED[(i // 10) % len(MALFORMED)]
            line = make(i)
            with lock:
                if null_id:
                    null_expected += 1
                else:
                    expected[i] = (kind, code)
        else:
            req = VALID[i % len(VALID)](i)
            req.update({"jsonrpc": "2.0", "id": i})
            line = json.dumps(req, separators=(",", ":")).encode()
            with lock:
                expected[i] = (req["method"], None)
        window.acquire()
        buf.append(line + b"\n")
        if len(buf) >= 8 or i == args.count - 1:
            proc.stdin.write(b"".join(buf))
            buf = []
    rss_end = None
    deadline = time.monotonic() + 120
    while state["received"] < args.count and time.monotonic() < deadline and not done.is_set():
        time.sleep(0.01)
    rss_end = rss_kib(proc.pid)
    elapsed = time.monotonic() - started
    proc.stdin.close()
    code = proc.wait(timeout=30)
    errors = list(state["errors"])
    if len(errors) > 20:
        errors = errors[:20] + ["… and %d more" % (len(errors) - 20)]
    missing = [k for k in expected if k not in state["seen"]]
    if missing:
        errors.append("%d ids never answered, e.g. %r" % (len(missing), missing[:5]))
    if state["null_seen"] != null_expected:
        errors.append("%d null-id replies, expected %d" % (state["null_seen"], null_expected))
    growth = None
    if state["rss_checkpoint"] and rss_end:
        growth = (rss_end - state["rss_checkpoint"]) / state["rss_checkpoint"]
        if abs(growth) > args.tolerance:
            errors.append("RSS %d KiB after %d replies, %d KiB at the end: %+.1f %% (limit %.0f %%)"
                          % (state["rss_checkpoint"], checkpoint, rss_end, growth * 100, args.tolerance * 100))
    if code != 0:
        errors.append("exit code %d" % code)
    summary = {
        "requests": args.count, "replies": state["received"], "malformed": args.count // 10,
        "elapsedSeconds": round(elapsed, 1), "requestsPerSecond": round(args.count / elapsed),
        "rssKiBAtCheckpoint": state["rss_checkpoint"], "checkpoint": checkpoint, "rssKiBAtEnd": rss_end,
        "rssGrowthPercent": None if growth is None else round(growth * 100, 2),
        "exitCode": code, "errors": errors, "ok": not errors,
    }
    print(json.dumps(summary, indent=1))
    sys.exit(0 if not errors else 1)


if __name__ == "__main__":
    main()
