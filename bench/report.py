"""BENCHMARKS.md from the measurements of bench/run.py.

    python3 bench/report.py bench/data/results.json > BENCHMARKS.md    # re-render a past run
"""

import json
import os
import statistics
import sys

QS = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"]
TITLES = {
    "Q1": "industrial-job growth 2018→2022, phase-1 TI vs the rest",
    "Q2": "top 10 EPCI of Grand Est by that growth",
    "Q3": "roll-up of emploi_ind to phase-2 TI, every year",
    "Q4": "yearly index 2018 = 100, TI vs rest",
    "Q5": "one territory's series",
    "Q6": "territory names starting with a prefix",
}


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def ms(s):
    return "–" if s is None else (f"{s * 1e3:.3f}" if s < 0.01 else f"{s * 1e3:.2f}" if s < 1 else f"{s * 1e3:.0f}")


def us(s):
    return "–" if s is None else f"{s * 1e6:.0f} µs"


def mb(b):
    return "–" if b is None else f"{b / 2**20:.0f} MB"


def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}×" if a / b < 10 else f"{a / b:.0f}×"


def per_obs(b, n):
    return "–" if b is None or not n else f"{b / n:.1f}"


def pct(xs, q):
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, int(round(q * len(s) + 0.5)) - 1))] if s else None


def size_numbers(r):
    """The per-size figures the tables and the targets use."""
    duck, tiq = r["duck"], r["tiq"]
    n = r["observations"]
    d_load = med([x["load_s"] for x in r["duck_loads"]])
    t_load = med([x["load_s"] for x in r["tiq_loads"]])
    d_rss = med([x["rss_loaded"] for x in r["duck_loads"]])
    t_rss = med([x["rss"] for x in r["tiq_loads"]])
    d_base = med([x["rss_baseline"] for x in r["duck_loads"]])
    d_geo = med([x["rss_after_geo"] for x in r["duck_loads"]])
    t_tiny, t_geo = r["tiq_tiny"]["rss"], r["tiq_geo_only"]["rss"]
    q = {}
    for name in QS:
        dl = duck["questions"][name]["latencies_s"]
        tl = tiq[name]["latencies_s"]
        q[name] = {"d50": statistics.median(dl), "d95": pct(dl, 0.95), "t50": statistics.median(tl),
                   "t95": pct(tl, 0.95), "d_first": duck["questions"][name].get("first_s"),
                   "t_first": tiq[name].get("first_s"), "engine50": med(tiq[name]["engine_ms"]), "bytes": tiq[name]["reply_bytes"]}
    return {"n": n, "d_load": d_load, "t_load": t_load, "d_rss": d_rss, "t_rss": t_rss,
            "d_bpo": (d_rss - d_base) / n if n else None, "t_bpo": (t_rss - t_tiny) / n if n else None,
            "d_marg": (d_rss - d_geo) / n if n else None, "t_marg": (t_rss - t_geo) / n if n else None,
            "d_base": d_base, "d_geo": d_geo, "t_tiny": t_tiny, "t_geo": t_geo,
            "d_hwm": med([x["hwm"] for x in r["duck_loads"]]), "t_hwm": med([x["hwm"] for x in r["tiq_loads"]]),
            "t_status_mem": med([x["memoryBytes"] for x in r["tiq_loads"]]), "q": q}


def targets(res):
    sizes = res["sizes"]
    nums = {s: size_numbers(r) for s, r in sizes.items()}
    rows = []

    def met(ok):
        return "**met**" if ok else "**not met**"

    for s in ("M", "L"):
        if s not in nums:
            rows.append((f"load from CSV no slower than DuckDB on {s}", "not run", "–"))
            continue
        x = nums[s]
        rows.append((f"load from CSV no slower than DuckDB on {s}",
                     f"DuckDB {x['d_load']:.2f} s, tiq {x['t_load']:.2f} s: ratio {ratio(x['d_load'], x['t_load'])}",
                     met(x["t_load"] <= x["d_load"])))
    if "L" in nums:
        x = nums["L"]
        rows.append(("memory ≤ 10 bytes/observation on L", f"tiq {x['t_bpo']:.1f} B/obs (DuckDB {x['d_bpo']:.1f})",
                     met(x["t_bpo"] <= 10)))
    else:
        best = "M" if "M" in nums else None
        rows.append(("memory ≤ 10 bytes/observation on L",
                     f"L not run; on M: tiq {nums[best]['t_bpo']:.1f} B/obs (DuckDB {nums[best]['d_bpo']:.1f})" if best else "not run",
                     "not measured"))
    for s in ("M", "L"):
        if s not in nums:
            rows.append((f"Q1-Q4 ≥ 20× faster than DuckDB on {s}, end to end", "not run", "–"))
            continue
        x = nums[s]["q"]
        rs = {k: x[k]["d50"] / x[k]["t50"] for k in ("Q1", "Q2", "Q3", "Q4")}
        rows.append((f"Q1-Q4 ≥ 20× faster than DuckDB on {s}, end to end (medians)",
                     ", ".join(f"{k} {v:.1f}×" for k, v in rs.items()), met(all(v >= 20 for v in rs.values()))))
    for s in [s for s in ("M", "L") if s in nums] or list(nums)[-1:]:
        x = nums[s]["q"]
        rows.append((f"Q5 within 50 µs end to end ({s})", f"p50 {us(x['Q5']['t50'])}, p95 {us(x['Q5']['t95'])}",
                     met(x["Q5"]["t50"] <= 50e-6)))
        rows.append((f"Q6 within 0.5 ms end to end ({s})", f"p50 {ms(x['Q6']['t50'])} ms, p95 {ms(x['Q6']['t95'])} ms",
                     met(x["Q6"]["t50"] <= 0.5e-3)))
        pl = sizes[s]["pipelined"]
        best = max(pl, key=lambda k: pl[k]["per_second"])
        p = pl[best]["per_second"]
        rows.append((f"≥ 300,000 cheap requests/s pipelined ({s})",
                     f"{p:,.0f} `{best}`/s (the fastest of " + ", ".join(f"`{k}`" for k in pl) + ")", met(p >= 300_000)))
        c = sizes[s]["completion"]
        rows.append((f"completion p99 within 1 ms at commune level ({s})",
                     f"p50 {ms(c['p50'])} ms, p99 {ms(c['p99'])} ms", met(c["p99"] <= 1e-3)))
    snap = sizes.get("L", {}).get("snapshot")
    if not res.get("snapshot_available"):
        rows.append(("`tiq snapshot` image opened by `serve --snapshot` in < 0.3 s for L",
                     "not available yet (no `tiq snapshot` command)", "not measured"))
    elif snap is None or "error" in snap:
        rows.append(("`tiq snapshot` image opened by `serve --snapshot` in < 0.3 s for L",
                     "L not run" if snap is None else snap["error"], "not measured"))
    else:
        rows.append(("`tiq snapshot` image opened by `serve --snapshot` in < 0.3 s for L",
                     f"{snap['open_median_s']:.2f} s to the first reply (file {snap['file_bytes'] / 2**20:.0f} MB)",
                     met(snap["open_median_s"] < 0.3)))
    return rows, nums


def markdown(res) -> str:
    m = res["machine"]
    out = []
    w = out.append
    sizes = res["sizes"]
    rows, nums = targets(res)
    w("# Benchmarks: tiq against DuckDB on the same CSV files\n")
    w("*(Written by `bench/run.py`; rerun with `python3 bench/run.py --sizes S,M,L`. Method: docs/bench.md.)*\n")
    w(f"- **Date**: {m['date']}; **tiq commit** `{m['commit']}`; binary `{res['tiq']}`")
    w(f"- **Machine**: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, Linux {m['kernel']}; Python {m['python']}")
    w(f"- **DuckDB** {res['duckdb_version']} from PyPI, in memory, "
      f"{next(iter(sizes.values()))['duck']['threads'] if sizes else '?'} threads (its default)")
    w("- **Repetitions**: " + ", ".join(f"{s} ×{r.get('repeat', res['args']['repeat'])}" for s, r in sizes.items())
      + " per question after 2-3 warm-ups; loads: "
      + ", ".join(f"{s} ×{len(r['tiq_loads'])}" for s, r in sizes.items()) + " per system (medians reported)")
    w("- **Load average** (1/5/15 min, shared machine) before → after each size: "
      + "; ".join(f"{s}: {r['loadavg_before']} → {r['loadavg_after']}" for s, r in sizes.items()))
    w(f"- **Pipe floor**: a line through `cat` and back from Python takes p50 {us(res['pipe_floor']['p50'])}, "
      f"p99 {us(res['pipe_floor']['p99'])}: every tiq latency below includes it.\n")

    w("## Targets of issue 6\n")
    w("| target | measured | status |\n|---|---|---|")
    for t, v, s in rows:
        w(f"| {t} | {v} | {s} |")
    w("")

    w("## Do the answers agree?\n")
    w("Each question's answer from tiq is compared with DuckDB's, cell by cell, numbers to a relative "
      "tolerance of 1e-6. Q6 compares sets (see docs/bench.md).\n")
    w("| size | question | verdict | detail |\n|---|---|---|---|")
    for s, r in sizes.items():
        for q in QS:
            v = r["verdicts"][q]
            verdict = v["verdict"] if v["verdict"] == "match" else f"**{v['verdict']}**"
            w(f"| {s} | {q} {TITLES[q]} | {verdict} | {v['detail'].replace('|', '/')} |")
    w("")

    for s, r in sizes.items():
        x = nums[s]
        w(f"## Size {s}: {x['n']:,} observations stored at {r['base']} level\n")
        if r.get("date"):
            w(f"*Measured {r['date']}; load average {r['loadavg_before']} → {r['loadavg_after']}.*\n")
        w("| measure | DuckDB | tiq | DuckDB / tiq |\n|---|---|---|---|")
        w(f"| load from CSV (s, median) | {x['d_load']:.2f} | {x['t_load']:.2f} | {ratio(x['d_load'], x['t_load'])} |")
        w(f"| resident memory after load (VmRSS) | {mb(x['d_rss'])} | {mb(x['t_rss'])} | {ratio(x['d_rss'], x['t_rss'])} |")
        w(f"| bytes/observation: (RSS − empty process) / obs | {per_obs(x['d_bpo'] * x['n'], x['n'])} | "
          f"{per_obs(x['t_bpo'] * x['n'], x['n'])} | {ratio(x['d_bpo'], x['t_bpo'])} |")
        w(f"| bytes/observation: (RSS − same geography, no observations) / obs | {x['d_marg']:.1f} | {x['t_marg']:.1f} | "
          f"{ratio(x['d_marg'], x['t_marg'])} |")
        w(f"| peak memory during load (VmHWM) | {mb(x['d_hwm'])} | {mb(x['t_hwm'])} | {ratio(x['d_hwm'], x['t_hwm'])} |")
        for q in QS:
            y = x["q"][q]
            w(f"| {q} p50 / p95 (ms) | {ms(y['d50'])} / {ms(y['d95'])} | {ms(y['t50'])} / {ms(y['t95'])} | "
              f"{ratio(y['d50'], y['t50'])} / {ratio(y['d95'], y['t95'])} |")
        if x["q"]["Q1"]["t_first"] is not None:
            w("| first run of Q1 / Q2 / Q3 / Q4 / Q5 (ms, cold: nothing memoised yet) | "
              + " / ".join(ms(x["q"][q]["d_first"]) for q in QS[:5]) + " | "
              + " / ".join(ms(x["q"][q]["t_first"]) for q in QS[:5]) + " | "
              + " / ".join(ratio(x["q"][q]["d_first"], x["q"][q]["t_first"]) for q in QS[:5]) + " |")
        w("")
        w(f"Baselines: DuckDB process after `import duckdb; connect()` {mb(x['d_base'])}, after the geography "
          f"{mb(x['d_geo'])}; `tiq serve` on a one-territory dataset {mb(x['t_tiny'])}, on this geography without "
          f"observations {mb(x['t_geo'])}. tiq's `status.memoryBytes` after load: {mb(x['t_status_mem'])}.\n")
        w("Where tiq's time goes (medians): end to end vs inside the engine (`elapsedMs` of the reply).\n")
        w("| question | end to end | engine | outside the engine (JSON, pipes, dispatch) | reply size |\n|---|---|---|---|---|")
        for q in QS:
            y = x["q"][q]
            eng = y["engine50"]
            outside = f"{y['t50'] * 1e3 - eng:.3f} ms" if eng is not None else "–"
            w(f"| {q} | {ms(y['t50'])} ms | {'–' if eng is None else f'{eng:.3f} ms'} | {outside} | {y['bytes']:,} B |")
        w("")
        dl = r["duck"]["load_phases_s"]
        tp = r["tiq_load_phases"]
        w("Load phases. DuckDB: " + ", ".join(f"{k} {v:.2f} s" for k, v in dl.items()) + ".")
        if tp.get("read_csv_s") is not None:
            w(f"tiq (`load` request into a running daemon, {tp['total_s']:.2f} s in all, engine says "
              f"{(tp['elapsedMs'] or 0) / 1e3:.2f} s): reading the CSV files ≈ {tp['read_csv_s']:.2f} s, building the "
              f"snapshot ≈ {tp['build_s']:.2f} s (from the loader's progress reports: 0-60 % = reading, 60-100 % = building). "
              f"Process start to first reply on `--data`: {x['t_load']:.2f} s.\n")
        else:
            w(f"tiq (`load` request): {tp['total_s']:.2f} s in all (too few progress reports to split it).\n")

    w("## tiq alone: protocol costs over real pipes\n")
    w("| size | `status` round trip p50 / p99 | pipelined `status` | pipelined `check` | pipelined `lookup` | "
      "`complete` at commune level p50 / p99 |\n|---|---|---|---|---|---|")
    for s, r in sizes.items():
        a, c, pl = r["roundtrip_status"], r["completion"], r["pipelined"]
        w(f"| {s} | {us(a['p50'])} / {us(a['p99'])} | {pl['status']['per_second']:,.0f} req/s | "
          f"{pl['check']['per_second']:,.0f} req/s | {pl['lookup']['per_second']:,.0f} req/s | "
          f"{ms(c['p50'])} / {ms(c['p99'])} ms |")
    w("")
    w("Pipelined: requests written back to back by a writer thread (500 lines per write) while the replies are "
      "read; rate = requests / (first write → last reply). These methods are answered on the daemon's reader "
      "thread, the replies to one read of stdin written together. `status` reads /proc/self/statm for `memoryBytes` "
      "at most every 10 ms; `check` parses and resolves `from emploi_ind at epci`; `lookup` searches \"Lyon\" "
      "by similarity (limit 1). "
      "`complete` runs on `from emploi_ind at commune | where name ~ \"PREFIX` for 20 prefixes in turn.\n")
    for s, r in sizes.items():
        v = r.get("q5_variant")
        if v:
            w(f"Q5 written as `{v['q']}` ({s}): p50 {ms(v['stats']['p50'])} ms end to end, engine "
              f"{med(v['engine_ms']):.3f} ms, same answer: {'yes' if v['same_answer'] else '**no**'} "
              f"(against {ms(nums[s]['q']['Q5']['t50'])} ms for `where code == …` alone).\n")
    if res.get("snapshot_available"):
        w("Restart from a snapshot (`tiq snapshot --data DIR --out FILE`, then `tiq serve --snapshot FILE` "
          "spawned three times; time = spawn → reply to `initialize`):\n")
        w("| size | write the image | file size | open: spawn → first reply (median) | RSS after open | Q1 answer as from CSV |"
          "\n|---|---|---|---|---|---|")
        for s, r in sizes.items():
            sn = r.get("snapshot")
            if not sn:
                continue
            if "error" in sn:
                w(f"| {s} | {sn['error']} | | | | |")
                continue
            w(f"| {s} | {sn['write_s']:.2f} s | {sn['file_bytes'] / 2**20:.0f} MB | {sn['open_median_s']:.3f} s "
              f"(CSV: {nums[s]['t_load']:.2f} s) | {mb((sn.get('memory') or {}).get('rss'))} | "
              f"{'yes' if sn.get('same_q1') else '**no**'} |")
        w("")
    else:
        w("Restart from a snapshot: **not available yet** — tiq has no `tiq snapshot` command nor "
          "`serve --snapshot`; the only start is from CSV (the load row above).\n")

    analysis = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis.md")
    if os.path.exists(analysis):
        with open(analysis, encoding="utf-8") as f:
            w(f.read())
    w("## The questions as run\n")
    any_size = next(iter(sizes.values()))
    w(f"For size {any_size['name']} (data at {any_size['base']} level; S stores EPCIs, so Q3 and Q5 start at `epci` there):\n")
    for q in QS:
        req = any_size["tiq"][q]["request"]
        text = req["params"].get("q") or json.dumps(req["params"], ensure_ascii=False)
        w(f"- **{q}** {TITLES[q]}. tiq `{req['method']}`: `{text}`")
        w(f"  DuckDB: `{any_size['duck']['questions'][q]['sql']}`")
    w("")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        sys.stdout.write(markdown(json.load(f)))
