#!/usr/bin/env bash
# Fleet benchmark: HOSTS simulated hosts × 8 domains at 1 Hz + 50 requests/s each,
# SECONDS_OF_DATA of fleet time prepared in one SQLite file per host, then shipped
# concurrently into one PostgreSQL 15 (fsync on); CPU of PostgreSQL and of the
# shippers is read from /proc. Then a fleet month report over usage_quarter.
#
#   Benchmarks/fleet/run.sh            (HOSTS=50 SECONDS_OF_DATA=600 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${WORK:-/tmp/frugal-fleet-bench}"
port="${PORT:-55440}"
scratch="${SCRATCH:-.build-fleet}"
rm -rf "$work"
mkdir -p "$work/hosts"
chmod 0755 "$work"
FRUGAL_PG_FSYNC=on .ci/postgres.sh start "$work/pg" "$port"
trap '.ci/postgres.sh stop "$work/pg"' EXIT
FRUGAL_FLEET_BENCH=1 FRUGAL_FLEET_BENCH_PORT="$port" FRUGAL_FLEET_BENCH_DIR="$work/pg" \
    FRUGAL_FLEET_BENCH_WORK="$work/hosts" FRUGAL_FLEET_BENCH_HOSTS="${HOSTS:-50}" \
    FRUGAL_FLEET_BENCH_SECONDS="${SECONDS_OF_DATA:-600}" \
    swift test --scratch-path "$scratch" --filter FleetBenchmarkTests 2>&1 | grep -E "FLEET-BENCH|passed|failed|error"
.ci/postgres.sh psql "$work/pg" "$port" -Atc \
    "SELECT 'database size ' || pg_size_pretty(pg_database_size('frugal'))"
