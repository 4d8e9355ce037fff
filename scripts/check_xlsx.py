#!/usr/bin/env python3
"""Independent check of `tiq query --format xlsx` (docs/cli.md § Output formats).

argv: WORKBOOK.xlsx ANSWER.json QUERY
ANSWER.json is the `--format json` answer of the same query (the `query` method's result of
`tiq serve`), computed without the xlsx writer. The workbook is read with openpyxl and zipfile:
 - the archive passes zipfile's CRC test;
 - sheet `data`: header = column names (a series: name@period) with " (unit)" for numbers,
   one row per answer row, every cell equal to the JSON value (absent = empty cell);
 - sheet `statuses`: same grid; each number cell holds its status ("" for a plain value,
   "missing" for a null without a status entry, else the entry's status);
 - sheet `notes`: the query, the coverage, one row per warning (by code).
Exit 0 when every check passes; each failure is printed otherwise.
"""
import json
import sys
import zipfile

import openpyxl

path, answer_path, query = sys.argv[1], sys.argv[2], sys.argv[3]
failures = []


def fail(msg):
    failures.append(msg)


bad = zipfile.ZipFile(path).testzip()
if bad is not None:
    fail(f"zip entry {bad} fails its CRC")

answer = json.load(open(answer_path, encoding="utf-8"))
wb = openpyxl.load_workbook(path)
if wb.sheetnames != ["data", "statuses", "notes"]:
    fail(f"sheets {wb.sheetnames}")
data = [list(r) for r in wb["data"].iter_rows(values_only=True)]
stat = [list(r) for r in wb["statuses"].iter_rows(values_only=True)]
notes = [list(r) for r in wb["notes"].iter_rows(values_only=True)]

periods = answer["periods"]
status_of = {}
for s in answer["statuses"]:
    status_of[(s["column"], s["row"], s.get("period"))] = s["status"]


def unit_suffix(col):
    u = col["unit"]
    if col["kind"] not in ("number", "series") or u in ("", "1"):
        return ""
    return f" ({u})"


# Expected grids from the JSON alone.
header = []
for col in answer["columns"]:
    if col["kind"] == "series":
        header += [f'{col["name"]}@{p}{unit_suffix(col)}' for p in periods]
    else:
        header.append(col["name"] + unit_suffix(col))
exp_data, exp_stat = [header], [header]
for r, row in enumerate(answer["rows"]):
    values, flags = [], []
    for col, cell in zip(answer["columns"], row):
        if col["kind"] in ("number", "series"):
            cells = cell if col["kind"] == "series" else [cell]
            keys = periods if col["kind"] == "series" else [None]
            for v, p in zip(cells, keys):
                values.append(v)
                st = status_of.get((col["name"], r, p))
                flags.append(st if st else ("missing" if v is None else None))
        else:
            values.append(cell)
            flags.append(cell)
    exp_data.append(values)
    exp_stat.append(flags)


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or a == b and type(a) is type(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b))
    return a == b


def compare(name, got, expected):
    if len(got) != len(expected):
        fail(f"{name}: {len(got)} rows, expected {len(expected)}")
    for r, (g, e) in enumerate(zip(got, expected)):
        g = g + [None] * (len(e) - len(g))
        if len(g) != len(e):
            fail(f"{name} row {r + 1}: {len(g)} cells, expected {len(e)}")
        for c, (gv, ev) in enumerate(zip(g, e)):
            if not same(gv, ev):
                fail(f"{name} row {r + 1} column {c + 1} ({expected[0][c]}): {gv!r}, expected {ev!r}")


compare("data", data, exp_data)
compare("statuses", stat, exp_stat)

what = [r[0] for r in notes[1:]]
texts = {r[0]: r[1] for r in notes[1:]}
if texts.get("query") != query:
    fail(f"notes: query {texts.get('query')!r}")
if "coverage" not in texts:
    fail("notes: no coverage")
warnings = [r[1] for r in notes[1:] if r[0] == "warning"]
codes = [w["code"] for w in answer.get("warnings", [])]
if len(warnings) != len(codes) or any(c not in w for c, w in zip(codes, warnings)):
    fail(f"notes: warnings {warnings}, expected codes {codes}")
if "source" not in what:
    fail("notes: no source")

for f in failures[:50]:
    print(f)
print(f"{len(failures)} failures; {sum(len(r) for r in data)} data cells checked")
sys.exit(1 if failures else 0)
