#!/usr/bin/env python3
"""Reference values of tiq's descriptive statistics, computed with numpy.

Reads JSON on stdin: {"groups": {key: {"g": [x or null, ...], "e": [x or null, ...]}}}, one
entry per row of the group (g: a value, e: a second value paired with it). Writes JSON on
stdout: {key: {statistic: value or null}}, null meaning undefined. The statistics are those of
DescriptiveTests.statsQuery:

  s = sd(g), v = var(g)          sample (ddof = 1); undefined when n < 2
  q = quantile(g, 0.3)           numpy's default linear method (R type 7)
  m = quantile(t, 0.5), i = iqr(t) with t = floor(100 g), which has ties
  c = corr(g, e), b = slope(g, e) on rows where both are present; undefined for n < 2 or a
                                 constant variable
  b0 = slope(g, 5), c0 = corr(g, 5)  constant x: undefined
  up = share_if(g > 0), nu = count_if(g > 0), s_n = n of sd, c_n = n of corr
Run by Tests/TIQEngineTests/NumpyCrossCheckTests.swift.
"""
import json
import sys

import numpy as np


def present(values):
    return np.array([v for v in values if v is not None], dtype=float)


def sample_var(x):
    return float(np.var(x, ddof=1)) if len(x) >= 2 else None


def quantile(x, p):
    return float(np.quantile(x, p)) if len(x) else None


def corr(x, y):
    if len(x) < 2 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return None
    return float(np.corrcoef(x, y)[0, 1])


def slope(y, x):
    if len(x) < 2 or np.ptp(x) == 0:
        return None
    design = np.column_stack([np.ones(len(x)), x])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    return float(coef[1])


def statistics(group):
    g = present(group["g"])
    t = np.floor(g * 100)
    pairs = [(a, b) for a, b in zip(group["g"], group["e"]) if a is not None and b is not None]
    pg = np.array([a for a, _ in pairs], dtype=float)
    pe = np.array([b for _, b in pairs], dtype=float)
    var = sample_var(g)
    iqr = None if not len(t) else float(np.quantile(t, 0.75) - np.quantile(t, 0.25))
    constant = np.full(len(g), 5.0)
    return {
        "s": None if var is None else float(np.sqrt(var)),
        "v": var,
        "q": quantile(g, 0.3),
        "m": quantile(t, 0.5),
        "i": iqr,
        "c": corr(pg, pe),
        "b": slope(pg, pe),
        "b0": slope(g, constant),
        "c0": corr(g, constant),
        "up": float(np.mean(g > 0)) if len(g) else None,
        "nu": float(np.sum(g > 0)),
        "s_n": float(len(g)),
        "c_n": float(len(pairs)),
    }


def main():
    data = json.load(sys.stdin)
    json.dump({key: statistics(group) for key, group in data["groups"].items()}, sys.stdout)


if __name__ == "__main__":
    main()
