#!/usr/bin/env bash
# The sampling benchmark (issue 3): Frugal's CPU per sample and its daemon's
# CPU and memory at 10 Hz, each beside node_exporter (rapl + hwmon collectors
# only) on the same tmpfs sysfs tree, in one run. See Benchmarks/README.md.
#
# Usage: Benchmarks/sampling/run.sh [--no-build] [--strict]
#   --no-build  use the binaries already in .build-bench-release and .build-bench
#   --strict    exit 2 when a goal is missed (default: exit 0 after a full run)
# Environment: SCRAPES (2000), DAEMON_SECONDS (60), OPERATIONS (100000);
#   FRUGAL_SCRATCH and BENCH_SCRATCH: build folders (.build-bench-release, .build-bench).
#
# Binds 127.0.0.1 only; every process it starts is stopped on exit.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
scrapes=${SCRAPES:-2000}
window=${DAEMON_SECONDS:-60}
operations=${OPERATIONS:-100000}
build=1
strict=0
for arg in "$@"; do
    case $arg in
        --no-build) build=0 ;;
        --strict) strict=1 ;;
        -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument $arg (try --help)" >&2; exit 64 ;;
    esac
done

frugal_scratch=${FRUGAL_SCRATCH:-$root/.build-bench-release}
bench_scratch=${BENCH_SCRATCH:-$root/.build-bench}
frugal=$frugal_scratch/release/frugal
bench=$bench_scratch/release/sampling-benchmark
exporter=$(command -v prometheus-node-exporter || command -v node_exporter || true)
hz=$(getconf CLK_TCK)
work=$(mktemp -d /dev/shm/frugal-sampling.XXXXXX)
tree=$work/sys
started=()

cleanup() {
    local pid
    for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${started[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
now_ns() { date +%s%N; }
# sleep in the background and wait: a trapped SIGINT/SIGTERM interrupts wait at once, not sleep.
nap() {
    sleep "$1" &
    started+=("$!")
    wait "$!"
}

# utime + stime of a process (all its threads, live and exited), in clock ticks.
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
# A /proc/PID/status field in kB (VmRSS, VmHWM).
status_kb() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }
# awk arithmetic, printed with a format: calc FORMAT EXPRESSION.
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

build_all() {
    log "building frugal (release, static Swift runtime as shipped, $frugal_scratch) and the benchmark ($bench_scratch)"
    # Built as Makefile and Deploy/install.sh build it: the static runtime is what runs on hosts.
    (cd "$root" && swift build -c release --product frugal --static-swift-stdlib --scratch-path "$frugal_scratch") \
        >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; die "swift build of frugal failed"; }
    swift build -c release --package-path "$here" --scratch-path "$bench_scratch" \
        >>"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; die "swift build of the benchmark failed"; }
}

# 8 RAPL zones (rapl-full-server without psys) and 6 hwmon power channels
# (the ACPI power meter and two amdgpu from hwmon-acpi-power-meter, k10temp
# Package and Core and platform_sensor from kepler-fixture).
make_tree() {
    local acpi=$root/Probes/hwmon-acpi-power-meter/sys kepler=$root/Probes/kepler-fixture/sys/class/hwmon
    cp -R "$root/Probes/rapl-full-server/sys" "$tree"
    rm -rf "$tree/class/powercap/intel-rapl:2" "$tree/devices/virtual/powercap/intel-rapl/intel-rapl:2" \
        "$tree/class/hwmon" "$tree/devices/platform"
    mkdir -p "$tree/class/hwmon"
    cp -R "$acpi/devices/LNXSYSTM:00" "$acpi/devices/pci0000:00" "$tree/devices/"
    cp -R "$acpi/class/hwmon/hwmon0" "$acpi/class/hwmon/hwmon1" "$acpi/class/hwmon/hwmon2" "$tree/class/hwmon/"
    cp -R "$kepler/hwmon0" "$tree/class/hwmon/hwmon3"
    cp -R "$kepler/hwmon2" "$tree/class/hwmon/hwmon4"
}

# Starts node_exporter on a free 127.0.0.1 port; sets ne_pid and ne_port.
start_exporter() {
    local name=$1 attempt
    shift
    for attempt in 1 2 3 4 5; do
        ne_port=$((20000 + RANDOM % 20000 + attempt))
        "$exporter" --path.sysfs "$tree" --collector.disable-defaults --collector.rapl --collector.hwmon \
            --web.listen-address "127.0.0.1:$ne_port" "$@" >"$work/$name.log" 2>&1 &
        ne_pid=$!
        started+=("$ne_pid")
        for _ in $(seq 50); do
            if curl -sf -o /dev/null "http://127.0.0.1:$ne_port/metrics"; then return 0; fi
            kill -0 "$ne_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill "$ne_pid" 2>/dev/null || true
    done
    die "node_exporter did not answer on 127.0.0.1 (see $work/$name.log)"
}

# Scrapes node_exporter N times over one kept-alive connection (curl's URL
# range), then stays idle as long; prints its CPU ns per scrape, idle subtracted.
scrape_cost() {
    local pid=$1 port=$2 n=$3 c0 c1 c2 t0 t1 ok
    curl -s -o /dev/null "http://127.0.0.1:$port/metrics?warmup=[1-200]" >/dev/null
    c0=$(cpu_ticks "$pid")
    t0=$(now_ns)
    ok=$(curl -s -w '%{stderr}%{http_code}\n' "http://127.0.0.1:$port/metrics?scrape=[1-$n]" 2>&1 >/dev/null |
        grep -c '^200$' || true)
    t1=$(now_ns)
    c1=$(cpu_ticks "$pid")
    [[ $ok == "$n" ]] || die "only $ok of $n scrapes answered 200"
    sleep "$(calc '%.3f' "($t1 - $t0) / 1e9")"
    c2=$(cpu_ticks "$pid")
    log "  $n scrapes in $(calc '%.2f' "($t1 - $t0) / 1e9") s: $((c1 - c0)) ticks busy, $((c2 - c1)) ticks idle after"
    calc '%.0f' "(($c1 - $c0) - ($c2 - $c1)) * 1e9 / $hz / $n"
}

# Column 3 (CPU ns per operation) of a scenario's line in a benchmark output.
bench_ns() { awk -F '\t' -v name="$2" '$1 == name { print $3 }' "$1"; }

check_tree() {
    local frugal_domains peer_series
    frugal_domains=$(FRUGAL_PROBES_NVML=off "$frugal" probe --sysfs-root "$tree" --format json | jq '.entries | length')
    [[ $frugal_domains == 14 ]] || die "frugal probe finds $frugal_domains domains on the tree, expected 14"
    start_exporter check
    peer_series=$(curl -sf "http://127.0.0.1:$ne_port/metrics" |
        grep -cE '^node_rapl_[a-z]+_joules_total\{|^node_hwmon_power_(average_)?watt\{' || true)
    kill "$ne_pid"
    [[ $peer_series == 14 ]] || die "node_exporter shows $peer_series power and energy series, expected 14"
    log "tree: 8 RAPL zones + 6 hwmon power channels; frugal and node_exporter each read 14"
}

load() { cut -d ' ' -f 1-3 /proc/loadavg; }

main() {
    load_start=$(load)
    revision=$(git -C "$root" describe --always --dirty 2>/dev/null || echo "unknown (not a git checkout)")
    [[ -n $exporter ]] || die "prometheus-node-exporter is not installed (apt install prometheus-node-exporter)"
    for tool in curl jq sqlite3 swift; do command -v "$tool" >/dev/null || die "$tool is not installed"; done
    if ((build)); then build_all; fi
    [[ -x $frugal && -x $bench ]] || die "binaries missing: run without --no-build"
    make_tree
    check_tree

    log "1/3 Frugal: read() and sampler tick, $operations times each (getrusage)"
    "$bench" --sysfs-root "$tree" --operations "$operations" --expect-domains 14 >"$work/bench.tsv"

    log "2/3 node_exporter: CPU per scrape over $scrapes scrapes, then as long idle"
    start_exporter peer
    local ne=$ne_pid ne_ns ne_lean_ns
    ne_ns=$(scrape_cost "$ne" "$ne_port" "$scrapes")
    local ne_rss ne_hwm
    ne_rss=$(status_kb "$ne" VmRSS)
    ne_hwm=$(status_kb "$ne" VmHWM)
    start_exporter lean --web.disable-exporter-metrics
    ne_lean_ns=$(scrape_cost "$ne_pid" "$ne_port" "$scrapes")
    kill "$ne_pid"

    log "3/3 frugal daemon at 10 Hz for $window s, beside 10 Hz wake-up loops"
    # Issue 3 measures the sampler and the store: live attribution, in builds that have it, stays off.
    local ds only_sampling=(FRUGAL_PROBES_NVML=off)
    # The sampler and the store only: live attribution, the cost API and the
    # eCO2mix fetcher off in builds that have them.
    local keys
    keys=$("$frugal" config keys 2>/dev/null || true)
    for off in FRUGAL_ATTRIBUTION_LIVE FRUGAL_SERVER_ENABLED FRUGAL_CARBON_FETCH; do
        if grep -q "$off" <<<"$keys"; then only_sampling+=("$off=false"); fi
    done
    if "$frugal" config keys 2>/dev/null | grep -q FRUGAL_SERVER_ENABLED; then
        only_sampling+=(FRUGAL_SERVER_ENABLED=false FRUGAL_CARBON_FETCH=false)
    fi
    ds=$(now_ns)
    env "${only_sampling[@]}" "$frugal" daemon --sysfs-root "$tree" --store "sqlite:$work/frugal.db" --interval 100ms \
        >"$work/daemon.log" 2>&1 &
    local daemon=$!
    started+=("$daemon")
    local loops=(task:none thread:none task:tick thread:tick) loop loop_pids=()
    for loop in "${loops[@]}"; do
        "$bench" --sysfs-root "$tree" --loop "${loop%:*}" --work "${loop#*:}" --seconds "$window" \
            >"$work/loop-${loop/:/-}.tsv" &
        started+=("$!")
        loop_pids+=("$!")
    done
    nap 3
    kill -0 "$daemon" 2>/dev/null || { cat "$work/daemon.log" >&2; die "the daemon stopped"; }
    local d0 d1 dt0 dt1
    d0=$(cpu_ticks "$daemon")
    dt0=$(now_ns)
    nap "$window"
    d1=$(cpu_ticks "$daemon")
    dt1=$(now_ns)
    local fr_rss fr_hwm fr_split ne_split
    fr_rss=$(status_kb "$daemon" VmRSS)
    fr_hwm=$(status_kb "$daemon" VmHWM)
    fr_split="$(status_kb "$daemon" RssAnon) kB anonymous + $(status_kb "$daemon" RssFile) kB file-backed"
    local ne_rss_end de
    ne_rss_end=$(status_kb "$ne" VmRSS)
    ne_split="$(status_kb "$ne" RssAnon) kB anonymous + $(status_kb "$ne" RssFile) kB file-backed"
    kill "$ne"
    kill -TERM "$daemon"
    local status=0
    wait "$daemon" || status=$?
    de=$(now_ns)
    [[ $status == 0 ]] || { tail -20 "$work/daemon.log" >&2; die "the daemon exited $status on SIGTERM"; }
    for loop in "${loop_pids[@]}"; do wait "$loop" || die "a wake-up loop failed (exit $?)"; done
    # Stored samples per domain per second of the daemon's life: 10 when no tick was lost.
    local per_second
    per_second=$(sqlite3 "$work/frugal.db" \
        "select printf('%.2f', sum(sample_count) / 14.0 / (($de - $ds) / 1e9)) from rollup_minute" 2>/dev/null ||
        echo "n/a")

    report
}

row() { printf '%-44s %12s %14s %8s %-16s %s\n' "$@"; }
# yes or NO; a NO leaves a mark for --strict (it runs inside $(...), so a variable would not survive).
met() { if awk "BEGIN { exit !($1) }"; then echo yes; else echo NO; : >"$work/missed"; fi; }

report() {
    local tick read notick discover
    tick=$(bench_ns "$work/bench.tsv" tick)
    read=$(bench_ns "$work/bench.tsv" read)
    notick=$(bench_ns "$work/bench.tsv" tick_no_rediscovery)
    discover=$(bench_ns "$work/bench.tsv" discover)
    local daemon_ns daemon_pct ne_10hz_pct
    daemon_ns=$(calc '%.0f' "($d1 - $d0) * 1e9 / $hz")
    daemon_pct=$(calc '%.3f' "$daemon_ns / ($dt1 - $dt0) * 100")
    ne_10hz_pct=$(calc '%.3f' "$ne_ns * 10 / 1e9 * 100")
    echo
    echo "Sampling benchmark, $(date -u '+%F %H:%M') UTC, $(nproc) cores, Linux $(uname -r), commit $revision"
    echo "Tree: 8 RAPL zones + 6 hwmon power channels on tmpfs; load average at start $load_start, at end $(load)"
    row metric frugal node_exporter ratio goal met?
    row "CPU per sample (µs): tick vs scrape" "$(calc '%.1f' "$tick / 1e3")" "$(calc '%.1f' "$ne_ns / 1e3")" \
        "$(calc '%.3f' "$tick / $ne_ns")" "≤ 0.2 (1/5)" "$(met "$tick <= $ne_ns / 5")"
    row "  same, exporter metrics off" "$(calc '%.1f' "$tick / 1e3")" "$(calc '%.1f' "$ne_lean_ns / 1e3")" \
        "$(calc '%.3f' "$tick / $ne_lean_ns")" "≤ 0.2 (1/5)" "$(met "$tick <= $ne_lean_ns / 5")"
    row "  read() of 14 files only (µs)" "$(calc '%.1f' "$read / 1e3")" "" "" "-" ""
    row "daemon CPU at 10 Hz (% of one core)" "$daemon_pct" "$ne_10hz_pct*" "$(calc '%.3f' "$daemon_pct / $ne_10hz_pct")" \
        "≤ 0.1 %" "$(met "$daemon_pct <= 0.1")"
    row "RSS (MB, VmRSS)" "$(calc '%.1f' "$fr_rss / 1024")" "$(calc '%.1f' "$ne_rss / 1024")" \
        "$(calc '%.2f' "$fr_rss / $ne_rss")" "≤ 1.0" "$(met "$fr_rss <= $ne_rss")"
    row "peak RSS (MB, VmHWM)" "$(calc '%.1f' "$fr_hwm / 1024")" "$(calc '%.1f' "$ne_hwm / 1024")" \
        "$(calc '%.2f' "$fr_hwm / $ne_hwm")" "-" ""
    echo "* node_exporter scraped at 10 Hz, derived: its CPU per scrape × 10 per second."
    echo
    echo "Details"
    echo "  Frugal tick without rediscovery: $(calc '%.1f' "$notick / 1e3") µs; one discovery of both sources:" \
        "$(calc '%.1f' "$discover / 1e3") µs (every 600 ticks at 100 ms)"
    echo "  daemon: $(calc '%.0f' "$daemon_ns / 1e6") ms CPU over $(calc '%.1f' "($dt1 - $dt0) / 1e9") s" \
        "= $(calc '%.0f' "$daemon_ns / (($dt1 - $dt0) / 1e8) / 1e3") µs per 100 ms tick; $per_second samples/s per domain stored"
    echo "  RSS at the end of the window: frugal $fr_split; node_exporter $ne_split"
    echo "  node_exporter RSS at the end of the daemon window: $(calc '%.1f' "$ne_rss_end / 1024") MB"
    echo "  10 Hz wake-up loops in the same window (CPU % of one core; µs per wake-up):"
    local loop file ns
    for file in "$work"/loop-*.tsv; do
        loop=$(basename "$file" .tsv)
        ns=$(awk -F '\t' '!/^#/ { print $3 }' "$file")
        printf '    %-26s %7s %%  %7s µs\n' "${loop#loop-}" "$(calc '%.3f' "$ns / 1e8 * 100")" "$(calc '%.1f' "$ns / 1e3")"
    done
    echo "    (task = Task.sleep on the global executor; thread = one thread in ppoll, as SamplerService sleeps;"
    echo "     none = wake and do nothing; tick = one Sampler.tick on the tree, no store)"
    if ((strict)) && [[ -e $work/missed ]]; then exit 2; fi
}

main
