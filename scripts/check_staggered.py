#!/usr/bin/env python3
"""Independent check of tiq's staggered-entry comparison (docs/evaluation.md § Staggered entry).

Input: a JSON file (argv[1]) written by Tests/TIQEngineTests/Inference/StaggeredChecksTests.swift:
 - "dataset": a dataset directory (the four CSV files; links.csv with `from`/`to` columns);
 - "cases": each with the level (`commune` or `epci`), the grouping level, the pre and post
   windows, whether only territories ever in the grouping are kept, and tiq's rows
   (cohort, period, att, n_treated, n_control, weight).
Everything expected is computed here from the CSV files alone, with pandas and numpy:
 - membership at year t: the links whose validity holds at t (from <= t <= to, empty = open);
   a commune's share is the sum of its valid weights into the grouping, an EPCI's share the
   population-weighted mean of its communes' shares; a member when the share >= 0.5;
 - y: the commune values, or the strict sum over an EPCI's communes (absent if one is absent);
 - entry: the first panel year a territory is a member; members in the pre window are left
   out, territories with an absent y in the panel dropped;
 - ATT(g, t) = mean_{entry = g}(y_t - y_{g-1}) - mean_{entry > t or never}(y_t - y_{g-1}),
   undefined without controls; overall = sum n_g ATT(g, t) / sum n_g over the defined cells.
Exit status 0 when every check passes; the failures are printed otherwise.
"""
import json
import math
import os
import sys

import numpy as np
import pandas as pd

FAILURES = []


def close(a, b, rel=1e-9):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


def read(directory):
    t = pd.read_csv(os.path.join(directory, "territories.csv"), dtype=str, keep_default_na=False)
    links = pd.read_csv(os.path.join(directory, "links.csv"), dtype=str, keep_default_na=False)
    obs = pd.read_csv(os.path.join(directory, "observations.csv"), dtype=str, keep_default_na=False)
    return t, links, obs


def expected(case, t, links, obs):
    level, group = case["level"], case["group"]
    pre, post = case["pre"], case["post"]
    years = list(range(pre[0], pre[1] + 1)) + list(range(post[0], post[1] + 1))
    communes = t[t.level == "commune"]
    pop = {"commune:" + r.code: float(r.population) for r in communes.itertuples()}
    valid = links[links.parent.str.startswith(group + ":")].copy()
    valid["w"] = valid.weight.replace("", "1").astype(float)

    def commune_share(c, year):
        rows = valid[valid.child == c]
        return float(sum(w for a, b, w in zip(rows["from"], rows["to"], rows.w)
                         if (a == "" or int(a) <= year) and (b == "" or year <= int(b))))

    values = {}
    for r in obs.itertuples():
        values[(r.territory, int(r.period))] = float(r.value) if r.value != "" else None

    if level == "commune":
        units = {c: [c] for c in pop}
    else:
        up = links[links.parent.str.startswith("epci:")]
        units = {}
        for r in up.itertuples():
            units.setdefault(r.parent, []).append(r.child)

    def share(members, year):
        total = sum(pop[c] for c in members)
        return sum(pop[c] * commune_share(c, year) for c in members) / total

    def ever_share(members):
        total = sum(pop[c] for c in members)
        union = valid.groupby(["child", "parent"]).w.max().groupby(level=0).sum()
        return sum(pop[c] * float(union.get(c, 0.0)) for c in members) / total

    def y(members, year):
        v = [values.get((c, year)) for c in members]
        return None if any(x is None for x in v) else sum(v)

    rows = []  # (entry year or None, y per year)
    for key in sorted(units):
        members = units[key]
        member_years = [yr for yr in years if share(members, yr) >= 0.5]
        if case["only_ever"] and ever_share(members) < 0.5:
            continue   # `where <group>`: the flag of all time (each link once, its largest weight)
        entry = member_years[0] if member_years else None
        if entry is not None and entry <= pre[1]:
            continue
        ys = [y(members, yr) for yr in years]
        if any(v is None for v in ys):
            continue
        rows.append((entry, np.array(ys)))

    index = {yr: k for k, yr in enumerate(years)}
    cohorts = sorted({e for e, _ in rows if e is not None and e >= post[0]})
    out, num, den = [], 0.0, 0
    for g in cohorts:
        base = index[g] - 1
        treated = [v for e, v in rows if e == g]
        for yr in [x for x in years if x >= g]:
            controls = [v for e, v in rows if e is None or e > yr]
            k = index[yr]
            att = None
            if controls:
                att = float(np.mean([v[k] - v[base] for v in treated]) - np.mean([v[k] - v[base] for v in controls]))
                num += len(treated) * att
                den += len(treated)
            out.append({"cohort": str(g), "period": str(yr), "att": att, "n_treated": len(treated), "n_control": len(controls)})
    for r in out:
        r["weight"] = r["n_treated"] / den if r["att"] is not None and den else 0.0
    out.append({"cohort": "overall", "att": num / den if den else None, "weight": 1.0 if den else 0.0,
                "n_treated": sum(1 for e, _ in rows if e in cohorts),
                "n_control": sum(1 for e, _ in rows if e is None)})
    return out


def main():
    data = json.load(open(sys.argv[1]))
    t, links, obs = read(data["dataset"])
    for case in data["cases"]:
        want = expected(case, t, links, obs)
        got = case["rows"]
        name = case["name"]
        if [r["cohort"] for r in got] != [r["cohort"] for r in want]:
            FAILURES.append(f"{name}: cohorts {[r['cohort'] for r in got]}, expected {[r['cohort'] for r in want]}")
            continue
        for g, w in zip(got, want):
            for key in ["period", "att", "n_treated", "n_control", "weight"]:
                if key not in w:
                    continue
                ok = g[key] == w[key] if key == "period" else close(g[key], w[key])
                if not ok:
                    FAILURES.append(f"{name} cohort {w['cohort']} {w.get('period', '')} {key}: tiq {g[key]}, expected {w[key]}")
        if "expect_undefined" in case:
            undefined = sum(1 for r in want if r["att"] is None and r["cohort"] != "overall")
            if undefined != case["expect_undefined"]:
                FAILURES.append(f"{name}: {undefined} cells without controls, the test expects {case['expect_undefined']}")
    if FAILURES:
        print("\n".join(FAILURES))
        sys.exit(1)
    print("staggered checks: all passed")


if __name__ == "__main__":
    main()
