"""The tiq side of the benchmark: `tiq serve` spawned over real pipes, measured from Python.

Every latency is end to end: from the request line written on the daemon's stdin to its reply
line read whole from its stdout (JSON parsing of the reply is done afterwards, untimed).
"""

import json
import os
import statistics
import subprocess
import threading
import time

from procstat import rss_bytes, hwm_bytes


class Daemon:
    """One `tiq serve` process; `request` writes a line and reads reply lines until its id."""

    def __init__(self, tiq: str, data: str | None, extra: list[str] | None = None, stderr_path: str = os.devnull):
        self.t_start = time.perf_counter()
        self._stderr = open(stderr_path, "wb")
        source = ["--data", data] if data is not None else []
        self.proc = subprocess.Popen([tiq, "serve", *source, *(extra or [])], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self._stderr, bufsize=1 << 20)
        self.fd = self.proc.stdin.fileno()
        self.out = self.proc.stdout
        self.next_id = 0

    def line(self, method: str, params: dict | None = None) -> tuple[int, bytes]:
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            msg["params"] = params
        return self.next_id, (json.dumps(msg, ensure_ascii=False) + "\n").encode()

    def send_raw(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view):]

    def roundtrip(self, data: bytes) -> tuple[float, bytes]:
        """Write one request line, read one reply line: (seconds, reply bytes)."""
        t = time.perf_counter()
        os.write(self.fd, data)
        reply = self.out.readline()
        return time.perf_counter() - t, reply

    def call(self, method: str, params: dict | None = None) -> dict:
        _, data = self.line(method, params)
        _, reply = self.roundtrip(data)
        if not reply:
            raise RuntimeError(f"tiq serve closed its output (exit code {self.proc.poll()})")
        return json.loads(reply)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def close(self) -> None:
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        self._stderr.close()


def start_and_wait(tiq: str, data: str | None, extra: list[str] | None = None, stderr_path: str = os.devnull) -> tuple[Daemon, float, dict]:
    """Spawn the daemon, send `initialize` at once and time until its reply arrives:
    that is the load time seen by a client (process start, CSV read, snapshot build)."""
    d = Daemon(tiq, data, extra, stderr_path)
    _, line = d.line("initialize")
    d.send_raw(line)
    reply = d.out.readline()
    elapsed = time.perf_counter() - d.t_start
    if not reply:
        d.close()
        raise RuntimeError(f"tiq serve {data or ' '.join(extra or [])} exited before answering (see {stderr_path})")
    return d, elapsed, json.loads(reply)


def memory(d: Daemon) -> dict:
    """VmRSS / VmHWM from /proc and the `status` method's memoryBytes."""
    status = d.call("status")["result"]
    return {"rss": rss_bytes(d.pid), "hwm": hwm_bytes(d.pid), "memoryBytes": status.get("memoryBytes")}


def time_request(d: Daemon, method: str, params: dict, repeat: int, warmup: int = 3) -> dict:
    """Latencies of one request sent `repeat` times one at a time, its engine time (`elapsedMs`)
    and the last reply's result."""
    lat, engine, size, first = [], [], 0, None
    reply = b""
    for i in range(warmup + repeat):
        _, data = d.line(method, params)
        dt, reply = d.roundtrip(data)
        if i == 0:
            first = dt
        if i >= warmup:
            lat.append(dt)
            size = len(reply)
            if method == "query":
                engine.append(json.loads(reply)["result"].get("elapsedMs"))
    parsed = json.loads(reply)
    if "error" in parsed:
        raise RuntimeError(f"{method} {params} failed: {parsed['error']}")
    return {"first_s": first, "latencies_s": lat, "engine_ms": [e for e in engine if e is not None], "reply_bytes": size,
            "result": parsed["result"]}


def pipelined(d: Daemon, method: str, params: dict | None, count: int, chunk: int = 500) -> dict:
    """Write `count` requests without waiting (a writer thread, `chunk` lines per write) while
    reading the replies: requests per second from the first write to the last reply."""
    lines = [d.line(method, params)[1] for _ in range(count)]
    blocks = [b"".join(lines[i:i + chunk]) for i in range(0, count, chunk)]

    def writer():
        for b in blocks:
            d.send_raw(b)

    t = time.perf_counter()
    th = threading.Thread(target=writer)
    th.start()
    got = 0
    while got < count:
        if not d.out.readline():
            break
        got += 1
    elapsed = time.perf_counter() - t
    th.join()
    return {"count": count, "replies": got, "seconds": elapsed, "per_second": got / elapsed}


def load_phases(tiq: str, empty: str, root: str, name: str) -> dict:
    """`load` of the dataset `name` into a daemon started on a tiny dataset, with a progress
    token: the in-process load time (`elapsedMs`) and the progress timeline. The loader reports
    0-60 % while reading the CSV files and 60-100 % while building the snapshot."""
    d, _, _ = start_and_wait(tiq, empty, ["--data-root", root])
    try:
        _, data = d.line("load", {"path": name, "progressToken": "bench"})
        t = time.perf_counter()
        d.send_raw(data)
        timeline = []
        result = None
        while True:
            reply = d.out.readline()
            if not reply:
                break
            now = time.perf_counter() - t
            msg = json.loads(reply)
            if msg.get("method") == "$/progress":
                timeline.append((now, msg["params"]["value"].get("percentage")))
            elif "id" in msg:
                result = msg
                break
        total = time.perf_counter() - t
        read_s = None
        pts = [(s, p) for s, p in timeline if p is not None]
        for (s0, p0), (s1, p1) in zip(pts, pts[1:]):
            if p0 <= 60 <= p1 and p1 > p0:
                read_s = s0 + (s1 - s0) * (60 - p0) / (p1 - p0)
                break
        rss = memory(d)
        elapsed_ms = (result or {}).get("result", {}).get("elapsedMs")
        return {"total_s": total, "elapsedMs": elapsed_ms, "read_csv_s": read_s,
                "build_s": (total - read_s) if read_s is not None else None, "timeline": timeline,
                "rss_after_load_from_tiny": rss}
    finally:
        d.close()


def snapshot_restart(tiq: str, data: str, image: str, opens: int, check: tuple[str, dict]) -> dict:
    """`tiq snapshot --data DIR --out FILE` (timed), then `tiq serve --snapshot FILE` started
    `opens` times: time to the first reply, memory, and one question's result for comparison."""
    t = time.perf_counter()
    p = subprocess.run([tiq, "snapshot", "--data", data, "--out", image], capture_output=True, text=True)
    write_s = time.perf_counter() - t
    if p.returncode != 0:
        return {"error": f"tiq snapshot failed ({p.returncode}): {p.stderr.strip()[-500:]}"}
    times, mem, result = [], None, None
    for i in range(opens):
        d, elapsed, _ = start_and_wait(tiq, None, ["--snapshot", image])
        times.append(elapsed)
        if i == opens - 1:
            mem = memory(d)
            result = time_request(d, check[0], check[1], 1, warmup=0)["result"]
        d.close()
    return {"write_s": write_s, "file_bytes": os.path.getsize(image), "open_s": times,
            "open_median_s": statistics.median(times), "memory": mem, "result": result}


def summary(lat: list[float]) -> dict:
    """Median, p95 and p99 (nearest rank) in seconds."""
    s = sorted(lat)

    def rank(q: float) -> float:
        return s[min(len(s) - 1, max(0, int(round(q * len(s) + 0.5)) - 1))]

    return {"p50": statistics.median(s), "p95": rank(0.95), "p99": rank(0.99), "n": len(s)}
