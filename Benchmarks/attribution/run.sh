#!/usr/bin/env bash
# The attribution month benchmark (see Benchmarks/README.md, "attribution"):
# a simulated month (30 days, 1 s, 8 domains, ~1 M requests) attributed window
# by window on 2 threads, its books checked to the microjoule, its peak RSS
# measured by /usr/bin/time -v; then the live per-interval step.
#
#   Benchmarks/attribution/run.sh [data-dir]     (default: $TMPDIR/frugal-attribution-month, ~260 MB)
set -euo pipefail
cd "$(dirname "$0")"

data="${1:-${TMPDIR:-/tmp}/frugal-attribution-month}"
swift build -c release --product attribution-benchmark >/dev/null
bin=.build/release/attribution-benchmark
if [ ! -f "$data/requests.bin" ]; then
  "$bin" generate "$data" --days 30 --peak-scale 1.9
fi
/usr/bin/time -v "$bin" run "$data" --threads 2 2>"$data/time.txt"
grep -E "Maximum resident|Elapsed|User time|System time" "$data/time.txt"
"$bin" step "$data" --calls 20000
