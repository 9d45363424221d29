#!/usr/bin/env bash
# Compares a full Bedside build with Hugo's on the standard corpus, side by
# side in one run: wall time and peak memory for 1,000 and 10,000 articles.
#
#   build/bench.sh [N...]        default: 1000 10000
#
# RUNS (default 3) runs of each tool per size. Each tool rebuilds into its
# own destination, as a writer running `bedside build` again does. With
# FRESH=1 each run writes into a new, never-used destination instead, as a
# CI or Netlify runner does (the destinations are removed at the end, not
# between runs: on an ext4 without a journal, as on this VM, creating files
# just after deleting tens of thousands costs several seconds of system time,
# to Hugo and Bedside alike, and would measure the file system, not them).
#
# At the end it prints the median wall time of each (and the mean CPU time,
# steadier on a shared machine), Bedside's share of Hugo's time
# (the target is at most 1/3) and how the time grows from the smallest size
# to the largest (the target for 1k -> 10k is at most 11x).
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
results="$root/results.txt"; : >"$results"
measure() { # tool, size, run, command...: prints "tool (size) run wall_s cpu_s peak_MB"
  local tool=$1 n=$2 i=$3; shift 3
  # The files of the run before go to disk first: the kernel would
  # otherwise write them back during this run, on the same two cores,
  # slowing whichever tool comes next (300 MB from a Bedside build,
  # 180 MB from Hugo's).
  sync
  /usr/bin/time -f "%e %M %U %S" -o "$root/time.txt" "$@" >/dev/null 2>"$root/err.txt" || { cat "$root/err.txt"; exit 1; }
  read -r wall kb user sys <"$root/time.txt"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  printf '%-28s run %d: %6.2f s  (%6.2f CPU-s)  %6d MB\n' "$tool build ($n)" "$i" "$wall" "$cpu" $((kb / 1024))
  echo "$tool $n $wall $((kb / 1024)) $cpu" >>"$results"
}
dest() { # tool, size, run: the destination of this run
  if [ "${FRESH:-0}" = 1 ]; then echo "$root/fresh-$1-$2-$3"; else echo "$root/out-$1-$2"; fi
}
# Left by an earlier FRESH=1 run that was cut short: no destination may
# exist before its run. (Their removal just before makes the first runs
# slower on an ext4 without a journal: see above.)
if compgen -G "$root/fresh-*" >/dev/null; then
  echo "removing the destinations of an earlier FRESH=1 run" >&2
  rm -rf "$root"/fresh-* "$root"/.bedside-prev-fresh-*
fi
# Bedside and Hugo take turns, so that a busy moment of a shared machine
# slows both rather than one.
for n in "${sizes[@]}"; do
  dir="$root/corpus-$n"
  [ -d "$dir/content" ] || python3 ../shared/bench/gencorpus.py "$n" "$dir" --hugo >/dev/null
  for i in $(seq "$runs"); do
    measure bedside "$n" "$i" "$root/bedside" build --source "$dir" --dest "$(dest bedside "$n" "$i")" --now "$now"
    if command -v hugo >/dev/null; then
      measure hugo "$n" "$i" hugo --quiet --source "$dir" --destination "$(dest hugo "$n" "$i")"
    fi
  done
done
if [ "${FRESH:-0}" = 1 ]; then rm -rf "$root"/fresh-* "$root"/.bedside-prev-fresh-*; fi

# Medians, the share of Hugo's time and the growth with size.
sort -k1,1 -k2,2n -k3,3n "$results" | awk '
  { key = $1 " " $2; t[key, ++c[key]] = $3; cpu[key] += $5; m[key] = ($4 > m[key] ? $4 : m[key]); if (!(key in seen)) { seen[key]; order[++k] = key } }
  function median(key,   n) { n = c[key]; return n % 2 ? t[key, (n + 1) / 2] : (t[key, n / 2] + t[key, n / 2 + 1]) / 2 }
  END {
    print ""
    for (j = 1; j <= k; j++) { split(order[j], a, " "); med[a[1], a[2]] = median(order[j]); sizes[a[2]]; printf "median %-8s %6d: %6.2f s, peak %5d MB (mean %.2f CPU-s, user and system)\n", a[1], a[2], med[a[1], a[2]], m[order[j]], cpu[order[j]] / c[order[j]] }
    for (j = 1; j <= k; j++) { split(order[j], a, " "); n = a[2]; if (a[1] == "bedside" && med["hugo", n] > 0) printf "bedside / hugo at %6d: %.2f (target <= 0.33)\n", n, med["bedside", n] / med["hugo", n] }
    lo = hi = ""; for (n in sizes) { if (lo == "" || n + 0 < lo + 0) lo = n; if (hi == "" || n + 0 > hi + 0) hi = n }
    if (lo != hi && med["bedside", lo] > 0) printf "bedside %d -> %d: %.1fx the time (target for 1k -> 10k <= 11x)\n", lo, hi, med["bedside", hi] / med["bedside", lo]
  }'
# The share of each pair too (Bedside's run i against Hugo's run i, which
# followed it): the host's speed drifts by several per cent from minute to
# minute, and a pair shares its minute, where the two medians may not.
awk '
  { r[$1, $2, ++c[$1, $2]] = $3; if ($1 == "bedside") sizes[$2] }
  END {
    for (n in sizes) {
      k = 0; line = ""
      for (i = 1; i <= c["bedside", n] && i <= c["hugo", n]; i++) { s[++k] = r["bedside", n, i] / r["hugo", n, i]; line = line sprintf(" %.3f", s[k]) }
      if (k == 0) continue
      for (i = 2; i <= k; i++) for (j = i; j > 1 && s[j - 1] > s[j]; j--) { t = s[j]; s[j] = s[j - 1]; s[j - 1] = t }
      printf "bedside / hugo per pair at %6d:%s (median %.3f)\n", n, line, k % 2 ? s[(k + 1) / 2] : (s[k / 2] + s[k / 2 + 1]) / 2
    }
  }' "$results"
