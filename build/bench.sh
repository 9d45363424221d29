#!/usr/bin/env bash
# Compares a full Bedside build with Hugo's on the standard corpus, side by
# side in one run: wall time and peak memory for 1,000 and 10,000 articles.
#
#   build/bench.sh [N...]        default: 1000 10000
#
# Needs python3, GNU time (/usr/bin/time) and Debian's hugo (apt-get install
# hugo time). The corpus is generated once into ${BEDSIDE_BENCH_DIR:-/tmp/bedside-bench}.
set -euo pipefail
cd "$(dirname "$0")/.."
root=${BEDSIDE_BENCH_DIR:-/tmp/bedside-bench}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
runs=${RUNS:-3}
# The corpus has review dates up to 2028: build as of a later day so none is in the future.
now=${BEDSIDE_BENCH_NOW:-2028-06-01}

go build -o "$root/bedside" ./cmd/bedside
measure() { # label, run, command...: prints "label run wall_s peak_MB"
  local label=$1 i=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$root/time.txt" "$@" >/dev/null 2>"$root/err.txt" || { cat "$root/err.txt"; exit 1; }
  read -r wall kb <"$root/time.txt"
  printf '%-28s run %d: %6.2f s  %6d MB\n' "$label" "$i" "$wall" $((kb / 1024))
}
# Bedside and Hugo take turns, so that a busy moment of a shared machine
# slows both rather than one.
for n in "${sizes[@]}"; do
  dir="$root/corpus-$n"
  [ -d "$dir/content" ] || python3 ../shared/bench/gencorpus.py "$n" "$dir" --hugo >/dev/null
  for i in $(seq "$runs"); do
    measure "bedside build ($n)" "$i" "$root/bedside" build --source "$dir" --dest "$root/out-bedside-$n" --now "$now"
    if command -v hugo >/dev/null; then
      measure "hugo ($n)" "$i" hugo --quiet --source "$dir" --destination "$root/out-hugo-$n"
    fi
  done
done
