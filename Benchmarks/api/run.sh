#!/usr/bin/env bash
# The cost API under wrk, beside a trivial Hummingbird route and node_exporter's
# rapl+hwmon scrape, in one run on loopback. Builds in release.
# Usage: Benchmarks/api/run.sh [STORE] [PROBES_TREE]   (needs wrk and prometheus-node-exporter)
# BIN=path skips the build; NO_CACHE=1 serves every request from the store; DURATION=10s per run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
store="${1:-/tmp/frugal-api-bench/month.db}"
tree="${2:-$root/Probes/node-exporter-fixture/sys}"
duration="${DURATION:-10s}"
port=19464
trivial=19465
exporter=19100

if [ -z "${BIN:-}" ]; then
    swift build -c release --package-path "$here" >&2
    BIN="$(swift build -c release --package-path "$here" --show-bin-path)/api-benchmark"
fi
bin="$BIN"
mkdir -p "$(dirname "$store")"
"$bin" "$store" --port "$port" --trivial-port "$trivial" ${NO_CACHE:+--no-cache} &
server=$!
prometheus-node-exporter --web.listen-address="127.0.0.1:$exporter" --path.sysfs="$tree" \
    --collector.disable-defaults --collector.rapl --collector.hwmon >/dev/null 2>&1 &
node=$!
trap 'kill "$server" "$node" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && curl -sf "http://127.0.0.1:$exporter/metrics" >/dev/null && break
    sleep 1
done
sleep 5  # the first metrics refreshes read the whole month (~4 s of CPU on 2 cores)

# CPU seconds (user + system) a process has used so far.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }

# bench NAME URL PID CONNECTIONS: wrk figures, and CPU per request of PID. One request first:
# the API answers a new query once from the store (~0.2 s for a month) and from its cache after,
# refreshed in the background; the figures are the steady state, the first answer is timed apart.
bench() {
    local name="$1" url="$2" pid="$3" connections="$4" before after out first
    first="$(curl -s -o /dev/null -w '%{time_total}' "$url")"
    sleep 1
    before="$(cpu "$pid")"
    out="$(wrk -t1 -c"$connections" -d"$duration" --latency "$url")"
    after="$(cpu "$pid")"
    echo "$out" | awk -v name="$name" -v cpu0="$before" -v cpu1="$after" -v first="$first" '
        /Requests\/sec/ { rps = $2 }
        /requests in/ { n = $1 }
        $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
        END { printf "%-22s %10.0f req/s  p50 %8s  p99 %8s  cpu/req %.3f ms  (first answer %.1f ms)\n", name, rps, p50, p99, (cpu1 - cpu0) * 1000 / n, first * 1000 }'
}

day="from=2025-11-15T00:00:00Z&to=2025-11-16T00:00:00Z"
echo "# $(date -u +%FT%TZ) $(nproc) cores, wrk -t1 for $duration, cache ${NO_CACHE:+off}${NO_CACHE:-on}; $(uptime)"
bench "trivial route" "http://127.0.0.1:$trivial/trivial" "$server" 32
bench "/v1/models" "http://127.0.0.1:$port/v1/models" "$server" 32
bench "/v1/requests (1 day)" "http://127.0.0.1:$port/v1/requests?$day" "$server" 32
bench "/metrics" "http://127.0.0.1:$port/metrics" "$server" 4
bench "node_exporter" "http://127.0.0.1:$exporter/metrics" "$node" 4
echo "# $(uptime)"
