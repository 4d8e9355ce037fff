#!/usr/bin/env python3
"""tiq against DuckDB on the same CSV files: load time, memory, the six canonical questions of
issue 6 end to end, and tiq's own protocol costs. Writes BENCHMARKS.md.

    python3 -m pip install duckdb          # once (measured with duckdb 2.0.1, Python 3.11)
    python3 bench/run.py [--sizes S,M,L] [--repeat N] [--out BENCHMARKS.md] [--tiq PATH]

Without --tiq, the release binary is built with `swift build -c release --product tiq`.
Datasets are generated with `tiq generate` and cached under bench/data/ (git-ignored).
Raw measurements go to bench/data/results.json. See docs/bench.md.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import queries                      # noqa: E402
import report                       # noqa: E402
import tiq_side                     # noqa: E402

ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")

SIZES = {
    "S": {"args": ["--level", "epci", "--indicators", "6"], "base": "epci"},
    "M": {"args": ["--indicators", "6"], "base": "commune"},
    "L": {"args": ["--indicators", "30", "--years", "2000..2024"], "base": "commune"},
}
COMPLETION_PREFIXES = ["Sain", "Mont", "Lyo", "Bor", "Cha", "Vill", "Pont", "Beau", "Mar", "La R",
                       "Gre", "Toul", "Nan", "Stra", "Aix", "Bri", "Per", "Val", "Roche", "Ste"]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def locate_tiq(args) -> str:
    if args.tiq:
        return os.path.abspath(args.tiq)
    cmd = ["swift", "build", "-c", "release", "--product", "tiq"]
    if args.scratch_path:
        cmd += ["--scratch-path", args.scratch_path]
    log("building: " + " ".join(cmd))
    subprocess.run(cmd, cwd=ROOT, check=True)
    bin_dir = subprocess.run(cmd[:4] + cmd[6:] + ["--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    return os.path.join(bin_dir, "tiq")


def dataset(tiq: str, name: str) -> str:
    """bench/data/NAME, generated once; regenerated when the generator arguments change."""
    out = os.path.join(DATA, name)
    stamp = os.path.join(out, ".bench-args")
    want = " ".join(SIZES[name]["args"])
    if os.path.exists(stamp) and open(stamp).read() == want:
        return out
    shutil.rmtree(out, ignore_errors=True)
    log(f"generating {name}: tiq generate --out {out} {want}")
    subprocess.run([tiq, "generate", "--out", out, *SIZES[name]["args"]], check=True)
    with open(stamp, "w") as f:
        f.write(want)
    return out


def geography_only(name: str) -> str:
    """The dataset NAME without observations (same territories, links and catalog)."""
    out = os.path.join(DATA, name + "-geo")
    os.makedirs(out, exist_ok=True)
    for f in ("territories.csv", "links.csv", "indicators.csv"):
        target = os.path.join(out, f)
        if os.path.lexists(target):
            os.remove(target)
        os.symlink(os.path.join("..", name, f), target)
    with open(os.path.join(DATA, name, "observations.csv"), encoding="utf-8") as src:
        header = src.readline()
    with open(os.path.join(out, "observations.csv"), "w", encoding="utf-8") as f:
        f.write(header)
    return out


def tiny() -> str:
    """A one-territory dataset: the baseline of an almost empty `tiq serve`."""
    out = os.path.join(DATA, "tiny")
    os.makedirs(out, exist_ok=True)
    files = {"territories.csv": "level,code,name\nfrance,FR,France\n", "links.csv": "child,parent\n",
             "indicators.csv": "code,name,unit,aggregate,frequency,source\nx,X,count,sum,A,bench\n",
             "observations.csv": "territory,indicator,period,value,status\n"}
    for f, text in files.items():
        with open(os.path.join(out, f), "w", encoding="utf-8") as fh:
            fh.write(text)
    return out


def run_duckdb(directory: str, base: str, repeat: int, prefix: str) -> dict:
    """One DuckDB child process: load, memory and (repeat > 0) the six questions."""
    p = subprocess.run([sys.executable, os.path.join(HERE, "duckdb_side.py"), directory, base, str(repeat), prefix],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("DuckDB side failed:\n" + p.stderr)
    return json.loads(p.stdout)


def pipe_floor(repeat: int) -> dict:
    """The round trip of one line through `cat`: what Python and two pipe hops cost by themselves."""
    proc = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=1 << 20)
    line = b'{"jsonrpc":"2.0","id":1,"method":"status"}\n'
    lat = []
    for i in range(repeat + 100):
        t = time.perf_counter()
        os.write(proc.stdin.fileno(), line)
        proc.stdout.readline()
        if i >= 100:
            lat.append(time.perf_counter() - t)
    proc.stdin.close()
    proc.wait()
    return tiq_side.summary(lat)


def loadavg() -> str:
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "?"


def measure_size(tiq: str, name: str, args) -> dict:
    directory = dataset(tiq, name)
    base = SIZES[name]["base"]
    load_repeat = args.load_repeat if args.load_repeat is not None else (1 if name == "L" else 3)
    repeat = min(args.repeat, args.repeat_large) if name == "L" else args.repeat
    res = {"name": name, "base": base, "repeat": repeat,
           "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "loadavg_before": loadavg(), "duck_loads": [], "tiq_loads": []}
    keep = None
    for i in range(load_repeat):
        last = i == load_repeat - 1
        log(f"{name}: DuckDB load {i + 1}/{load_repeat}" + (" + questions" if last else ""))
        duck = run_duckdb(directory, base, repeat if last else 0, args.prefix)
        res["duck_loads"].append({k: duck[k] for k in ("load_s", "load_phases_s", "rss_baseline", "rss_after_geo",
                                                      "rss_loaded", "hwm", "duckdb_memory_bytes", "observations")})
        if last:
            res["duck"] = duck
        log(f"{name}: tiq load {i + 1}/{load_repeat}")
        d, load_s, init = tiq_side.start_and_wait(tiq, directory, stderr_path=os.path.join(DATA, f"{name}-serve.log"))
        mem = tiq_side.memory(d)
        res["tiq_loads"].append({"load_s": load_s, **mem})
        res["observations"] = init["result"]["dataset"]["observations"]
        if last:
            keep = d
        else:
            d.close()
    d = keep
    log(f"{name}: tiq questions ×{repeat}")
    res["tiq"] = {}
    for qname, (method, params) in queries.tql(base, args.prefix).items():
        r = tiq_side.time_request(d, method, params, repeat)
        r["stats"] = tiq_side.summary(r["latencies_s"])
        r["answer"] = queries.norm_tiq(qname, r.pop("result"))
        r["request"] = {"method": method, "params": params}
        res["tiq"][qname] = r
    log(f"{name}: tiq protocol costs")
    _, status_line = d.line("status")
    rt = [d.roundtrip(status_line)[0] for _ in range(args.roundtrips)]
    res["roundtrip_status"] = tiq_side.summary(rt)
    res["pipelined"] = {
        "status": tiq_side.pipelined(d, "status", None, args.pipelined),
        "check": tiq_side.pipelined(d, "check", {"q": "from emploi_ind at epci"}, args.pipelined),
        "lookup": tiq_side.pipelined(d, "lookup", {"name": "Lyon", "limit": 1}, max(1, args.pipelined // 5)),
    }
    if base == "commune":
        # Q5 written so that a bitset attribute filter runs first: the same answer.
        variant = 'from emploi_ind at commune | where dept == "69" | where code == "69123"'
        r = tiq_side.time_request(d, "query", {"q": variant}, repeat)
        res["q5_variant"] = {"q": variant, "stats": tiq_side.summary(r["latencies_s"]),
                             "engine_ms": r["engine_ms"], "same_answer":
                             queries.same(queries.norm_tiq("Q5", r["result"]), res["tiq"]["Q5"]["answer"])}
    comp = []
    for i in range(args.completions):
        p = COMPLETION_PREFIXES[i % len(COMPLETION_PREFIXES)]
        q = f'from emploi_ind at commune | where name ~ "{p}'
        _, line = d.line("complete", {"q": q, "cursor": len(q.encode())})
        dt, reply = d.roundtrip(line)
        if i >= len(COMPLETION_PREFIXES):
            comp.append(dt)
    res["completion"] = tiq_side.summary(comp)
    res["tiq_after_queries"] = tiq_side.memory(d)
    d.close()

    log(f"{name}: tiq baselines (geography only, tiny dataset) and load phases")
    g, _, _ = tiq_side.start_and_wait(tiq, geography_only(name))
    res["tiq_geo_only"] = tiq_side.memory(g)
    g.close()
    t, _, _ = tiq_side.start_and_wait(tiq, tiny())
    res["tiq_tiny"] = tiq_side.memory(t)
    t.close()
    res["tiq_load_phases"] = tiq_side.load_phases(tiq, tiny(), DATA, name)
    if args.snapshot_available:
        log(f"{name}: tiq snapshot and serve --snapshot")
        method, params = queries.tql(base, args.prefix)["Q1"]
        snap = tiq_side.snapshot_restart(tiq, directory, os.path.join(DATA, f"{name}.tiqsnap"), 3, (method, params))
        if "result" in snap and snap["result"] is not None:
            snap["same_q1"] = queries.same(queries.norm_tiq("Q1", snap.pop("result")), res["tiq"]["Q1"]["answer"])
        res["snapshot"] = snap
    res["loadavg_after"] = loadavg()

    duck = res["duck"]
    res["verdicts"] = {}
    for qname in queries.tql(base, args.prefix):
        verdict, detail = queries.compare(qname, duck["questions"][qname]["answer"], res["tiq"][qname]["answer"],
                                          duck.get("q6_reference"))
        res["verdicts"][qname] = {"verdict": verdict, "detail": detail}
        if verdict != "match":
            log(f"{name} {qname}: {verdict}: {detail}")
    return res


def machine(commit_override: str | None = None) -> dict:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "Sources"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "ram": mem, "kernel": platform.release(),
            "python": platform.python_version(),
            "commit": commit_override or (commit + (" (+ uncommitted changes in Sources/)" if dirty else "")),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="S,M", help="comma-separated among S, M, L (default S,M)")
    ap.add_argument("--repeat", type=int, default=200, help="repetitions of each question (default 200)")
    ap.add_argument("--repeat-large", type=int, default=30, help="repetitions of each question on L (default 30)")
    ap.add_argument("--load-repeat", type=int, default=None, help="loads per system (default 3; 1 for L)")
    ap.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"))
    ap.add_argument("--tiq", help="path of a release tiq binary (default: build it)")
    ap.add_argument("--scratch-path", help="passed to swift build when building tiq")
    ap.add_argument("--commit", help="what to record as the tiq commit (default: git rev-parse --short HEAD)")
    ap.add_argument("--keep", action="store_true",
                    help="keep the other sizes of the previous bench/data/results.json (same binary) and rerun only --sizes")
    ap.add_argument("--prefix", default="Sain", help="Q6 name prefix (default Sain)")
    ap.add_argument("--pipelined", type=int, default=50000, help="pipelined status requests (default 50000)")
    ap.add_argument("--roundtrips", type=int, default=5000, help="one-at-a-time status round trips (default 5000)")
    ap.add_argument("--completions", type=int, default=2000, help="completion requests (default 2000)")
    args = ap.parse_args()
    try:
        import duckdb   # noqa: F401
    except ImportError:
        sys.exit("bench/run.py needs DuckDB from PyPI: python3 -m pip install duckdb")
    sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
    for s in sizes:
        if s not in SIZES:
            sys.exit(f"unknown size {s!r}; sizes are S, M, L")
    os.makedirs(DATA, exist_ok=True)
    tiq = locate_tiq(args)
    help_text = subprocess.run([tiq, "--help"], capture_output=True, text=True).stdout
    serve_help = subprocess.run([tiq, "serve", "--help"], capture_output=True, text=True)
    args.snapshot_available = ("snapshot" in help_text.split("COMMANDS:")[-1]
                               and "--snapshot" in (serve_help.stdout + serve_help.stderr))
    results = {"machine": machine(args.commit), "tiq": tiq, "args": vars(args),
               "snapshot_available": args.snapshot_available,
               "pipe_floor": pipe_floor(args.roundtrips), "sizes": {}}
    import duckdb
    results["duckdb_version"] = duckdb.__version__
    previous = os.path.join(DATA, "results.json")
    if args.keep and os.path.exists(previous):
        with open(previous) as f:
            old = json.load(f)
        if old.get("tiq") == tiq:
            results["sizes"] = {k: v for k, v in old["sizes"].items() if k not in sizes}
        else:
            log(f"--keep: the previous results used another binary ({old.get('tiq')}); not kept")
    for s in sizes:
        results["sizes"][s] = measure_size(tiq, s, args)
        results["sizes"] = {k: results["sizes"][k] for k in SIZES if k in results["sizes"]}
        with open(os.path.join(DATA, "results.json"), "w") as f:
            json.dump(results, f, indent=1, default=str)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(report.markdown(results))
    log(f"wrote {args.out} and {os.path.join(DATA, 'results.json')}")
    bad = [(s, q) for s, r in results["sizes"].items() for q, v in r["verdicts"].items() if v["verdict"] != "match"]
    if bad:
        log("ANSWERS DIFFER: " + ", ".join(f"{s} {q}" for s, q in bad))


if __name__ == "__main__":
    main()
