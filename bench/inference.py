#!/usr/bin/env python3
"""tiq's inference against numpy/statsmodels on the same data, in the same run (issue 15).

    python3 bench/inference.py [--tiq PATH] [--repeat N] [--levels epci,commune] [--draws 2000]

Without --tiq, the release binary is built (`swift build -c release --product tiq`). tiq runs as
`tiq serve` on the embedded demo; each question is asked --repeat times after one warm-up and
tiq's engine time (`elapsedMs`: check, plan, roll-up from the memo, estimation) is reported. The
same territories are then exported from tiq once (industrial jobs 2015-2022 and the ti1 flag per
territory) and numpy/statsmodels compute the same estimators on arrays already in memory (their
times exclude reading and aggregating the data, which tiq's include):

- bootstrap: 2,000 draws resampling territories within each group, growth(sum(x), 2018, 2022)
  per group, T − C; numpy's own generator, vectorised by blocks of draws;
- permutation: 2,000 shuffles of the labels (Generator.permuted), the same difference;
- TWFE: y on D = ti1 × post with territory and period effects on the balanced 2015-2022 panel,
  CR1 standard errors clustered by territory: statsmodels OLS with period dummies on the
  territory-demeaned data and cov_type='cluster', and the same formula written in numpy.

tiq answers bootstrap and permutation in one query (`compare … with ci 95 draws B`); the plain
`compare` is timed beside it so that the resampling's own cost shows. Prints a Markdown table.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from tiq_side import start_and_wait  # noqa: E402

YEARS = list(range(2015, 2023))


def locate_tiq(path):
    if path:
        return os.path.abspath(path)
    cmd = ["swift", "build", "-c", "release", "--product", "tiq"]
    subprocess.run(cmd, cwd=ROOT, check=True)
    bin_dir = subprocess.run(cmd[:4] + ["--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(bin_dir, "tiq")


def engine_ms(d, q, repeat):
    """Median and min of tiq's elapsedMs over `repeat` runs after one warm-up, and the last result."""
    times, result = [], None
    for i in range(repeat + 1):
        reply = d.call("query", {"q": q, "format": "columns"})
        if "error" in reply:
            raise RuntimeError(f"{q}: {reply['error']}")
        result = reply["result"]
        if i > 0:
            times.append(result["elapsedMs"])
    return statistics.median(times), min(times), result


def python_ms(fn, repeat):
    times, value = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times), value


def export(d, level):
    """Per territory with ti1 known and jobs present 2015-2022: ti1 and jobs per year."""
    cols = ", ".join(f"e{y} = emploi_ind@{y}" for y in YEARS)
    q = f"from emploi_ind at {level} | where complete(emploi_ind, 2015..2022) and (ti1 == true or ti1 == false) | show code, ti1, {cols}"
    r = d.call("query", {"q": q, "format": "columns", "limit": 10_000_000})["result"]
    columns = by_name(r)
    treated = np.array([bool(v) for v in columns["ti1"]])
    jobs = np.array([columns[f"e{y}"] for y in YEARS], dtype=float).T
    return treated, jobs


def by_name(result):
    """The `columns` layout as {name: values}."""
    return {c["name"]: values for c, values in zip(result["columns"], result["data"])}


def bootstrap(treated, a, b, draws, rng, block=50):
    it, ic = np.flatnonzero(treated), np.flatnonzero(~treated)
    out = []
    for start in range(0, draws, block):
        c = min(block, draws - start)
        pt = it[rng.integers(0, len(it), (c, len(it)))]
        pc = ic[rng.integers(0, len(ic), (c, len(ic)))]
        out.append((b[pt].sum(1) / a[pt].sum(1) - 1) - (b[pc].sum(1) / a[pc].sum(1) - 1))
    boot = np.concatenate(out)
    return np.percentile(boot, [2.5, 97.5])


def permutation(treated, a, b, draws, rng, block=50):
    obs = (b[treated].sum() / a[treated].sum() - 1) - (b[~treated].sum() / a[~treated].sum() - 1)
    extreme = 0
    for start in range(0, draws, block):
        c = min(block, draws - start)
        p = rng.permuted(np.tile(treated, (c, 1)), axis=1)
        bt, at = p @ b, p @ a
        d = (bt / at - 1) - ((b.sum() - bt) / (a.sum() - at) - 1)
        extreme += int(np.sum(np.abs(d) >= abs(obs)))
    return (1 + extreme) / (1 + draws)


def panel(treated, jobs):
    n, t = jobs.shape
    post = np.array([y >= 2019 for y in YEARS])
    d = (treated[:, None] & post[None, :]).astype(float)
    return jobs, d, n, t


def twfe_statsmodels(treated, jobs):
    y, d, n, t = panel(treated, jobs)
    yd = (y - y.mean(1, keepdims=True)).ravel()
    dd = (d - d.mean(1, keepdims=True)).ravel()
    periods = np.tile(np.eye(t), (n, 1))
    periods = periods - np.repeat(periods.reshape(n, t, t).mean(1), t, axis=0)
    x = np.column_stack([dd, periods[:, 1:], np.ones(n * t)])
    fit = sm.OLS(yd, x).fit(cov_type="cluster", cov_kwds={"groups": np.repeat(np.arange(n), t)})
    return fit.params[0], fit.bse[0]


def twfe_numpy(treated, jobs):
    y, d, n, t = panel(treated, jobs)

    def within(m):
        return m - m.mean(1, keepdims=True) - m.mean(0, keepdims=True) + m.mean()
    yy, xx = within(y), within(d)
    beta = (xx * yy).sum() / (xx * xx).sum()
    u = yy - beta * xx
    score = (xx * u).sum(1)
    big_n, big_k = n * t, 1 + (t - 1)
    c = n / (n - 1) * (big_n - 1) / (big_n - big_k)
    se = np.sqrt(c * (score ** 2).sum()) / (xx * xx).sum()
    return beta, se


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tiq")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--levels", default="epci,commune")
    ap.add_argument("--draws", type=int, default=2000)
    args = ap.parse_args()
    tiq = locate_tiq(args.tiq)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    print(f"*tiq {commit}, `{tiq}`; numpy {np.__version__}, statsmodels {sm.__version__}; "
          f"{os.cpu_count()} cores; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; median (min) of {args.repeat} runs, ms*\n")
    print("| level | territories | estimator | tiq (engine) | numpy/statsmodels | agree |")
    print("|---|---|---|---|---|---|")
    d, _, _ = start_and_wait(tiq, None)
    try:
        for level in args.levels.split(","):
            treated, jobs = export(d, level)
            a, b = jobs[:, YEARS.index(2018)], jobs[:, YEARS.index(2022)]
            n = len(treated)
            base = f"from emploi_ind at {level} | where complete(emploi_ind, 2015..2022) | compare ti1 on growth(sum(emploi_ind), 2018, 2022)"
            plain = engine_ms(d, base, args.repeat)
            ci = engine_ms(d, base + f" with ci 95 draws {args.draws} seed 7", args.repeat)
            twfe = engine_ms(d, f"from emploi_ind at {level} | where complete(emploi_ind, 2015..2022) | did ti1 pre 2015..2018 post 2019..2022 on emploi_ind model twfe", args.repeat)
            rng = np.random.default_rng(7)
            boot = python_ms(lambda: bootstrap(treated, a, b, args.draws, rng), args.repeat)
            perm = python_ms(lambda: permutation(treated, a, b, args.draws, rng), args.repeat)
            smf = python_ms(lambda: twfe_statsmodels(treated, jobs), args.repeat)
            npf = python_ms(lambda: twfe_numpy(treated, jobs), args.repeat)

            def cell(m):
                return f"{m[0]:.2f} ({m[1]:.2f})"
            cols = by_name(ci[2])
            lo, hi = cols["lo"][2], cols["hi"][2]
            agree_ci = f"tiq [{lo:.2f}, {hi:.2f}] pp, numpy [{100 * boot[2][0]:.2f}, {100 * boot[2][1]:.2f}] pp; p {cols['p'][2]:.4f} vs {perm[2]:.4f}"
            tw = by_name(twfe[2])
            beta, se = tw["estimate"][0], tw["se"][0]
            rel = max(abs(beta - smf[2][0]) / abs(smf[2][0]), abs(se - npf[2][1]) / abs(npf[2][1]))
            print(f"| {level} | {n:,} | compare, no interval | {cell(plain)} | | |")
            print(f"| {level} | {n:,} | bootstrap {args.draws:,} draws + permutation {args.draws:,} | {cell(ci)} | "
                  f"{boot[0] + perm[0]:.2f} ({boot[1] + perm[1]:.2f}) | {agree_ci} |")
            print(f"| {level} | {n:,} | bootstrap {args.draws:,} draws alone | | {cell(boot)} | |")
            print(f"| {level} | {n:,} | permutation {args.draws:,} draws alone | | {cell(perm)} | |")
            print(f"| {level} | {n:,} | TWFE + CR1, 2015-2022 panel | {cell(twfe)} | statsmodels {cell(smf)}; numpy {cell(npf)} | "
                  f"β, se to {rel:.1e} relative (clusters {int(tw['clusters'][0]):,}) |")
            sys.stdout.flush()
    finally:
        d.close()


if __name__ == "__main__":
    main()
