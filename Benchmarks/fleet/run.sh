#!/usr/bin/env bash
# Fleet benchmark: HOSTS simulated hosts × 8 domains at 1 Hz + 50 requests/s each,
# SECONDS_OF_DATA of fleet time prepared in one SQLite file per host, then shipped
# concurrently into one PostgreSQL 15 (fsync on); CPU of PostgreSQL and of the
# shippers is read from /proc. Then a fleet month report over usage_quarter.
#
#   Benchmarks/fleet/run.sh            (HOSTS=50 SECONDS_OF_DATA=600 by default)
#
# Builds incrementally in .build (the test target, debug: the shippers' CPU is an upper bound).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --build-tests >/dev/null
work="${WORK:-/tmp/frugal-fleet-bench}"
port="${PORT:-55440}"
rm -rf "$work"
mkdir -p "$work/hosts"
chmod 0755 "$work"
FRUGAL_PG_FSYNC=on .ci/postgres.sh start "$work/pg" "$port"
trap '.ci/postgres.sh stop "$work/pg"' EXIT
FRUGAL_FLEET_BENCH=1 FRUGAL_FLEET_BENCH_PORT="$port" FRUGAL_FLEET_BENCH_DIR="$work/pg" \
    FRUGAL_FLEET_BENCH_WORK="$work/hosts" FRUGAL_FLEET_BENCH_HOSTS="${HOSTS:-50}" \
    FRUGAL_FLEET_BENCH_SECONDS="${SECONDS_OF_DATA:-600}" \
    swift test --skip-build --filter FleetBenchmarkTests 2>&1 | grep -E "FLEET-BENCH|passed|failed|error"
.ci/postgres.sh psql "$work/pg" "$port" -Atc \
    "SELECT 'database size ' || pg_size_pretty(pg_database_size('frugal'))"
.ci/postgres.sh psql "$work/pg" "$port" -Atc "
    SELECT 'rows ' || string_agg(t || ' ' || n, ', ') FROM (
        SELECT 'sample_blocks' t, count(*) n FROM sample_blocks UNION ALL
        SELECT 'rollup_minute', count(*) FROM rollup_minute UNION ALL
        SELECT 'requests', count(*) FROM requests UNION ALL
        SELECT 'request_energy', count(*) FROM request_energy UNION ALL
        SELECT 'usage_quarter (without the month report fill)', count(*) FROM usage_quarter
            WHERE quarter_start_ns >= 1793491200000000000) c"
echo "load $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
