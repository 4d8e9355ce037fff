#!/usr/bin/env bash
# Seeds the corpus of one fuzz target from the repository's own tests and examples.
#
#   Fuzz/seed.sh TARGET DIR
#
# jsonrpc: every line a client sends in protocol.md's examples, and the JSON string literals
#          of the Wire and Server tests;
# tql:     queries/*.tiq, every `q` of protocol.md's examples and the TQL-looking string
#          literals of the Language and Engine tests;
# csv:     the files of the server fixtures (mini, broken), each behind the byte that makes the
#          harness use it as that file;
# snapshot: single edits (see Harnesses/snapshot.swift) that zero, delete or duplicate each of
#          the first 64 integers of the payload (its header counts and lengths).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
target="${1:?usage: Fuzz/seed.sh TARGET DIR}"
dir="${2:?usage: Fuzz/seed.sh TARGET DIR}"
mkdir -p "$dir"
python3 - "$root" "$target" "$dir" <<'PY'
import glob, hashlib, json, os, re, sys
root, target, out = sys.argv[1:]
seeds = []
def literals(paths):
    for p in paths:
        text = open(p, encoding="utf-8").read()
        for m in re.finditer(r'#"(.*?)"#', text):
            yield m.group(1)
        for m in re.finditer(r'(?<![#\\])"((?:[^"\\\n]|\\.)*)"', text):
            yield m.group(1).replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")
sent = [l[2:] for l in open(os.path.join(root, "protocol.md"), encoding="utf-8") if l.startswith("→ ")]
if target == "jsonrpc":
    seeds += sent
    seeds += [s for s in literals(glob.glob(f"{root}/Tests/TIQWireTests/*.swift") + glob.glob(f"{root}/Tests/TIQServerTests/*.swift"))
              if s.lstrip().startswith(("{", "["))]
elif target == "tql":
    seeds += [open(p, encoding="utf-8").read() for p in sorted(glob.glob(f"{root}/queries/*.tiq"))]
    for line in sent:
        try:
            q = json.loads(line).get("params", {}).get("q")
        except Exception:
            q = None
        if isinstance(q, str): seeds.append(q)
    words = re.compile(r"\b(where|derive|agg|top|period|sort|select|from|rollup|limit)\b")
    seeds += [s for s in literals(glob.glob(f"{root}/Tests/TIQLanguageTests/*.swift") + glob.glob(f"{root}/Tests/TIQEngineTests/*.swift"))
              if words.search(s)]
elif target == "csv":
    names = ["territories.csv", "links.csv", "indicators.csv", "observations.csv"]
    for fixture in ("mini", "broken"):
        for i, name in enumerate(names):
            p = f"{root}/Tests/TIQServerTests/Fixtures/{fixture}/{name}"
            if os.path.exists(p):
                seeds.append(bytes([i]) + open(p, "rb").read())
elif target == "snapshot":
    import struct
    for k in range(64):
        seeds.append(struct.pack("<IBQ", 8 * k, 2, 0))          # the integer at 8k becomes 0
        seeds.append(struct.pack("<IBQ", 8 * k, 3, 8))          # it is deleted
        seeds.append(struct.pack("<IBQ", 8 * k, 4, 1))          # a 1 is inserted before it
else:
    sys.exit(f"unknown target {target}")
count = 0
for s in seeds:
    data = s if isinstance(s, bytes) else s.encode("utf-8", "surrogatepass")
    if not data or len(data) > 8192: continue
    with open(os.path.join(out, hashlib.sha1(data).hexdigest()), "wb") as f: f.write(data)
    count += 1
print(f"seeded {count} inputs for {target} in {out}", file=sys.stderr)
PY
