#!/usr/bin/env bash
# Builds the fuzz targets (every executable target that Package.swift
# declares: the log parsers, the JSON scanner, format detection, and the
# carbon helper's eCO2mix parsers) with libFuzzer and AddressSanitizer, and
# runs each, starting from its committed corpus (Corpus/<name>/ without the
# fuzz- prefix, when there is one: real samples split into lines). New inputs
# go to a scratch corpus, never into the committed one. Prints executions,
# executions per second, corpus size, coverage and crashes per target; exits
# 1 when a target crashed (its input is kept under $FUZZ_OUT/<target>/).
#
#   Tests/Fuzz/run.sh [seconds] [target...]   each target for that long (default 60 s)
#   Tests/Fuzz/run.sh ci                      CI: every target for $FUZZ_CI_SECONDS (25) s
#   Tests/Fuzz/run.sh runs N [target...]      each target until N executions
#                                             (or $FUZZ_MAX_SECONDS, when set)
#   Tests/Fuzz/run.sh list                    the targets, one a line
#
# Targets are named with or without their fuzz- prefix. FUZZ_JOBS=2 runs two
# targets at a time (one per core); FUZZ_OUT moves the scratch folder.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${FUZZ_OUT:-$here/.build/fuzz-runs}"
jobs="${FUZZ_JOBS:-1}"
export SWIFT_BACKTRACE=enable=no
cd "$here"

discover() {
    swift package describe --type json | python3 -c '
import json, sys
for target in json.load(sys.stdin)["targets"]:
    if target["type"] == "executable" and target["name"].startswith("fuzz-"):
        print(target["name"])' | sort
}

mode="seconds"
limit=60
case "${1:-}" in
    list) discover; exit 0 ;;
    ci) mode="seconds"; limit="${FUZZ_CI_SECONDS:-25}"; shift ;;
    runs) mode="runs"; limit="${2:?runs needs a number of executions}"; shift 2 ;;
    '' | *[!0-9]*) ;;
    *) limit="$1"; shift ;;
esac

targets=()
for name in "$@"; do targets+=("fuzz-${name#fuzz-}"); done
if [ "${#targets[@]}" -eq 0 ]; then mapfile -t targets < <(discover); fi
if [ "${#targets[@]}" -eq 0 ]; then
    echo "no fuzz- executable target in $here/Package.swift" >&2
    exit 1
fi

# SwiftPM passes the two sanitizers as two -sanitize= flags in no fixed order,
# and swift-frontend keeps only the last: half the builds lose libFuzzer's
# coverage instrumentation and fuzz blind ("no interesting inputs ... Is the
# code instrumented for coverage?"). The trailing combined flag wins; each run
# below fails if coverage is missing all the same.
# (`swift build --show-bin-path` with other flags would rewrite the build plan
# and make the next build start over: the path is SwiftPM's release link.)
swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address
bin="$here/.build/release"

# Runs one target; its summary line goes to $work/summary, its log to $work/fuzz.log.
fuzz_one() {
    local target="$1" work="$out/$1" seeds="Corpus/${1#fuzz-}" status=0
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/artifacts"
    local dirs=("$work/corpus")
    if [ -d "$seeds" ]; then dirs+=("$seeds"); elif [ -d "Corpus/$target" ]; then dirs+=("Corpus/$target"); fi
    local stop=(-max_total_time="$limit")
    if [ "$mode" = runs ]; then
        stop=(-runs="$limit")
        if [ -n "${FUZZ_MAX_SECONDS:-}" ]; then stop+=(-max_total_time="$FUZZ_MAX_SECONDS"); fi
    fi
    local started=$SECONDS
    # Log lines are at most a few KB: longer inputs only slow every execution down.
    "$bin/$target" "${dirs[@]}" "${stop[@]}" -print_final_stats=1 -max_len=16384 -timeout=10 \
        -rss_limit_mb=4096 -artifact_prefix="$work/artifacts/" >"$work/fuzz.log" 2>&1 || status=$?
    local elapsed=$((SECONDS - started))
    local runs rate crashes coverage size
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/fuzz.log" | tail -1)
    crashes=$(find "$work/artifacts" -type f | wc -l)
    coverage=$(grep -oE 'cov: [0-9]+' "$work/fuzz.log" | tail -1 || true)
    size=$(find "$work/corpus" -type f | wc -l)
    printf '%-22s %8s %12s %9s %8s %9s %8s\n' "$target" "$elapsed" "${runs:-?}" "${rate:-?}" "$size" \
        "${coverage#cov: }" "$crashes" >"$work/summary"
    if [ -z "$coverage" ]; then
        echo "  $target: libFuzzer saw no coverage; the build is not instrumented" >>"$work/summary"
        status=1
    fi
    if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        {
            echo "  $target failed (exit $status); log: $work/fuzz.log"
            find "$work/artifacts" -type f -printf '  crash input: %p\n'
            grep -m 5 -E 'ERROR|Fatal error|precondition' "$work/fuzz.log" || true
        } >>"$work/summary"
        return 1
    fi
}

printf '%-22s %8s %12s %9s %8s %9s %8s\n' target seconds executions 'execs/s' corpus coverage crashes
failed=0
running=()
for target in "${targets[@]}"; do
    fuzz_one "$target" &
    running+=("$!:$target")
    if [ "${#running[@]}" -ge "$jobs" ]; then
        entry="${running[0]}"
        running=("${running[@]:1}")
        wait "${entry%%:*}" || failed=1
        cat "$out/${entry#*:}/summary"
    fi
done
for entry in "${running[@]}"; do
    wait "${entry%%:*}" || failed=1
    cat "$out/${entry#*:}/summary"
done
exit "$failed"
