#!/usr/bin/env bash
# Builds the FrugalIngest fuzz targets with libFuzzer and AddressSanitizer and
# runs each for the given number of seconds (default 60), starting from the
# committed corpus (Corpus/<target>/, real samples split into lines). New
# inputs go to a scratch corpus, never into the committed one. Prints
# executions, executions per second and crashes per target; exits 1 when a
# target crashed (its input is kept under $FUZZ_OUT/<target>/).
#
#   Tests/Fuzz/run.sh [seconds] [target...]     targets: scanner litellm albert nginx jsonl
set -euo pipefail

seconds="${1:-60}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then targets=(scanner litellm albert nginx jsonl); fi

here="$(cd "$(dirname "$0")" && pwd)"
out="${FUZZ_OUT:-$here/.build/fuzz-runs}"
export SWIFT_BACKTRACE=enable=no

cd "$here"
# SwiftPM passes the two sanitizers as two -sanitize= flags in no fixed order,
# and swift-frontend keeps only the last: half the builds lose libFuzzer's
# coverage instrumentation and fuzz blind ("no interesting inputs ... Is the
# code instrumented for coverage?"). The trailing combined flag wins; the run
# below fails if coverage is missing all the same.
swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address

failed=0
printf '%-8s %8s %12s %10s %8s %10s %8s\n' target seconds executions 'execs/s' corpus coverage crashes
for target in "${targets[@]}"; do
    work="$out/$target"
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/artifacts"
    log="$work/fuzz.log"
    status=0
    ".build/release/fuzz-$target" "$work/corpus" "Corpus/$target" \
        -max_total_time="$seconds" -print_final_stats=1 -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix="$work/artifacts/" >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    crashes=$(find "$work/artifacts" -type f | wc -l)
    coverage=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 || true)
    if [ -z "$coverage" ]; then
        echo "  $target: libFuzzer saw no coverage; the build is not instrumented" >&2
        failed=1
    fi
    size=$(find "$work/corpus" -type f | wc -l)
    printf '%-8s %8s %12s %10s %8s %10s %8s\n' "$target" "$seconds" "${runs:-?}" "${rate:-?}" "$size" \
        "${coverage#cov: }" "$crashes"
    if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        failed=1
        echo "  $target failed (exit $status); log: $log" >&2
        find "$work/artifacts" -type f -printf '  crash input: %p\n' >&2
        grep -m 5 -E 'ERROR|Fatal error|precondition' "$log" >&2 || true
    fi
done
exit "$failed"
