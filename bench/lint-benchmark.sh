#!/usr/bin/env bash
# Shale lint benchmark: db:lint of N migrations without tracing (against Maven's start-up) and
# with tracing (against replaying the same migrations with db:migrate on the same server).
#
#   bench/lint-benchmark.sh [N]        default N=1000
#
# Environment: BENCH_SKIP_INSTALL=1, BENCH_REPEAT=R (median of R runs), BENCH_KEEP=1,
# BENCH_PG_BIN=DIR, BENCH_PGHOST/BENCH_PGPORT/BENCH_PGUSER/BENCH_PGPASSWORD (see bench/README.md).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
SHALE_VERSION=${BENCH_SHALE_VERSION:-$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$REPO_ROOT/pom.xml" | head -1)}
REPEAT=${BENCH_REPEAT:-1}
N=${1:-1000}
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "N must be a positive integer, got '$N'" >&2; exit 2; }
EPOCH_MS=1735689600000

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

WORK=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/shale-lint-bench.XXXXXX")}
mkdir -p "$WORK/logs"
chmod 755 "$WORK"
PG_STARTED=""
PG_CTL=""
PGDATA_DIR=""
RUN_AS=()
cleanup() {
  local rc=$?
  if [ -n "$PG_STARTED" ]; then
    "${RUN_AS[@]}" "$PG_CTL" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ $rc -ne 0 ]; then log "work directory kept: $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Migration i: a table (on a new table nothing is flagged), every 10th migration also alters an
# older table the way a careful team does (a nullable column; an index built concurrently in a
# migration of its own every 50th). A realistic mix: what lint reads, what tracing runs.
migration_sql() {
  local i=$1 ref="" prev=$(($1 - 1))
  [ $((prev % 50)) -ne 49 ] || prev=$((prev - 1))  # migration 49, 99, … creates no table
  [ "$i" -eq 0 ] || ref=" REFERENCES t_$prev (id)"
  if [ $((i % 50)) -eq 49 ]; then
    printf -v SQL 'CREATE INDEX CONCURRENTLY IF NOT EXISTS t_%d_name_idx ON t_%d (name);\n' "$((i - 1))" "$((i - 1))"
    return
  fi
  printf -v SQL 'CREATE TABLE t_%d (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  name text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now(),\n  prev_id bigint%s\n);\n--> statement-breakpoint\nCREATE INDEX t_%d_prev_idx ON t_%d (prev_id);\n' \
    "$i" "$ref" "$i" "$i"
  if [ $((i % 10)) -eq 9 ]; then
    printf -v SQL '%s--> statement-breakpoint\nALTER TABLE t_%d ADD COLUMN note_%d text;\n' "$SQL" "$((i - 5))" "$i"
  fi
}

generate() {
  local n=$1 dir=$2 i tag sep
  local mig="$dir/src/main/db/migrations"
  rm -rf "$dir"
  mkdir -p "$mig/meta"
  cat >"$dir/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>shale-lint-bench</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.shaledb</groupId>
        <artifactId>shale-maven-plugin</artifactId>
        <version>$SHALE_VERSION</version>
      </plugin>
    </plugins>
  </build>
</project>
EOF
  for ((i = 0; i < n; i++)); do printf '%s/%04d_t_%d\0' "$mig" "$i" "$i"; done | xargs -0 mkdir
  {
    printf '{\n  "version": "7",\n  "dialect": "postgresql",\n  "entries": [\n'
    for ((i = 0; i < n; i++)); do
      printf -v tag '%04d_t_%d' "$i" "$i"
      migration_sql "$i"
      printf '%s' "$SQL" >"$mig/$tag/migration.sql"
      sep=,
      [ $((i + 1)) -lt "$n" ] || sep=""
      printf '    {\n      "idx": %d,\n      "version": "7",\n      "when": %d,\n      "tag": "%s",\n      "breakpoints": true\n    }%s\n' \
        "$i" $((EPOCH_MS + i * 1000)) "$tag" "$sep"
    done
    printf '  ]\n}\n'
  } >"$mig/meta/_journal.json"
}

. "$SCRIPT_DIR/throwaway-server.sh"
if [ -n "${BENCH_PGHOST:-}" ]; then
  export PGHOST=$BENCH_PGHOST PGPORT=${BENCH_PGPORT:-5432} PGUSER=${BENCH_PGUSER:-postgres}
  if [ -n "${BENCH_PGPASSWORD:-}" ]; then export PGPASSWORD=$BENCH_PGPASSWORD; else unset PGPASSWORD; fi
else
  start_server "${BENCH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)}" "$WORK/initdb.log"
fi
export PGDATABASE=postgres PGOPTIONS="-c client_min_messages=warning"
psql -qAtX -c 'select 1' >/dev/null || die "cannot connect to $PGHOST:$PGPORT as $PGUSER"
log "server: $(psql -qAtX -c 'show server_version')"
SERVER_URL="jdbc:postgresql://$PGHOST:$PGPORT/postgres"
PW=()
[ -z "${PGPASSWORD:-}" ] || PW=(-Ddb.password="$PGPASSWORD")

MVN=(mvn -B -q)
. "$SCRIPT_DIR/bench-lib.sh" # timed, median, ratio

if [ "${BENCH_SKIP_INSTALL:-0}" != 1 ]; then
  log "installing Shale $SHALE_VERSION from $REPO_ROOT"
  "${MVN[@]}" -f "$REPO_ROOT/pom.xml" install -DskipTests -Dinvoker.skip=true >"$WORK/logs/install.log" 2>&1 \
    || { tail -n 40 "$WORK/logs/install.log" >&2; die "mvn install failed"; }
fi

P="$WORK/project"
generate 2 "$P"
log "warming up (downloads are not measured)"
"${MVN[@]}" -f "$P/pom.xml" db:lint -Ddb.lint.trace=false >"$WORK/logs/warmup.log" 2>&1 || { tail -40 "$WORK/logs/warmup.log"; die "warm-up failed"; }
log "N=$N: generating"
generate "$N" "$P"

fresh_db() { psql -qAtX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null; }
count_tables() { psql -qAtX -d "$1" -c "select count(*) from pg_tables where schemaname = 'public' and tablename ~ '^t_[0-9]+$'"; }

start=() static=() traced=() replay=()
for ((r = 1; r <= REPEAT; r++)); do
  log "run $r/$REPEAT: Maven start-up (db:lint -Ddb.lint.skip=true: the plugin loaded, nothing read)"
  start+=("$(timed "$WORK/logs/start-$r.log" "${MVN[@]}" -o -f "$P/pom.xml" db:lint -Ddb.lint.skip=true)")
  log "run $r/$REPEAT: db:lint without tracing"
  static+=("$(timed "$WORK/logs/static-$r.log" "${MVN[@]}" -o -f "$P/pom.xml" db:lint -Ddb.lint.trace=false)")
  log "run $r/$REPEAT: db:lint with tracing on $PGHOST:$PGPORT (db.shadowUrl)"
  traced+=("$(timed "$WORK/logs/traced-$r.log" "${MVN[@]}" -o -f "$P/pom.xml" db:lint -Ddb.lint.trace=true \
    -Ddb.shadowUrl="$SERVER_URL" -Ddb.user="$PGUSER" "${PW[@]}")")
  log "run $r/$REPEAT: replay (db:migrate of the same migrations into a fresh database on the same server)"
  fresh_db bench_replay
  replay+=("$(timed "$WORK/logs/replay-$r.log" "${MVN[@]}" -o -f "$P/pom.xml" db:migrate \
    -Ddb.url="jdbc:postgresql://$PGHOST:$PGPORT/bench_replay" -Ddb.user="$PGUSER" "${PW[@]}")")
  got=$(count_tables bench_replay)
  expected=$(( N - N / 50 ))
  [ "$got" = "$expected" ] || die "replay created $got tables, expected $expected"
done
S=$(printf '%s\n' "${start[@]}" | median)
L=$(printf '%s\n' "${static[@]}" | median)
T=$(printf '%s\n' "${traced[@]}" | median)
R=$(printf '%s\n' "${replay[@]}" | median)
printf '\nShale db:lint, %d migrations (median of %d run(s), seconds)\n\n' "$N" "$REPEAT"
printf '| figure | seconds | target |\n|---|---|---|\n'
printf '| Maven start-up (db:lint skipped) | %s | |\n' "$S"
printf '| db:lint, no tracing | %s | <= start-up + 1 s: %s s over start-up |\n' "$L" "$(awk -v a="$L" -v b="$S" 'BEGIN { printf "%.2f", a - b }')"
printf '| replay (db:migrate, same server) | %s | |\n' "$R"
printf '| db:lint, tracing | %s | <= 2x replay: %sx |\n' "$T" "$(ratio "$T" "$R")"
