"""The DuckDB side of the benchmark, run in a child process of its own so that its resident
memory is measured exactly as tiq's is (VmRSS from /proc). Prints one JSON object on stdout.

    python3 bench/duckdb_side.py DATA_DIR BASE_LEVEL REPEAT PREFIX

Needs `duckdb` from PyPI: `python3 -m pip install duckdb` (measured with 2.0.1).
"""

import json
import statistics
import sys
import time

import queries
from procstat import rss_bytes, hwm_bytes


def main() -> None:
    directory, base, repeat, prefix = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    import duckdb
    con = duckdb.connect(":memory:")
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    baseline = rss_bytes()

    with open(f"{directory}/links.csv", encoding="utf-8") as f:
        links_has_weight = "weight" in f.readline().strip().lower().split(",")
    with open(f"{directory}/observations.csv", encoding="utf-8") as f:
        obs_columns = [c.strip().lower() for c in f.readline().strip().split(",")]

    phases: dict[str, float] = {}
    rss_after_geo = None
    t_all = time.perf_counter()
    for phase, label, statement in queries.load_sql(directory, links_has_weight, obs_columns):
        if phase == "obs" and rss_after_geo is None:
            rss_after_geo = rss_bytes()
        t = time.perf_counter()
        con.execute(statement)
        phases[label] = phases.get(label, 0.0) + time.perf_counter() - t
    load_s = time.perf_counter() - t_all
    observations = con.execute("SELECT count(*) FROM obs").fetchone()[0]
    rss_loaded = rss_bytes()
    reported = con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0]

    out = {"version": duckdb.__version__, "threads": threads, "load_s": load_s, "load_phases_s": phases,
           "observations": observations, "rss_baseline": baseline, "rss_after_geo": rss_after_geo,
           "rss_loaded": rss_loaded, "hwm": hwm_bytes(), "duckdb_memory_bytes": reported,
           "questions": {}}
    for name, statement in queries.sql(base, prefix).items() if repeat > 0 else []:
        t = time.perf_counter()
        con.execute(statement).fetchall()
        first = time.perf_counter() - t
        con.execute(statement).fetchall()
        lat = []
        rows = None
        for _ in range(repeat):
            t = time.perf_counter()
            rows = con.execute(statement).fetchall()
            lat.append(time.perf_counter() - t)
        answer = queries.norm_sql(name, rows)
        out["questions"][name] = {"sql": statement, "first_s": first, "latencies_s": lat, "median_s": statistics.median(lat),
                                  "answer": answer}
    out["q6_reference"] = [r[0] for r in con.execute(queries.q6_full_sql(prefix)).fetchall()]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
