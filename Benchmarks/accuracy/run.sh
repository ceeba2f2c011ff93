#!/usr/bin/env bash
# Attribution accuracy against the simulator's ground truth, for Frugal (with
# and without the gateway's backends mapped to GPUs) and two baselines (equal
# time-overlap split; EcoLogits-style estimate from parameter count), on every
# preset scenario, in one run. Release build of this folder's package.
#
#   Benchmarks/accuracy/run.sh [seconds] [start-hour] [scenario...]   (default: 3600 s from 09:00, all)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scratch="${ACCURACY_SCRATCH:-$here/../../.build-accuracy}"
swift build -c release --package-path "$here" --scratch-path "$scratch" >&2
"$scratch/release/accuracy" "$@"
