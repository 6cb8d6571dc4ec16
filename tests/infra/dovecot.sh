#!/usr/bin/env bash
# A throwaway Dovecot IMAP server for the email tests.
#
#   eval "$(tests/infra/dovecot.sh start)"   installs dovecot-imapd if missing, starts a server on a free
#                                            loopback port with one user (agent@example.com / secret), and
#                                            prints the export lines for CONNECTOR_TEST_IMAP and _DIR
#   tests/infra/dovecot.sh stop DIR          stops that server and removes DIR
#
# Only the export lines go to stdout (they are meant for eval); everything else goes to stderr.
set -euo pipefail

readonly IMAP_USER="agent@example.com"
readonly IMAP_PASSWORD="secret"

log() { echo "dovecot.sh: $*" >&2; }

usage() {
  echo "usage: $0 start          start a throwaway server; prints export lines for eval" >&2
  echo "       $0 stop DIR       stop the server started in DIR and remove DIR" >&2
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

dovecot_bin() {
  local candidate
  for candidate in "$(command -v dovecot 2>/dev/null || true)" /usr/sbin/dovecot; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

ensure_installed() {
  dovecot_bin >/dev/null && return 0
  log "Dovecot is not installed; installing the Debian package dovecot-imapd"
  as_root apt-get update -qq >&2
  # The package's own service does not start inside a container; only the binaries are wanted.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null
  dovecot_bin >/dev/null || { log "installing dovecot-imapd failed"; exit 1; }
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

random_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  log "found no free port"
  return 1
}

write_config() {
  local dir=$1 port=$2 internal_user=$3 internal_group=$4
  cat >"$dir/dovecot.conf" <<EOF
# Throwaway test server; nothing here is read from /etc/dovecot.
protocols = imap
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
# No statistics: their socket handshake is what makes a shutdown take seconds.
stats_writer_socket_path =
default_internal_user = $internal_user
default_internal_group = $internal_group
default_login_user = $internal_user
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/users
}
# No chroot: an unprivileged Dovecot cannot chroot, and a throwaway test server gains nothing from it.
service anvil {
  chroot =
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
}
EOF
}

start() {
  ensure_installed
  local bin dir uid gid internal_user internal_group port
  bin=$(dovecot_bin)
  dir=$(mktemp -d /tmp/connector-dovecot.XXXXXX)
  # The auth and imap processes run as the mail user: they must reach the users file and the home.
  chmod 755 "$dir"
  mkdir -p "$dir/home/agent" "$dir/state"
  if [ "$(id -u)" -eq 0 ]; then
    # Dovecot refuses mail access as uid 0; nobody owns the mailbox.
    uid=$(id -u nobody)
    gid=$(id -g nobody)
    internal_user=nobody
    internal_group=dovecot
    chown -R "$uid:$gid" "$dir/home"
  else
    # Unprivileged, Dovecot can neither switch users nor hand its sockets to the dovecot group: all is ours.
    uid=$(id -u)
    gid=$(id -g)
    internal_user=$(id -un)
    internal_group=$(id -gn)
  fi
  echo "$IMAP_USER:{PLAIN}$IMAP_PASSWORD:$uid:$gid::$dir/home/agent" >"$dir/users"
  chmod 644 "$dir/users"

  # A port picked as free can be taken before Dovecot binds it: try a few.
  for _ in 1 2 3 4 5; do
    port=$(random_free_port)
    write_config "$dir" "$port" "$internal_user" "$internal_group"
    if "$bin" -c "$dir/dovecot.conf" 2>"$dir/start.log"; then
      for _ in $(seq 1 100); do
        if port_in_use "$port"; then
          log "throwaway Dovecot on 127.0.0.1:$port (user $IMAP_USER, files in $dir)"
          echo "export CONNECTOR_TEST_IMAP=127.0.0.1:$port"
          echo "export CONNECTOR_TEST_IMAP_DIR=$dir"
          return 0
        fi
        sleep 0.1
      done
      stop_server "$dir"
    fi
    grep -q "in use" "$dir/start.log" || break
  done
  log "Dovecot did not start; its logs:"
  cat "$dir/start.log" >&2
  tail -n 20 "$dir/dovecot.log" >&2 2>/dev/null || true
  rm -rf "$dir"
  exit 1
}

# A daemon whose new parent does not reap it (a container without an init) stays a zombie: that is stopped too.
running() {
  kill -0 "$1" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != "Z" ]
}

stop_server() {
  local dir=$1 pid
  [ -f "$dir/run/master.pid" ] || return 0
  pid=$(cat "$dir/run/master.pid")
  running "$pid" || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do
    running "$pid" || return 0
    sleep 0.1
  done
  log "Dovecot (pid $pid) did not stop in 5 s; killing it"
  kill -9 "$pid" 2>/dev/null || true
}

stop() {
  local dir=${1:-}
  # Refuse anything that is not a folder this script made, so a stray argument cannot remove other files.
  case "$dir" in
    /tmp/connector-dovecot.*) ;;
    *) log "stop needs the CONNECTOR_TEST_IMAP_DIR that start printed, got '${dir}'"; exit 2 ;;
  esac
  [ -d "$dir" ] || return 0
  stop_server "$dir"
  rm -rf "$dir"
}

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
  start) start ;;
  stop) stop "$@" ;;
  -h|--help|help) usage ;;
  *) usage; exit 2 ;;
esac
