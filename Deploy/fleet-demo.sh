#!/usr/bin/env bash
# Fleet demo: three demo hosts into one PostgreSQL, then per-host and fleet totals.
#
#   Deploy/fleet-demo.sh [WORKDIR]
#
# 1. starts a throwaway PostgreSQL 15 on loopback (.ci/postgres.sh, in WORKDIR/pg);
# 2. runs `frugal demo` three times with different seeds (the whole pipeline:
#    RAPL replay and simulated GPUs, LiteLLM log ingestion, live attribution),
#    each into its own SQLite file, and names the hosts demo-a, demo-b, demo-c
#    (the demo always names its host the same: the copies are renamed);
# 3. moves the three hosts into PostgreSQL at the same time with
#    `frugal migrate` (which checks row for row that each arrived whole);
# 4. prints per-host and fleet totals computed by PostgreSQL.
# The server is stopped at the end; KEEP=1 leaves it running.
set -euo pipefail
cd "$(dirname "$0")/.."

work="${1:-$(mktemp -d /tmp/frugal-fleet-demo.XXXXXX)}"
port="${PORT:-55433}"
seconds="${SECONDS_SIMULATED:-3600}"  # per demo host (--seconds)
mkdir -p "$work"
chmod 0755 "$work"

frugal="${FRUGAL:-}"
if [[ -z "$frugal" ]]; then
    echo "building frugal…" >&2
    swift build --product frugal >&2
    frugal="$(swift build --show-bin-path)/frugal"
fi

.ci/postgres.sh start "$work/pg" "$port"
stop() { [[ "${KEEP:-0}" == 1 ]] || .ci/postgres.sh stop "$work/pg"; }
trap stop EXIT
url="postgres://frugal@127.0.0.1:$port/frugal?sslmode=disable"

rename_host() {
    local db="$1" name="$2"
    sqlite3 "$db" "
        UPDATE hosts SET name = '$name';
        UPDATE requests SET host = '$name';
        UPDATE attribution_windows SET host = '$name';
        UPDATE attribution_books SET host = '$name';
        UPDATE request_energy SET host = '$name';
        UPDATE usage_quarter SET host = '$name';
        UPDATE model_coefficients SET host = '$name';"
}

seed=2026
for host in demo-a demo-b demo-c; do
    "$frugal" demo --output "$work/$host" --seconds "$seconds" --seed "$seed" >"$work/$host.txt" 2>&1 &
    seed=$((seed + 1))
done
wait
for host in demo-a demo-b demo-c; do rename_host "$work/$host/frugal.db" "$host"; done

for host in demo-a demo-b demo-c; do
    "$frugal" migrate --from "sqlite:$work/$host/frugal.db" --to "$url" \
        --password-file "$work/pg/password" 2>"$work/$host.migrate.log" &
done
wait
grep -h "verified" "$work"/demo-*.migrate.log

.ci/postgres.sh psql "$work/pg" "$port" -P footer=off -c "
WITH measured AS (
    SELECT host, sum(measured_uj) AS uj FROM attribution_books WHERE counted = 1 GROUP BY host
), used AS (
    SELECT host, sum(requests) AS requests, sum(prompt_tokens + completion_tokens) AS tokens,
           sum(dynamic_uj) AS dynamic_uj, sum(idle_uj) AS idle_uj
    FROM usage_quarter GROUP BY host
)
SELECT coalesce(u.host, 'FLEET') AS host,
       sum(u.requests) AS requests, sum(u.tokens) AS tokens,
       round(sum(m.uj) / 3.6e12, 3) AS measured_kwh,
       round(sum(u.dynamic_uj + u.idle_uj) / 3.6e12, 3) AS requests_kwh,
       round(sum(u.dynamic_uj + u.idle_uj) / nullif(sum(u.requests), 0) / 1e6, 1) AS joules_per_request
FROM used u JOIN measured m USING (host)
GROUP BY ROLLUP (u.host) ORDER BY u.host NULLS LAST;"

.ci/postgres.sh psql "$work/pg" "$port" -P footer=off -c "
SELECT coalesce(model, 'FLEET') AS model, sum(requests) AS requests, round(sum(dynamic_uj + idle_uj) / 3.6e12, 4) AS kwh
FROM usage_quarter GROUP BY ROLLUP (model) ORDER BY grouping(model), model;"
echo "data in $work (psql: .ci/postgres.sh psql $work/pg $port)"
