#!/bin/sh
# Real disk-full check: runs the store against a 2 MiB tmpfs in a private
# mount namespace until it fills, then verifies the database (needs root).
# Usage: Benchmarks/store/tmpfs-full.sh  (after `swift build -c release` here)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
binary="$here/.build/release/store-benchmark"
[ -x "$binary" ] || { echo "build first: (cd $here && swift build -c release)" >&2; exit 64; }
exec unshare -m sh -c "
    mnt=\$(mktemp -d)
    mount -t tmpfs -o size=2m frugal-full \"\$mnt\"
    \"$binary\" --fill-until-full --dir \"\$mnt\"
"
