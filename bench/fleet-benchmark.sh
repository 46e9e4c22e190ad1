#!/usr/bin/env bash
# Shale fleet benchmark: db:migrate over N tenant schemas of one database and over M tenant
# databases, against Maven's start-up (no-op), a psql loop doing the same DDL per tenant (apply),
# and a Flyway loop (one flyway:migrate per tenant).
#
#   bench/fleet-benchmark.sh [SCHEMA_SIZES...]     default: 100 1000
#
# Environment: BENCH_DB_SIZES="20 200" (tenant databases; "" skips them), BENCH_FLYWAY_MAX=40 (Flyway
# runs for at most this many tenants per size and is extrapolated linearly above, labelled so),
# BENCH_PARALLEL=4 (db.parallel), BENCH_SKIP_INSTALL=1, BENCH_REPEAT=R (median of R runs),
# BENCH_KEEP=1, BENCH_PG_BIN=DIR, BENCH_FLYWAY_VERSION (see bench/README.md).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
SHALE_VERSION=${BENCH_SHALE_VERSION:-$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$REPO_ROOT/pom.xml" | head -1)}
FLYWAY_VERSION=${BENCH_FLYWAY_VERSION:-11.20.3}
PGJDBC_VERSION=42.7.14
REPEAT=${BENCH_REPEAT:-1}
PARALLEL=${BENCH_PARALLEL:-4}
FLYWAY_MAX=${BENCH_FLYWAY_MAX:-40}
SCHEMA_SIZES=("${@:-100 1000}")
read -r -a SCHEMA_SIZES <<<"${SCHEMA_SIZES[*]}"
read -r -a DB_SIZES <<<"${BENCH_DB_SIZES-20 200}"

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

WORK=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/shale-fleet-bench.XXXXXX")}
mkdir -p "$WORK/logs"
chmod 755 "$WORK"
PG_STARTED="" PG_CTL="" PGDATA_DIR=""
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

. "$SCRIPT_DIR/throwaway-server.sh"
. "$SCRIPT_DIR/bench-lib.sh"
if [ -n "${BENCH_PGHOST:-}" ]; then
  export PGHOST=$BENCH_PGHOST PGPORT=${BENCH_PGPORT:-5432} PGUSER=${BENCH_PGUSER:-postgres}
  if [ -n "${BENCH_PGPASSWORD:-}" ]; then export PGPASSWORD=$BENCH_PGPASSWORD; else unset PGPASSWORD; fi
else
  # 200 tenant databases with db.parallel workers plus psql and Flyway: the default 100 connections suffice,
  # but each database's catalog costs shared memory; max_connections=300 leaves room for BENCH_PARALLEL.
  start_server "${BENCH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)}" \
    "$WORK/initdb.log" "-c max_connections=300"
fi
export PGDATABASE=postgres PGOPTIONS="-c client_min_messages=warning"
psql -qAtX -c 'select 1' >/dev/null || die "cannot connect to $PGHOST:$PGPORT as $PGUSER"
log "server: $(psql -qAtX -c 'show server_version')"
PW=() FPW=()
[ -z "${PGPASSWORD:-}" ] || { PW=(-Ddb.password="$PGPASSWORD"); FPW=(-Dflyway.password="$PGPASSWORD"); }
jdbc() { echo "jdbc:postgresql://$PGHOST:$PGPORT/$1"; }
MVN=(mvn -B -q -o)

# The DDL every tool applies to every tenant. Not CONCURRENTLY: the tenants' tables are empty here, and a
# concurrent build would put Shale (outside a transaction) and Flyway (needs executeInTransaction=false) on
# different paths than psql's; the same plain statements keep the comparison about the tools.
ADD_NOTE='ALTER TABLE orders ADD COLUMN note text;'
INDEX_NOTE='CREATE INDEX orders_note_idx ON orders (note);'

shale_project() { # DIR MIGRATIONS(1|2)
  local dir=$1 n=$2 mig="$1/src/main/db/migrations"
  rm -rf "$dir"
  mkdir -p "$mig/meta" "$mig/0000_orders"
  cat >"$dir/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>shale-fleet-bench</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>io.github.shaledb</groupId>
    <artifactId>shale-maven-plugin</artifactId>
    <version>$SHALE_VERSION</version>
  </plugin></plugins></build>
</project>
EOF
  printf 'CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, total numeric NOT NULL);\n' >"$mig/0000_orders/migration.sql"
  local entries='{"idx":0,"version":"7","when":1735732800000,"tag":"0000_orders","breakpoints":true}'
  if [ "$n" = 2 ]; then
    mkdir -p "$mig/0001_note"
    printf '%s\n--> statement-breakpoint\n%s\n' "$ADD_NOTE" "$INDEX_NOTE" >"$mig/0001_note/migration.sql"
    entries="$entries,"'{"idx":1,"version":"7","when":1735732860000,"tag":"0001_note","breakpoints":true}'
  fi
  printf '{"version":"7","dialect":"postgresql","entries":[%s]}\n' "$entries" >"$mig/meta/_journal.json"
}

flyway_project() { # DIR
  local dir=$1 mig="$1/src/main/resources/db/migration"
  rm -rf "$dir"
  mkdir -p "$mig"
  cat >"$dir/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>flyway-fleet-bench</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>org.flywaydb</groupId>
    <artifactId>flyway-maven-plugin</artifactId>
    <version>$FLYWAY_VERSION</version>
    <configuration><locations><location>filesystem:src/main/resources/db/migration</location></locations></configuration>
    <dependencies>
      <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-database-postgresql</artifactId><version>$FLYWAY_VERSION</version></dependency>
      <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>$PGJDBC_VERSION</version></dependency>
    </dependencies>
  </plugin></plugins></build>
</project>
EOF
  # V1 is the orders table every tenant already has (baselined), V2 the change measured.
  printf 'CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, total numeric NOT NULL);\n' >"$mig/V1__orders.sql"
  printf '%s\n%s\n' "$ADD_NOTE" "$INDEX_NOTE" >"$mig/V2__note.sql"
}

if [ "${BENCH_SKIP_INSTALL:-0}" != 1 ]; then
  log "installing Shale $SHALE_VERSION from $REPO_ROOT"
  mvn -B -q -f "$REPO_ROOT/pom.xml" install -DskipTests -Dinvoker.skip=true >"$WORK/logs/install.log" 2>&1 \
    || { tail -n 40 "$WORK/logs/install.log" >&2; die "mvn install failed"; }
fi
shale_project "$WORK/shale1" 1
shale_project "$WORK/shale" 2
flyway_project "$WORK/flyway"
log "warming up both plugins (downloads are not measured)"
psql -qAtX -c "create database bench_warm" >/dev/null
mvn -B -q -f "$WORK/shale/pom.xml" db:migrate -Ddb.url="$(jdbc bench_warm)" -Ddb.user="$PGUSER" "${PW[@]}" \
  >"$WORK/logs/warm-shale.log" 2>&1 || { tail -40 "$WORK/logs/warm-shale.log"; die "Shale warm-up failed"; }
mvn -B -q -f "$WORK/flyway/pom.xml" flyway:migrate -Dflyway.url="$(jdbc bench_warm)" -Dflyway.user="$PGUSER" "${FPW[@]}" \
  -Dflyway.schemas=warm >"$WORK/logs/warm-flyway.log" 2>&1 || { tail -40 "$WORK/logs/warm-flyway.log"; die "Flyway warm-up failed"; }

STARTUP=()
for ((r = 1; r <= REPEAT; r++)); do
  STARTUP+=("$(timed "$WORK/logs/startup-$r.log" "${MVN[@]}" -f "$WORK/shale/pom.xml" db:migrate -Ddb.migrate.skip=true)")
done
S=$(printf '%s\n' "${STARTUP[@]}" | median)
log "Maven start-up (db:migrate skipped): $S s"

# check_applied KIND N DB: every tenant has the note column and its 0001_note tracking row (a run that did
# nothing cannot look fast).
check_applied() {
  local kind=$1 n=$2 db=$3 cols rows i
  if [ "$kind" = schemas ]; then
    cols=$(psql -qAtX -d "$db" -c "select count(*) from information_schema.columns where table_schema like 'tenant\_%' and table_name = 'orders' and column_name = 'note'")
    rows=$(psql -qAtX -d "$db" -c "select count(*) from pg_namespace n where n.nspname like 'tenant\_%' and exists (select from pg_class c where c.relnamespace = n.oid and c.relname = '__drizzle_migrations')")
    [ "$cols" = "$n" ] || die "$cols of $n tenant schemas in $db have the column"
    local recorded
    recorded=$(psql -qAtX -d "$db" -c "select sum((xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.__drizzle_migrations where name = %L', nspname, '0001_note'), false, true, '')))[1]::text::int) from pg_namespace where nspname like 'tenant\_%'")
    [ "$recorded" = "$n" ] || die "$recorded of $n tenant schemas in $db recorded 0001_note"
  else
    for ((i = 1; i <= n; i++)); do
      [ "$(psql -qAtX -d "${db}_$i" -c "select count(*) from information_schema.columns where table_name = 'orders' and column_name = 'note'")" = 1 ] \
        || die "database ${db}_$i lacks the column"
      [ "$kind" != shale-databases ] || [ "$(psql -qAtX -d "${db}_$i" -c "select count(*) from drizzle.__drizzle_migrations where name = '0001_note'")" = 1 ] \
        || die "database ${db}_$i did not record 0001_note"
    done
  fi
}

# undo_schemas DB N: every tenant back to 0000_orders only (the column, its index and its tracking row gone).
undo_schemas() {
  psql -qAtX -v ON_ERROR_STOP=1 -d "$1" >/dev/null <<'SQL'
do $$ declare s text; begin
  for s in select nspname from pg_namespace where nspname like 'tenant\_%' loop
    execute format('alter table %I.orders drop column if exists note', s);
    execute format('delete from %I.__drizzle_migrations where name = %L', s, '0001_note');
  end loop; end $$;
SQL
}

declare -A NOOP PNOOP APPLY PSQL FLY FLYNOTE
run_schemas() { # N
  local n=$1 db="fleet_s$1" file="$WORK/tenants-$1.txt" i noop=() pnoop=() apply=() ploop=() fly=()
  log "schemas N=$n: database $db with $n tenant schemas at 0000_orders (setup, not timed)"
  psql -qAtX -c "drop database if exists $db with (force)" -c "create database $db" >/dev/null
  for ((i = 1; i <= n; i++)); do echo "tenant_$i"; done >"$file"
  "${MVN[@]}" -f "$WORK/shale1/pom.xml" db:migrate -Ddb.url="$(jdbc "$db")" -Ddb.user="$PGUSER" "${PW[@]}" \
    -Ddb.targets="file:$file" -Ddb.parallel="$PARALLEL" >"$WORK/logs/setup-s$n.log" 2>&1 || die "setup failed (logs/setup-s$n.log)"
  local targets=(-Ddb.url="$(jdbc "$db")" -Ddb.user="$PGUSER" "${PW[@]}" -Ddb.targets="sql:select nspname from pg_namespace where nspname like 'tenant\_%' order by 1" -Ddb.parallel="$PARALLEL")
  for ((r = 1; r <= REPEAT; r++)); do
    undo_schemas "$db"
    log "schemas N=$n run $r: Shale applies 0001_note to every tenant"
    apply+=("$(timed "$WORK/logs/s$n-apply-$r.log" "${MVN[@]}" -f "$WORK/shale/pom.xml" db:migrate "${targets[@]}")")
    check_applied schemas "$n" "$db"
    log "schemas N=$n run $r: Shale no-op over the fleet"
    noop+=("$(timed "$WORK/logs/s$n-noop-$r.log" "${MVN[@]}" -f "$WORK/shale/pom.xml" db:migrate "${targets[@]}")")
    log "schemas N=$n run $r: psql no-op loop (one psql per tenant reading its tracking rows)"
    pnoop+=("$(timed "$WORK/logs/s$n-psql-noop-$r.log" bash -c 'for ((i = 1; i <= $0; i++)); do psql -qAtX -v ON_ERROR_STOP=1 -d "$1" -c "select name, hash from tenant_$i.__drizzle_migrations" >/dev/null || exit 1; done' "$n" "$db")")
    undo_schemas "$db"
    log "schemas N=$n run $r: psql loop (one psql per tenant: set search_path, the two statements)"
    ploop+=("$(timed "$WORK/logs/s$n-psql-$r.log" bash -c 'for ((i = 1; i <= $0; i++)); do psql -qAtX -v ON_ERROR_STOP=1 -d "$1" -c "set search_path to tenant_$i, public" -c "$2" -c "$3" || exit 1; done' "$n" "$db" "$ADD_NOTE" "$INDEX_NOTE")")
  done
  # Flyway: its own tenants with the orders table (baselined at V1), one flyway:migrate per tenant.
  local k=$(( n < FLYWAY_MAX ? n : FLYWAY_MAX )) fdb="flyway_s$1"
  psql -qAtX -c "drop database if exists $fdb with (force)" -c "create database $fdb" >/dev/null
  for ((i = 1; i <= k; i++)); do echo "create schema tenant_$i; create table tenant_$i.orders (id bigint generated always as identity primary key, total numeric not null);"; done \
    | psql -qAtX -v ON_ERROR_STOP=1 -d "$fdb" >/dev/null
  log "schemas N=$n: Flyway loop over $k tenants (one mvn flyway:migrate -Dflyway.schemas=tenant_i each)"
  fly+=("$(timed "$WORK/logs/s$n-flyway.log" bash -c 'for ((i = 1; i <= $0; i++)); do "${@:2}" -Dflyway.schemas=tenant_$i -Dflyway.baselineOnMigrate=true -Dflyway.baselineVersion=1 || exit 1; done' \
    "$k" "$fdb" "${MVN[@]}" -f "$WORK/flyway/pom.xml" flyway:migrate -Dflyway.url="$(jdbc "$fdb")" -Dflyway.user="$PGUSER" "${FPW[@]}")")
  [ "$(psql -qAtX -d "$fdb" -c "select count(*) from information_schema.columns where table_schema like 'tenant\_%' and column_name = 'note'")" = "$k" ] \
    || die "Flyway did not add the column to all $k tenants"
  NOOP[s$n]=$(printf '%s\n' "${noop[@]}" | median)
  PNOOP[s$n]=$(printf '%s\n' "${pnoop[@]}" | median)
  APPLY[s$n]=$(printf '%s\n' "${apply[@]}" | median)
  PSQL[s$n]=$(printf '%s\n' "${ploop[@]}" | median)
  FLY[s$n]=$(awk -v t="${fly[0]}" -v k="$k" -v n="$n" 'BEGIN { printf "%.3f", t * n / k }')
  FLYNOTE[s$n]=$([ "$k" = "$n" ] && echo measured || echo "extrapolated from $k")
  psql -qAtX -c "drop database $fdb with (force)" >/dev/null
}

run_databases() { # M
  local m=$1 prefix="fleet_d$1" file="$WORK/databases-$1.txt" i noop=() pnoop=() apply=() ploop=() fly=()
  log "databases M=$m: $m databases at 0000_orders (setup, not timed)"
  : >"$file"
  for ((i = 1; i <= m; i++)); do
    psql -qAtX -c "drop database if exists ${prefix}_$i with (force)" -c "create database ${prefix}_$i" >/dev/null
    echo "$(jdbc "${prefix}_$i")" >>"$file"
  done
  local targets=(-Ddb.user="$PGUSER" "${PW[@]}" -Ddb.targets="file:$file" -Ddb.parallel="$PARALLEL")
  "${MVN[@]}" -f "$WORK/shale1/pom.xml" db:migrate "${targets[@]}" >"$WORK/logs/setup-d$m.log" 2>&1 || die "setup failed (logs/setup-d$m.log)"
  undo_databases() {
    for ((i = 1; i <= m; i++)); do
      psql -qAtX -d "${prefix}_$i" -c "alter table orders drop column if exists note" \
        -c "delete from drizzle.__drizzle_migrations where name = '0001_note'" >/dev/null
    done
  }
  for ((r = 1; r <= REPEAT; r++)); do
    undo_databases
    log "databases M=$m run $r: Shale applies 0001_note to every database"
    apply+=("$(timed "$WORK/logs/d$m-apply-$r.log" "${MVN[@]}" -f "$WORK/shale/pom.xml" db:migrate "${targets[@]}")")
    check_applied shale-databases "$m" "$prefix"
    log "databases M=$m run $r: Shale no-op over the fleet"
    noop+=("$(timed "$WORK/logs/d$m-noop-$r.log" "${MVN[@]}" -f "$WORK/shale/pom.xml" db:migrate "${targets[@]}")")
    log "databases M=$m run $r: psql no-op loop (one psql per database reading its tracking rows)"
    pnoop+=("$(timed "$WORK/logs/d$m-psql-noop-$r.log" bash -c 'for ((i = 1; i <= $0; i++)); do psql -qAtX -v ON_ERROR_STOP=1 -d "$1_$i" -c "select name, hash from drizzle.__drizzle_migrations" >/dev/null || exit 1; done' "$m" "$prefix")")
    undo_databases
    log "databases M=$m run $r: psql loop (one psql per database, the two statements)"
    ploop+=("$(timed "$WORK/logs/d$m-psql-$r.log" bash -c 'for ((i = 1; i <= $0; i++)); do psql -qAtX -v ON_ERROR_STOP=1 -d "$1_$i" -c "$2" -c "$3" || exit 1; done' "$m" "$prefix" "$ADD_NOTE" "$INDEX_NOTE")")
    check_applied psql-databases "$m" "$prefix"
  done
  undo_databases
  local k=$(( m < FLYWAY_MAX ? m : FLYWAY_MAX ))
  log "databases M=$m: Flyway loop over $k databases (one mvn flyway:migrate -Dflyway.url=... each)"
  fly+=("$(timed "$WORK/logs/d$m-flyway.log" bash -c 'for ((i = 1; i <= $0; i++)); do "${@:2}" -Dflyway.url="$1_$i" -Dflyway.baselineOnMigrate=true -Dflyway.baselineVersion=1 || exit 1; done' \
    "$k" "$(jdbc "$prefix")" "${MVN[@]}" -f "$WORK/flyway/pom.xml" flyway:migrate -Dflyway.user="$PGUSER" "${FPW[@]}")")
  NOOP[d$m]=$(printf '%s\n' "${noop[@]}" | median)
  PNOOP[d$m]=$(printf '%s\n' "${pnoop[@]}" | median)
  APPLY[d$m]=$(printf '%s\n' "${apply[@]}" | median)
  PSQL[d$m]=$(printf '%s\n' "${ploop[@]}" | median)
  FLY[d$m]=$(awk -v t="${fly[0]}" -v k="$k" -v n="$m" 'BEGIN { printf "%.3f", t * n / k }')
  FLYNOTE[d$m]=$([ "$k" = "$m" ] && echo measured || echo "extrapolated from $k")
  for ((i = 1; i <= m; i++)); do psql -qAtX -c "drop database ${prefix}_$i with (force)" >/dev/null; done
}

for n in "${SCHEMA_SIZES[@]}"; do run_schemas "$n"; done
for m in "${DB_SIZES[@]}"; do run_databases "$m"; done

printf '\nShale fleet benchmark (db.parallel=%s, median of %d run(s), seconds; Maven start-up %s s)\n\n' "$PARALLEL" "$REPEAT" "$S"
printf '| fleet | Shale no-op | over start-up (target <= 3 s) | psql no-op loop | Shale apply | psql loop | Shale/psql (target <= 2) | Flyway loop | Shale/Flyway |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
row() { # KEY LABEL
  printf '| %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s |\n' "$2" "${NOOP[$1]}" "$(awk -v a="${NOOP[$1]}" -v b="$S" 'BEGIN { printf "%.2f", a - b }')" "${PNOOP[$1]}" \
    "${APPLY[$1]}" "${PSQL[$1]}" "$(ratio "${APPLY[$1]}" "${PSQL[$1]}")" "${FLY[$1]}" "${FLYNOTE[$1]}" "$(ratio "${APPLY[$1]}" "${FLY[$1]}")"
}
for n in "${SCHEMA_SIZES[@]}"; do row "s$n" "$n tenant schemas"; done
for m in "${DB_SIZES[@]}"; do row "d$m" "$m tenant databases"; done
growth() { # KIND SMALL LARGE
  local a="${1}${2}" b="${1}${3}"
  printf 'growth %s -> %s (%sx the targets): no-op over start-up %sx, apply %sx, psql loop %sx\n' "$2" "$3" \
    "$(ratio "$3" "$2")" "$(awk -v a="${NOOP[$a]}" -v b="${NOOP[$b]}" -v s="$S" 'BEGIN { printf "%.2f", (b - s) / (a - s) }')" \
    "$(ratio "${APPLY[$b]}" "${APPLY[$a]}")" "$(ratio "${PSQL[$b]}" "${PSQL[$a]}")"
}
echo
[ "${#SCHEMA_SIZES[@]}" -lt 2 ] || growth s "${SCHEMA_SIZES[0]}" "${SCHEMA_SIZES[-1]}"
[ "${#DB_SIZES[@]}" -lt 2 ] || growth d "${DB_SIZES[0]}" "${DB_SIZES[-1]}"
