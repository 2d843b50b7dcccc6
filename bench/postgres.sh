# Sourced by the cluster benchmarks: a throw-away PostgreSQL server on a free loopback port, as the
# postgres user when run as root (the server refuses root), removed on exit with every node in
# $nodes. Defines $bin, $work, $port, sql DATABASE STATEMENT and start_postgres.
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
work=$(mktemp -d)
port=$(shuf -i 20000-45000 -n 1)
nodes=()
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
cleanup() {
  for pid in "${nodes[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  as_postgres "$bin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
start_postgres() {
  as_postgres "$bin/initdb" -D "$work/data" -U postgres --auth=trust --no-sync >/dev/null
  as_postgres "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work -c fsync=off -c max_connections=100" start >/dev/null
}
sql() { psql -X -q -t -A -h 127.0.0.1 -p "$port" -U postgres -d "$1" -c "$2"; }
