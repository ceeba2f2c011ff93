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
# 4. prints per-host and fleet totals computed by PostgreSQL;
# 5. starts `frugal serve --store postgres://…` and prints the cost API's
#    answer across hosts: per host (host=) and for the fleet.
# The servers are stopped at the end; KEEP=1 leaves PostgreSQL running.
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
serve_pid=""
stop() {
    [[ -z "$serve_pid" ]] || kill "$serve_pid" 2>/dev/null || true
    [[ "${KEEP:-0}" == 1 ]] || .ci/postgres.sh stop "$work/pg"
}
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
# The cost API over the fleet's database: one host with host=, the fleet without.
api="127.0.0.1:${API_PORT:-55464}"
"$frugal" serve --store "$url" --password-file "$work/pg/password" --listen "$api" >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 50); do curl -sf "http://$api/readyz" >/dev/null && break; sleep 0.2; done
demo='from=2026-10-12T00:00:00Z&to=2026-10-13T00:00:00Z'
echo "GET /v1/models from frugal serve --store postgres://… (the demo's day):"
for host in demo-a demo-b demo-c ""; do
    curl -sf "http://$api/v1/models?$demo${host:+&host=$host}" | python3 -c '
import json, sys
for m in json.load(sys.stdin)["models"]:
    t = m["total"]
    print("%-8s %-46s %6d requests %8.4f kWh %9.2f gCO2e" % (sys.argv[1] or "FLEET", m["model"], m["requests"],
          t["energy"]["full_joules"] / 3.6e6, t["co2e"]["direct_grams"]))
' "$host"
done
echo "GET /v1/hosts:"
curl -sf "http://$api/v1/hosts?$demo" | python3 -c '
import json, sys
for h in json.load(sys.stdin)["hosts"]:
    e = {k: v / 3.6e6 for k, v in h["energy"].items()}
    print("%-8s measured %.4f kWh = idle %.4f + attributed %.4f + unattributed %.4f" % (h["name"],
          e["measured_joules"], e["idle_joules"], e["attributed_joules"], e["unattributed_joules"]))
'
echo "data in $work (psql: .ci/postgres.sh psql $work/pg $port)"
