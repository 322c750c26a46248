#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite, on 127.0.0.1 only.
#   scripts/test-postgres.sh start   installs PostgreSQL from Debian packages if missing, starts a private
#                                    cluster and prints  ASSESSA_TEST_POSTGRES=<connection string>
#   scripts/test-postgres.sh stop    stops it and deletes its files
# The superuser password is random for each cluster; nothing here is a default credential.
# Environment: PGTEST_DIR (default /tmp/assessa-test-pg), PGTEST_PORT (default 55432).
set -euo pipefail

dir="${PGTEST_DIR:-/tmp/assessa-test-pg}"
port="${PGTEST_PORT:-55432}"

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local bin
  bin="$(find_bin)"
  if [ -z "$bin" ]; then
    echo "installing PostgreSQL from Debian packages..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    bin="$(find_bin)"
  fi

  if [ -f "$dir/data/postmaster.pid" ]; then
    stop >&2
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  local password
  password="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  printf '%s\n' "$password" > "$dir/pwfile"
  if [ "$(id -u)" = "0" ]; then
    chown -R postgres:postgres "$dir"
  fi
  chmod 700 "$dir"

  as_owner "$bin/initdb" -D "$dir/data" -U assessa --pwfile="$dir/pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/pwfile"
  # Durability is irrelevant for a throwaway test cluster; speed is not.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || { cat "$dir/server.log" >&2; exit 1; }
  echo "ASSESSA_TEST_POSTGRES=Host=127.0.0.1;Port=$port;Username=assessa;Password=$password;Database=postgres"
}

stop() {
  local bin
  bin="$(find_bin)"
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 64 ;;
esac
