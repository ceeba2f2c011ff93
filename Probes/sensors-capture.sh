#!/bin/sh
# Capture libsensors' own view (`sensors -j`) of a captured sysfs tree, by
# bind-mounting the tree's class/ and devices/ over the host's /sys in a
# private mount namespace (root needed; the host's mounts are untouched).
#
# libsensors refuses a /sys that is not a sysfs mount (statfs magic), so the
# tree cannot replace /sys itself: it is mounted over /sys/class and
# /sys/devices of the real sysfs.
#
# usage: sh Probes/sensors-capture.sh TREE OUTDIR [CONFIG]
#   TREE    a sys/ folder (Probes/kepler-fixture/sys)
#   OUTDIR  where sensors.json and sensors.stderr go
#   CONFIG  an lm-sensors configuration file (default: the host's)
set -eu
tree=$(cd "$1" && pwd)
out=$2
config=${3:-}
mkdir -p "$out"
mounts="mount --bind '$tree/class' /sys/class"
[ -d "$tree/devices" ] && mounts="$mounts && mount --bind '$tree/devices' /sys/devices"
if [ -n "$config" ]; then
    config=$(cd "$(dirname "$config")" && pwd)/$(basename "$config")
    run="sensors -j -c '$config'"
else
    run="sensors -j"
fi
status=0
unshare -m sh -c "$mounts && $run" >"$out/sensors.json" 2>"$out/sensors.stderr" || status=$?
echo "sensors exited $status" >>"$out/sensors.stderr"
echo "captured $out/sensors.json (sensors exit status $status)"
