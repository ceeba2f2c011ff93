#!/usr/bin/env bash
# Attribution accuracy against the simulator's ground truth, for Frugal and two
# baselines (equal time-overlap split; EcoLogits-style estimate from parameter
# count), on every preset scenario, in one run.
#
#   Benchmarks/accuracy/run.sh [seconds] [start-hour]     (default: 3600 s from 09:00)
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-3600}"
start_hour="${2:-9}"
swift build -c release --product frugal >/dev/null
bin="$(swift build -c release --show-bin-path)/frugal"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

first=1
for scenario in light-pinned heavy-pinned light-shared heavy-shared one-model many-models tp4-70b missing-first-token clock-offset; do
  out="$("$bin" simulate --scenario "$scenario" --seconds "$seconds" --start-hour "$start_hour" \
    --evaluate --output "$work/$scenario" 2>/dev/null)"
  # The table header once, then each scenario's rows.
  if [ "$first" = 1 ]; then
    grep -E "^scenario" <<<"$out"
    first=0
  fi
  grep -E "frugal|time-overlap|ecologits" <<<"$out"
done
