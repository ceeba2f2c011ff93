#!/usr/bin/env bash
# Records this host's power sensors into the hardware catalogue:
# Probes/<hostname>-<date>/ with sys/ (the powercap and hwmon trees, values
# copied, links kept relative), host facts and a manifest.json template.
#
# Usage:   sudo Probes/capture.sh            (root: energy_uj is root-only)
# Then:    fill in manifest.json, run FRUGAL_UPDATE_GOLDENS=1 swift test --filter FrugalProbesTests,
#          review expected.json and commit the folder.
#
# Environment:
#   FRUGAL_CAPTURE_SYSFS_ROOT  sysfs to read (default /sys); when set, host facts are not recorded
#   FRUGAL_CAPTURE_OUT         folder to write (default Probes/<hostname>-<YYYYMMDD>)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sysfs=${FRUGAL_CAPTURE_SYSFS_ROOT:-/sys}
sysfs=${sysfs%/}
host=$(hostname -s 2>/dev/null || hostname)
day=$(date -u +%Y%m%d)
out=${FRUGAL_CAPTURE_OUT:-$here/$host-$day}
max_bytes=65536
skipped=()

note() { skipped+=("$1: $2"); }

if [ -e "$out" ]; then
    echo "capture.sh: $out already exists; remove it or set FRUGAL_CAPTURE_OUT" >&2
    exit 1
fi
if [ ! -d "$sysfs" ]; then
    echo "capture.sh: $sysfs is not a directory" >&2
    exit 1
fi
if [ "$(id -u)" != 0 ]; then
    echo "capture.sh: not root: energy_uj is root-only (CVE-2020-8694) and will be left out" >&2
fi
mkdir -p "$out/sys"

# Copies one regular file's current value (sysfs files all claim 4096 bytes).
copy_file() {
    local rel=$1 src="$sysfs/$1" dst="$out/sys/$1" tmp
    mkdir -p "$(dirname "$dst")"
    if [ ! -r "$src" ]; then
        note "$rel" "not readable"
        return
    fi
    tmp="$dst.capture-tmp"
    if ! timeout 5 head -c "$max_bytes" "$src" >"$tmp" 2>/dev/null; then
        rm -f "$tmp"
        note "$rel" "read failed"
        return
    fi
    if [ "$(wc -c <"$tmp")" -ge "$max_bytes" ]; then
        rm -f "$tmp"
        note "$rel" "larger than $max_bytes bytes"
        return
    fi
    mv "$tmp" "$dst"
}

# Recreates a symbolic link, relative, without following it.
copy_link() {
    local rel=$1 target
    target=$(readlink "$sysfs/$rel")
    if [[ $target == /* ]]; then
        target=$(realpath -s -m --relative-to="$(dirname "$sysfs/$rel")" "$target")
    fi
    mkdir -p "$(dirname "$out/sys/$rel")"
    ln -sfn "$target" "$out/sys/$rel"
}

# Where a link points, relative to the sysfs root (lexically); empty if outside it.
link_destination() {
    local rel=$1 resolved
    resolved=$(realpath -s -m --relative-to="$sysfs" "$(dirname "$sysfs/$rel")/$(readlink "$sysfs/$rel")")
    [[ $resolved == ..* ]] || printf '%s\n' "$resolved"
}

# Copies the files and links directly in a folder; sub-folders are left out
# (sub-zones come through their own class links; power/ is not needed).
copy_folder() {
    local rel=$1 path name
    mkdir -p "$out/sys/$rel"
    for path in "$sysfs/$rel"/* "$sysfs/$rel"/.[!.]*; do
        [ -e "$path" ] || [ -L "$path" ] || continue
        name=${path##*/}
        if [ -L "$path" ]; then
            copy_link "$rel/$name"
        elif [ -f "$path" ]; then
            copy_file "$rel/$name"
        fi
    done
}

# Copies class/<name>: each entry is a link into devices/ or a folder.
capture_class() {
    local class=$1 path rel destination
    [ -d "$sysfs/class/$class" ] || return 0
    mkdir -p "$out/sys/class/$class"
    for path in "$sysfs/class/$class"/*; do
        [ -e "$path" ] || [ -L "$path" ] || continue
        rel=class/$class/${path##*/}
        if [ -L "$path" ]; then
            copy_link "$rel"
            destination=$(link_destination "$rel")
            if [ -n "$destination" ] && [ -d "$sysfs/$destination" ]; then
                copy_folder "$destination"
            fi
        elif [ -d "$path" ]; then
            copy_folder "$rel"
        elif [ -f "$path" ]; then
            copy_file "$rel"
        fi
    done
}

capture_class powercap
capture_class hwmon

# Host facts, only when reading this host's own sysfs.
if [ -z "${FRUGAL_CAPTURE_SYSFS_ROOT:-}" ]; then
    uname -a >"$out/uname.txt"
    if command -v lscpu >/dev/null; then lscpu >"$out/lscpu.txt"; fi
    if command -v sensors >/dev/null; then sensors -j >"$out/sensors.json" 2>/dev/null || rm -f "$out/sensors.json"; fi
    if command -v nvidia-smi >/dev/null; then
        nvidia-smi -q -x >"$out/nvidia-smi.xml" 2>/dev/null || rm -f "$out/nvidia-smi.xml"
    fi
fi

json_string() {
    local text=${1//\\/\\\\}
    text=${text//\"/\\\"}
    printf '"%s"' "${text//$'\t'/ }"
}

{
    printf '%s\n' "${skipped[@]+"${skipped[@]}"}"
} | sed '/^$/d' >"$out/skipped.txt"

cat >"$out/manifest.json" <<JSON
{
  "description": "TODO: the machine (vendor, model, CPUs, GPUs, meters) and what the probes must find on it",
  "source": "sysfs",
  "captured": {
    "host": $(json_string "$host"),
    "dateUTC": $(json_string "$day"),
    "kernel": $(json_string "$(uname -r)"),
    "asRoot": $([ "$(id -u)" = 0 ] && echo true || echo false),
    "skippedFiles": ${#skipped[@]}
  },
  "expect": {}
}
JSON

echo "capture.sh: wrote $out (${#skipped[@]} files skipped, listed in skipped.txt)"
echo "capture.sh: now edit $out/manifest.json, then run FRUGAL_UPDATE_GOLDENS=1 swift test --filter FrugalProbesTests"
