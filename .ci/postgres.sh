#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the fleet tests, the demo and the benchmark:
# loopback only, in DIR, as a non-root user (initdb refuses root).
#
#   .ci/postgres.sh start DIR PORT   initdb (first time) and start; database "frugal",
#                                    user "frugal", password in DIR/password (scram-sha-256)
#   .ci/postgres.sh stop DIR         fast shutdown (the data stays: start again to resume)
#   .ci/postgres.sh psql DIR PORT [psql arguments…]   (database $FRUGAL_PG_DATABASE, default frugal)
#
# Tests run with fsync off (speed); FRUGAL_PG_FSYNC=on for benchmarks (durable commits).
# Exits 3 when PostgreSQL is not installed (callers skip then).
set -euo pipefail

bin="${FRUGAL_PG_BIN:-/usr/lib/postgresql/15/bin}"
command="${1:-}"
dir="${2:-}"
if [[ -z "$command" || -z "$dir" ]]; then
    echo "usage: $0 start|stop|psql DIR [PORT]" >&2
    exit 64
fi
if [[ ! -x "$bin/initdb" || ! -x "$bin/pg_ctl" ]]; then
    echo "PostgreSQL is not installed ($bin/initdb missing): apt-get install postgresql" >&2
    exit 3
fi

# As root, run the server as postgres (or nobody); otherwise as ourselves.
as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        local user=postgres
        id -u postgres >/dev/null 2>&1 || user=nobody
        runuser -u "$user" -- "$@"
    else
        "$@"
    fi
}

owner_name() {
    if [[ "$(id -u)" -eq 0 ]]; then
        if id -u postgres >/dev/null 2>&1; then echo postgres; else echo nobody; fi
    else
        id -un
    fi
}

start() {
    local port="$1"
    mkdir -p "$dir"
    chmod 0755 "$dir"
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        [[ -f "$dir/password" ]] || head -c 18 /dev/urandom | base64 | tr -d '/+=\n' >"$dir/password"
        chmod 0644 "$dir/password"
        mkdir -p "$dir/data"
        chown "$(owner_name)" "$dir" "$dir/data"
        as_owner "$bin/initdb" -D "$dir/data" --username=frugal --pwfile="$dir/password" \
            --auth-host=scram-sha-256 --auth-local=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
            cat "$dir/initdb.log" >&2
            exit 1
        }
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${FRUGAL_PG_FSYNC:-off} -c synchronous_commit=${FRUGAL_PG_FSYNC:-off} -c max_connections=200" \
        >/dev/null || {
        tail -20 "$dir/server.log" >&2
        exit 1
    }
    if ! as_owner "$bin/psql" -h "$dir" -p "$port" -U frugal -d postgres -Atqc \
        "SELECT 1 FROM pg_database WHERE datname = 'frugal'" | grep -q 1; then
        as_owner "$bin/createdb" -h "$dir" -p "$port" -U frugal frugal
    fi
}

case "$command" in
start) start "${3:?PORT}" ;;
stop) as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ;;
psql)
    port="${3:?PORT}"
    shift 3
    as_owner "$bin/psql" -h "$dir" -p "$port" -U frugal -d "${FRUGAL_PG_DATABASE:-frugal}" -v ON_ERROR_STOP=1 "$@"
    ;;
*)
    echo "unknown command $command: start, stop or psql" >&2
    exit 64
    ;;
esac
