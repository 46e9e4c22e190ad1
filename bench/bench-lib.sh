# Sourced by the benchmark scripts: timing helpers. Needs die from the caller.

# timed LOGFILE cmd...: runs cmd with its output in LOGFILE and prints its wall time in seconds; fails loudly.
timed() {
  local logf=$1 t0 t1
  shift
  t0=$(date +%s.%N)
  if ! "$@" >"$logf" 2>&1; then
    tail -n 40 "$logf" >&2
    die "failed: $* (log: $logf)"
  fi
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}

# median: of the numbers on standard input, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
