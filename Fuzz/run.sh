#!/usr/bin/env bash
# Builds and runs one libFuzzer target for a given time.
#
#   Fuzz/run.sh TARGET SECONDS [libFuzzer options...]
#
# TARGET is jsonrpc (LineFramer + JSON parser + JSON-RPC decoder + writer round trip),
# tql (parser, printer, Engine.check, completion, hover on the mini fixture) or csv (CSVReader on
# the bytes, then DatasetLoader with one of the four files replaced by them) or snapshot (edits to
# a valid snapshot file's payload, behind a header with the right checksum, opened and queried).
#
# Environment:
#   SANITIZE   swiftc -sanitize value (default fuzzer,address; `fuzzer` alone runs ~8x faster)
#   RUNS       stop after this many executions instead of (or as well as) SECONDS
#   FUZZ_OUT   where builds, corpora and crash files go (default Fuzz/.work, git-ignored)
#
# The corpus grows in $FUZZ_OUT/corpus/TARGET, seeded by Fuzz/seed.sh. A crashing input is
# written to $FUZZ_OUT/crashes/TARGET/ and the script exits non-zero: copy it into
# Fuzz/regressions/TARGET/ (the Swift tests replay every file there).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
target="${1:?usage: Fuzz/run.sh TARGET SECONDS [libFuzzer options...]}"
seconds="${2:?usage: Fuzz/run.sh TARGET SECONDS [libFuzzer options...]}"
shift 2
sanitize="${SANITIZE:-fuzzer,address}"
out="${FUZZ_OUT:-$here/.work}"
swiftc="${SWIFTC:-$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)}"

case "$target" in
  jsonrpc|tql|csv|snapshot) ;;
  *) echo "unknown target '$target': jsonrpc, tql, csv or snapshot" >&2; exit 2 ;;
esac
# Every target's code is in TIQFuzzTargets (shared with FuzzTests), which needs the modules
# before it; the harness file only builds the target and hands it libFuzzer's inputs.
modules=(TIQCore TIQWire TIQLanguage TIQStore TIQEngine TIQFuzzTargets)

build="$out/build/${sanitize//,/-}"
mkdir -p "$build"
flags=(-O -sanitize="$sanitize" -parse-as-library -swift-version 6 -I "$build" -L "$build")
# Each module becomes a static library (from every .swift file below Sources/MODULE, subfolders
# included), rebuilt when one of its sources is newer, or the library
# of a module before it in the list is (they depend on it: a changed type layout in TIQStore
# must not meet a TIQEngine compiled against the old one, even when another target's run
# rebuilt TIQStore). A failed build stops the script rather than linking a stale library.
rebuild_rest=0
built=()
for m in "${modules[@]}"; do
  lib="$build/lib$m.a"
  mapfile -t sources < <(find "$root/Sources/$m" -name '*.swift' | sort)
  # A file added or removed (even an old one, moved in by a merge) changes the list: rebuild.
  if [ "$rebuild_rest" = 1 ] || [ ! -f "$lib" ] || [ "$(printf '%s\n' "${sources[@]}")" != "$(cat "$build/$m.sources" 2>/dev/null)" ] || [ -n "$(find "$root/Sources/$m" -name '*.swift' -newer "$lib" | head -1)" ] \
     || [ -n "$(for b in "${built[@]}"; do find "$b" -newer "$lib"; done)" ]; then
    echo "building $m ($sanitize)" >&2
    rm -f "$lib"
    printf '%s\n' "${sources[@]}" > "$build/$m.sources"
    if ! "$swiftc" "${flags[@]}" -emit-library -static -emit-module -module-name "$m" \
      -emit-module-path "$build/$m.swiftmodule" "${sources[@]}" -o "$lib" 2> "$build/$m.log"; then
      grep -v 'ld.gold: warning' "$build/$m.log" >&2
      rm -f "$lib"
      echo "building $m failed" >&2
      exit 1
    fi
    rebuild_rest=1
  fi
  built+=("$lib")
done
exe="$build/fuzz-$target"
harness="$here/Harnesses/$target.swift"
if [ ! -x "$exe" ] || [ -n "$(find "$harness" -newer "$exe")" ] || [ -n "$(for m in "${modules[@]}"; do find "$build/lib$m.a" -newer "$exe"; done)" ]; then
  echo "linking fuzz-$target" >&2
  # Static libraries link users first: the reverse of the build order.
  libs=(); for ((k=${#modules[@]}-1; k>=0; k--)); do libs+=(-l"${modules[k]}"); done
  "$swiftc" "${flags[@]}" -module-name "Fuzz_$target" "$harness" "${libs[@]}" -o "$exe" 2>&1 | grep -v 'ld.gold: warning' >&2 || true
  [ -x "$exe" ] || { echo "linking fuzz-$target failed" >&2; exit 1; }
fi

corpus="$out/corpus/$target"
if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus")" ]; then "$here/seed.sh" "$target" "$corpus"; fi
crashes="$out/crashes/$target"
mkdir -p "$crashes"
# A trap must reach libFuzzer's signal handler, which saves the crashing input: Swift's own
# backtracer would take the signal first and exit without it.
export SWIFT_BACKTRACE=enable=no
export TIQ_FUZZ_DATASET="$root/Tests/TIQServerTests/Fixtures/mini"
runs=()
[ -n "${RUNS:-}" ] && runs=(-runs="$RUNS")
exec "$exe" -max_total_time="$seconds" "${runs[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
  -artifact_prefix="$crashes/" -print_final_stats=1 "$@" "$corpus" "$here/regressions/$target"
