# Sourced by the benchmark scripts: one throwaway PostgreSQL server for a whole run.
# Needs log, die and WORK from the caller; sets PG_CTL, PGDATA_DIR, RUN_AS, PG_STARTED and PGHOST/PGPORT/PGUSER.

free_port() {
  local p
  for ((p = 55432; p < 55532; p++)); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
  die "no free port in 55432-55531"
}

# start_server BIN_DIR INITDB_LOG [EXTRA_SERVER_OPTIONS]
start_server() {
  local bin=$1 initdb_log=$2 extra=${3:-}
  [ -n "$bin" ] && [ -x "$bin/initdb" ] || die "no PostgreSQL server binaries (set BENCH_PG_BIN or BENCH_PGHOST)"
  PG_CTL="$bin/pg_ctl"
  mkdir -p "$WORK/pg"
  RUN_AS=()
  if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root.
    local user=postgres
    id -u "$user" >/dev/null 2>&1 || user=nobody
    RUN_AS=(runuser -u "$user" --)
    chown "$user" "$WORK/pg"
  fi
  PGDATA_DIR="$WORK/pg/data"
  local port
  port=$(free_port)
  log "initdb ($bin) and start on 127.0.0.1:$port, fsync off"
  "${RUN_AS[@]}" "$bin/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --no-sync >"$initdb_log" 2>&1 \
    || { cat "$initdb_log" >&2; die "initdb failed"; }
  # max_locks_per_transaction: loading thousands of tables in one transaction locks each new relation.
  "${RUN_AS[@]}" "$PG_CTL" -D "$PGDATA_DIR" -l "$WORK/pg/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$WORK/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_locks_per_transaction=1024 $extra" \
    start >/dev/null || { cat "$WORK/pg/server.log" >&2; die "pg_ctl start failed"; }
  PG_STARTED=1
  export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
  unset PGPASSWORD
}
