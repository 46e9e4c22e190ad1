#!/usr/bin/env bash
# Shale schema-engine benchmark: introspection vs pg_dump --schema-only, diff, db:generate, heap, growth.
#
#   bench/schema-benchmark.sh [TABLES...]     default: 500 1000 2000 4000
#
# See bench/README.md ("Schema-engine benchmark") for what is measured, the targets and how to read
# the table.
#
# Environment:
#   BENCH_PGHOST, BENCH_PGPORT, BENCH_PGUSER, BENCH_PGPASSWORD
#                          use this server instead of starting a throwaway one
#                          (the user must be allowed to CREATE DATABASE)
#   BENCH_MAIN_TABLES=N    the size measured for pg_dump ratio, diff, heap and db:generate (default 2000;
#                          added to the sizes if missing)
#   BENCH_RUNS=R           measured runs per figure, median reported (default 7)
#   BENCH_WARMUP=W         unmeasured runs after the first (cold) one (default 3)
#   BENCH_XMX=SIZE         heap limit of the Java driver (default 512m)
#   BENCH_JAVA_OPTS="..."  more JVM options for the driver, e.g. -XX:StartFlightRecording=filename=x.jfr
#   BENCH_SKIP_INSTALL=1   do not run `mvn install -DskipTests` on the repository first
#   BENCH_PG_BIN=DIR       PostgreSQL server binaries (default: newest /usr/lib/postgresql/*/bin)
#   BENCH_PG_DUMP=FILE     pg_dump to time (default: the one next to the server binaries, else PATH)
#   BENCH_WORK=DIR         where to put the generated SQL, logs and the server (default: a new temp dir)
#   BENCH_KEEP=1           keep the work directory afterwards (kept anyway on failure)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)

SHALE_VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$REPO_ROOT/pom.xml" | head -1)
MAIN=${BENCH_MAIN_TABLES:-2000}
RUNS=${BENCH_RUNS:-7}
WARMUP=${BENCH_WARMUP:-3}
XMX=${BENCH_XMX:-512m}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(500 1000 2000 4000)
for n in "${SIZES[@]}" "$MAIN" "$RUNS"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "sizes and BENCH_RUNS must be positive integers, got '$n'" >&2; exit 2; }
done
[[ $WARMUP =~ ^[0-9]+$ ]] || { echo "BENCH_WARMUP must be a number, got '$WARMUP'" >&2; exit 2; }
[[ " ${SIZES[*]} " == *" $MAIN "* ]] || SIZES+=("$MAIN")
mapfile -t SIZES < <(printf '%s\n' "${SIZES[@]}" | sort -n -u)

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

WORK=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/shale-schema-bench.XXXXXX")}
mkdir -p "$WORK/logs" "$WORK/sql"
chmod 755 "$WORK"
PG_STARTED=""
PG_CTL=""
PG_BIN=""
PGDATA_DIR=""
RUN_AS=()
DATABASES=()

cleanup() {
  local rc=$?
  if [ -n "$PG_STARTED" ]; then
    log "stopping the throwaway server"
    "${RUN_AS[@]}" "$PG_CTL" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1 || true
  elif [ ${#DATABASES[@]} -gt 0 ]; then
    for db in "${DATABASES[@]}"; do
      psql -qAtX -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    done
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ $rc -ne 0 ]; then
    log "work directory kept: $WORK"
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Schema generation
# ---------------------------------------------------------------------------------------------

# The changed variant differs in 1% of the objects. A table is 25 objects (itself, 20 columns, its
# primary key, 2 indexes, 1 foreign key) and brings about 2.75 more (a function; on odd tables a trigger;
# on every 4th a policy; its grants), so every 4th table gets one change: about 1%.
# The change cycles through fourteen kinds; CHANGE_KINDS names them for the report.
CHANGE_KINDS="add column, drop column, column type, column default, drop NOT NULL, add index, drop index, foreign key action, add check, add table, function body, trigger WHEN, policy USING, grant"
changed_kind() { # changed_kind I -> kind 0..13 on stdout via KIND, or -1
  if [ $(($1 % 4)) -eq 3 ]; then KIND=$((($1 / 4) % 14)); else KIND=-1; fi
}

# write_schema N VARIANT FILE: N tables t_0..t_{N-1}; t_i references t_{i/2} (t_0 itself), so the
# file runs top to bottom. Each table has a function (on odd tables a trigger function and its trigger,
# on even ones an SQL function), every 4th (i % 4 = 3) row-level security and a policy, and every table
# grants to two roles: N tables, N functions, N/2 triggers, N/4 policies. VARIANT is base or changed.
write_schema() {
  local n=$1 variant=$2 i KIND
  local qty name_null status_default note extra fk_action check idx2 idx3 newtable
  local body when using grant routines
  {
    for ((i = 0; i < n; i++)); do
      KIND=-1
      [ "$variant" = base ] || changed_kind "$i"
      qty=integer name_null=" NOT NULL" status_default=0 fk_action="SET NULL" extra="" check=""
      note=$',\n  note text COLLATE "C"'
      printf -v idx2 'CREATE INDEX t_%d_status_created_at_idx ON t_%d (status, created_at DESC);\n' "$i" "$i"
      idx3="" newtable=""
      case $KIND in
        0) extra=$',\n  extra text' ;;
        1) note="" ;;
        2) qty=bigint ;;
        3) status_default=1 ;;
        4) name_null="" ;;
        5) printf -v idx3 'CREATE INDEX t_%d_external_id_idx ON t_%d (external_id);\n' "$i" "$i" ;;
        6) idx2="" ;;
        7) fk_action=CASCADE ;;
        8) printf -v check ',\n  CONSTRAINT t_%d_qty_check CHECK (qty >= 0)' "$i" ;;
        9) printf -v newtable 'CREATE TABLE tn_%d (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  t_id bigint NOT NULL REFERENCES t_%d (id),\n  label text\n);\n' "$i" "$i" ;;
      esac
      body="NEW.updated_at := now();" when="" using="active" grant="SELECT, INSERT, UPDATE"
      case $KIND in
        10) body="NEW.updated_at := clock_timestamp();" ;;
        11) when=" WHEN (OLD.status IS DISTINCT FROM NEW.status)" ;;
        12) using="active AND status >= 0" ;;
        13) grant="SELECT, INSERT, UPDATE, DELETE" ;;
      esac
      if [ $((i % 2)) -eq 1 ]; then
        printf -v routines 'CREATE FUNCTION t_%d_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN %s RETURN NEW; END $$;\nCREATE TRIGGER t_%d_touch BEFORE UPDATE ON t_%d FOR EACH ROW%s EXECUTE FUNCTION t_%d_touch();\n' \
          "$i" "$body" "$i" "$i" "$when" "$i"
      else
        printf -v routines 'CREATE FUNCTION t_%d_score(p bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT p * %d $$;\n' "$i" $((i + 1))
      fi
      if [ $((i % 4)) -eq 3 ]; then
        printf -v routines '%sALTER TABLE t_%d ENABLE ROW LEVEL SECURITY;\nCREATE POLICY t_%d_active ON t_%d FOR SELECT TO bench_reader USING (%s);\n' \
          "$routines" "$i" "$i" "$i" "$using"
      fi
      printf -v routines '%sGRANT SELECT ON t_%d TO bench_reader;\nGRANT %s ON t_%d TO bench_writer;\n' "$routines" "$i" "$grant" "$i"
      printf 'CREATE TABLE t_%d (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  parent_id bigint REFERENCES t_%d (id) ON DELETE %s,\n  name text%s,\n  code varchar(64),\n  status smallint NOT NULL DEFAULT %d,\n  qty %s,\n  total numeric(12,2) DEFAULT 0,\n  ratio double precision,\n  score real,\n  active boolean NOT NULL DEFAULT true,\n  created_at timestamptz NOT NULL DEFAULT now(),\n  updated_at timestamp,\n  due date,\n  external_id uuid,\n  payload jsonb,\n  tags text[],\n  data bytea,\n  duration interval,\n  addr inet%s%s%s\n);\nCREATE INDEX t_%d_parent_id_idx ON t_%d (parent_id);\n%s%s%s' \
        "$i" $((i / 2)) "$fk_action" "$name_null" "$status_default" "$qty" "$note" "$extra" "$check" \
        "$i" "$i" "$idx2" "$idx3" "$newtable"
      printf '%s' "$routines"
    done
  } >"$3"
}

# Tables in the changed variant: one new table per kind-9 change.
changed_table_count() {
  local n=$1 i KIND count=$1
  for ((i = 3; i < n; i += 4)); do
    changed_kind "$i"
    [ "$KIND" -ne 9 ] || count=$((count + 1))
  done
  echo "$count"
}

# ---------------------------------------------------------------------------------------------
# Server (as in migrate-benchmark.sh)
# ---------------------------------------------------------------------------------------------

# Server start and stop are shared with the other benchmark.
. "$SCRIPT_DIR/throwaway-server.sh"

PG_BIN=${BENCH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)}
if [ -n "${BENCH_PGHOST:-}" ]; then
  export PGHOST=$BENCH_PGHOST PGPORT=${BENCH_PGPORT:-5432} PGUSER=${BENCH_PGUSER:-postgres}
  if [ -n "${BENCH_PGPASSWORD:-}" ]; then export PGPASSWORD=$BENCH_PGPASSWORD; else unset PGPASSWORD; fi
  log "using the server at $PGHOST:$PGPORT as $PGUSER"
else
  # autovacuum off: after the loads it would work on the catalogs while we measure; load_db runs VACUUM ANALYZE.
  start_server "$PG_BIN" "$WORK/logs/initdb.log" "-c autovacuum=off"
fi
export PGDATABASE=postgres PGOPTIONS="-c client_min_messages=warning"
psql -qAtX -c 'select 1' >/dev/null || die "cannot connect to $PGHOST:$PGPORT as $PGUSER"
SERVER_VERSION=$(psql -qAtX -c 'show server_version')
SERVER_MAJOR=$(($(psql -qAtX -c 'show server_version_num') / 10000))
log "server: PostgreSQL $SERVER_VERSION"

# pg_dump refuses a newer server and may differ in work done on an older one: same major only.
PG_DUMP=${BENCH_PG_DUMP:-}
if [ -z "$PG_DUMP" ]; then
  if [ -n "$PG_BIN" ] && [ -x "$PG_BIN/pg_dump" ]; then PG_DUMP=$PG_BIN/pg_dump; else PG_DUMP=$(command -v pg_dump || true); fi
fi
[ -n "$PG_DUMP" ] && [ -x "$PG_DUMP" ] || die "no pg_dump found (set BENCH_PG_DUMP)"
PG_DUMP_VERSION=$("$PG_DUMP" --version | sed -n 's/.* \([0-9][0-9.]*\).*/\1/p')
[ "${PG_DUMP_VERSION%%.*}" = "$SERVER_MAJOR" ] \
  || die "$PG_DUMP is version $PG_DUMP_VERSION, the server is $SERVER_VERSION: set BENCH_PG_DUMP to a pg_dump $SERVER_MAJOR"

jdbc_base() { echo "jdbc:postgresql://$PGHOST:$PGPORT/"; }

# ---------------------------------------------------------------------------------------------
# Measurement helpers
# ---------------------------------------------------------------------------------------------

now() { date +%s%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "-" }'; }
kv() { sed -n "s/^$2=//p" "$1" | head -1; } # kv FILE KEY

load_db() { # load_db DB FILE EXPECTED_TABLES
  # The roles the schema grants to and writes policies for (a server's, not a database's).
  psql -qAtX -v ON_ERROR_STOP=1 -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_reader') THEN CREATE ROLE bench_reader NOLOGIN; END IF; IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_writer') THEN CREATE ROLE bench_writer NOLOGIN; END IF; END \$\$" >/dev/null
  psql -qAtX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null
  DATABASES+=("$1")
  psql -qX -1 -v ON_ERROR_STOP=1 -d "$1" -f "$2" >"$WORK/logs/load-$1.log" 2>&1 \
    || { tail -n 20 "$WORK/logs/load-$1.log" >&2; die "loading $2 into $1 failed"; }
  # Fresh statistics on the catalogs too, so neither pg_dump nor Shale meets a bad plan from the load.
  psql -qAtX -d "$1" -c 'VACUUM ANALYZE' >/dev/null
  local got
  got=$(psql -qAtX -d "$1" -c "select count(*) from pg_tables where schemaname = 'public'")
  [ "$got" = "$3" ] || die "expected $3 tables in $1, found $got"
}

# pg_dump_times DB N: first run, then BENCH_WARMUP unmeasured, then BENCH_RUNS measured; sets
# DUMP_FIRST and DUMP_MEDIAN (ms). The dump must hold all N tables.
pg_dump_times() {
  local db=$1 n=$2 t0 t1 r times=() out="$WORK/logs/pg_dump-$1.sql"
  for ((r = 0; r < 1 + WARMUP + RUNS; r++)); do
    t0=$(now)
    "$PG_DUMP" --schema-only -d "$db" -f "$out" 2>"$WORK/logs/pg_dump-$db.err" \
      || { cat "$WORK/logs/pg_dump-$db.err" >&2; die "pg_dump of $db failed"; }
    t1=$(now)
    [ "$r" -gt 0 ] || DUMP_FIRST=$(((t1 - t0) / 1000000))
    [ "$r" -le "$WARMUP" ] || times+=($(((t1 - t0) / 1000000)))
  done
  local got
  got=$(grep -c '^CREATE TABLE public\.' "$out" || true)
  [ "$got" = "$n" ] || die "pg_dump of $db holds $got CREATE TABLE, expected $n"
  DUMP_MEDIAN=$(printf '%s\n' "${times[@]}" | median)
  log "pg_dump $db (ms): first $DUMP_FIRST, runs ${times[*]}"
}

run_driver() { # run_driver OUTFILE driver-args...
  local out=$1
  shift
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  java -Xmx"$XMX" ${BENCH_JAVA_OPTS:-} -cp "$CLASSPATH" "$SCRIPT_DIR/SchemaBench.java" --url "$(jdbc_base)" --user "$PGUSER" \
    --warmup "$WARMUP" --runs "$RUNS" "$@" >"$out" 2>"$out.err" \
    || { cat "$out.err" >&2; die "the driver failed ($*); an OutOfMemoryError here means the $XMX heap target is missed"; }
}

# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

if [ "${BENCH_SKIP_INSTALL:-0}" != 1 ]; then
  log "building Shale $SHALE_VERSION from $REPO_ROOT (mvn -o install -DskipTests)"
  mvn -B -q -o -f "$REPO_ROOT/pom.xml" install -DskipTests -Dinvoker.skip=true >"$WORK/logs/install.log" 2>&1 \
    || { tail -n 40 "$WORK/logs/install.log" >&2; die "mvn install failed (log: $WORK/logs/install.log)"; }
fi
mvn -B -q -o -f "$REPO_ROOT/pom.xml" -pl engine dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$WORK/classpath.txt" >"$WORK/logs/classpath.log" 2>&1 \
  || { tail -n 20 "$WORK/logs/classpath.log" >&2; die "cannot resolve the engine's class path"; }
CLASSPATH="$REPO_ROOT/engine/target/classes:$(cat "$WORK/classpath.txt")"

CHANGED_TABLES=$(changed_table_count "$MAIN")
for n in "${SIZES[@]}"; do
  log "$n tables: generating and loading bench_t$n"
  write_schema "$n" base "$WORK/sql/t$n.sql"
  load_db "bench_t$n" "$WORK/sql/t$n.sql" "$n"
done
log "$MAIN tables, 1% changed: generating and loading bench_t${MAIN}_changed"
write_schema "$MAIN" changed "$WORK/sql/t${MAIN}_changed.sql"
load_db "bench_t${MAIN}_changed" "$WORK/sql/t${MAIN}_changed.sql" "$CHANGED_TABLES"

declare -A INTRO_FIRST INTRO_MEDIAN PGD_FIRST PGD_MEDIAN
for n in "${SIZES[@]}"; do
  log "$n tables: pg_dump --schema-only"
  pg_dump_times "bench_t$n" "$n"
  PGD_FIRST[$n]=$DUMP_FIRST PGD_MEDIAN[$n]=$DUMP_MEDIAN
  log "$n tables: Shale introspection (fresh JVM, -Xmx$XMX)"
  out="$WORK/logs/driver-t$n.txt"
  if [ "$n" = "$MAIN" ]; then
    run_driver "$out" --db "bench_t$n" --tables "$n" --changed "bench_t${n}_changed" --changed-tables "$CHANGED_TABLES"
    MAIN_OUT=$out
  else
    run_driver "$out" --db "bench_t$n" --tables "$n"
  fi
  INTRO_FIRST[$n]=$(kv "$out" introspect_first_ms)
  INTRO_MEDIAN[$n]=$(kv "$out" introspect_median_ms)
  log "$n tables: introspection (ms): first ${INTRO_FIRST[$n]}, runs $(kv "$out" introspect_runs_ms)"
done

# db:generate end to end, only once the plugin has the goal: a project whose schema file is the main
# size's base schema gets its first migration (from nothing), then the schema file becomes the
# changed variant and `db:generate` writes the 1% change. That second run is what is timed, the
# migrations folder restored to its first-migration state before each run. The shadow database is
# created on the benchmark's server (db.shadowUrl), so no embedded server start is in the figure.
GENERATE="not available" GENERATE_INITIAL="" MAVEN_BASELINE=""
write_shale_pom() {
  cat >"$1/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>shale-schema-bench</artifactId>
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
}
mvn_ms() { # mvn_ms LOG args...: runs offline Maven on the generate project, prints ms
  local logf=$1 t0 t1
  shift
  t0=$(now)
  mvn -B -q -o -f "$GEN/pom.xml" "$@" >"$logf" 2>&1 || { tail -n 40 "$logf" >&2; die "failed: mvn $* (log: $logf)"; }
  t1=$(now)
  echo $(((t1 - t0) / 1000000))
}
generate_ms() { # generate_ms NAME LOG
  mvn_ms "$2" db:generate -Ddb.name="$1" -Ddb.shadowUrl="$(jdbc_base)postgres" -Ddb.user="$PGUSER" \
    ${PGPASSWORD:+-Ddb.password="$PGPASSWORD"}
}
PLUGIN_JAR="$REPO_ROOT/maven-plugin/target/shale-maven-plugin-$SHALE_VERSION.jar"
# (No `unzip | grep -q`: grep's early exit fails unzip with SIGPIPE, and pipefail the test.)
if [ -f "$PLUGIN_JAR" ] && [[ $(unzip -p "$PLUGIN_JAR" META-INF/maven/plugin.xml 2>/dev/null) == *"<goal>generate</goal>"* ]]; then
  GEN="$WORK/generate"
  MIG="$GEN/src/main/db/migrations"
  mkdir -p "$GEN/src/main/db/schema"
  write_shale_pom "$GEN"
  cp "$WORK/sql/t$MAIN.sql" "$GEN/src/main/db/schema/schema.sql"
  log "db:generate: first migration of $MAIN tables (from nothing)"
  GENERATE_INITIAL=$(generate_ms initial "$WORK/logs/generate-initial.log")
  [ -s "$MIG/0000_initial/migration.sql" ] || die "db:generate wrote no 0000_initial/migration.sql (log: $WORK/logs/generate-initial.log)"
  cp -a "$MIG" "$WORK/migrations-initial"
  cp "$WORK/sql/t${MAIN}_changed.sql" "$GEN/src/main/db/schema/schema.sql"
  gt=()
  for ((r = 0; r < 1 + RUNS; r++)); do
    [ "$r" -gt 0 ] || log "db:generate: the 1% change, $((1 + RUNS)) runs"
    rm -rf "$MIG" && cp -a "$WORK/migrations-initial" "$MIG"
    gt+=("$(generate_ms change "$WORK/logs/generate-change-$r.log")")
    [ -s "$MIG/0001_change/migration.sql" ] || die "db:generate wrote no 0001_change/migration.sql (log: $WORK/logs/generate-change-$r.log)"
  done
  GENERATE_FIRST=${gt[0]}
  GENERATE_MEDIAN=$(printf '%s\n' "${gt[@]:1}" | median)
  # Statements PostgreSQL runs outside a transaction (CREATE INDEX CONCURRENTLY) get folders of their own:
  # count the statements of every folder the change wrote.
  GENERATE_STATEMENTS=0 GENERATE_FOLDERS=0
  for folder in "$MIG"/*/; do
    [ "$(basename "$folder")" != 0000_initial ] && [ -f "$folder/migration.sql" ] || continue
    n=$(grep -c -- '--> statement-breakpoint' "$folder/migration.sql" || true)
    GENERATE_STATEMENTS=$((GENERATE_STATEMENTS + n + 1)) GENERATE_FOLDERS=$((GENERATE_FOLDERS + 1))
  done
  log "db:generate, the 1% change (ms): first $GENERATE_FIRST, runs ${gt[*]:1}"
  MAVEN_BASELINE=$(mvn_ms "$WORK/logs/maven-validate.log" validate)
  GENERATE="$GENERATE_MEDIAN ms (first $GENERATE_FIRST ms; $GENERATE_STATEMENTS statements in $GENERATE_FOLDERS folders)"
fi

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

yes_no() { if awk -v a="$1" -v b="$2" 'BEGIN { exit !(a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && a + 0 <= b + 0) }'; then echo yes; else echo NO; fi; }
fmt() { if [[ $1 =~ ^[0-9]+$ ]]; then echo "$1 ms"; else echo "$1"; fi; }

intro=${INTRO_MEDIAN[$MAIN]} dump=${PGD_MEDIAN[$MAIN]}
intro_ratio=$(ratio "$intro" "$dump")
diff_median=$(kv "$MAIN_OUT" diff_median_ms)
if [ -n "$diff_median" ]; then
  diff_row="$diff_median ms (first $(kv "$MAIN_OUT" diff_first_ms) ms; $(kv "$MAIN_OUT" diff_changes) changes, $(kv "$MAIN_OUT" diff_undecided) undecided)"
  diff_met=$(yes_no "$diff_median" 200)
else
  diff_row="not available"
  diff_met="-"
  log "diff: $(kv "$MAIN_OUT" diff)"
fi
heap_peak=$(kv "$MAIN_OUT" heap_peak_mb)
heap_live=$(kv "$MAIN_OUT" heap_peak_after_gc_mb)
heap_models=$(kv "$MAIN_OUT" heap_models_live_mb)
heap_max=$(kv "$MAIN_OUT" heap_max_mb)
smallest=${SIZES[0]} largest=${SIZES[${#SIZES[@]} - 1]}
per_small=$(awk -v t="${INTRO_MEDIAN[$smallest]}" -v n="$smallest" 'BEGIN { printf "%.3f", t / n }')
per_large=$(awk -v t="${INTRO_MEDIAN[$largest]}" -v n="$largest" 'BEGIN { printf "%.3f", t / n }')
growth=$(ratio "$per_large" "$per_small")

echo
echo "Shale $SHALE_VERSION schema engine; PostgreSQL $SERVER_VERSION, pg_dump $PG_DUMP_VERSION; tables of 20 columns, 2 indexes, 1 foreign key,"
echo "grants to 2 roles, a function each, a trigger on every 2nd and a policy on every 4th;"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end of the run"
echo "ms of wall time, median of $RUNS runs after the first (cold) run and $WARMUP warm-up runs; driver -Xmx$XMX"
echo
printf '| %-52s | %-58s | %-24s | %-4s |\n' measure "$MAIN tables" target met
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..54})" "$(printf -- '-%.0s' {1..60})" "$(printf -- '-%.0s' {1..26})" ------
printf '| %-52s | %-58s | %-24s | %-4s |\n' \
  "introspection (Introspector.introspect, public)" "$intro ms (first, cold JVM: ${INTRO_FIRST[$MAIN]} ms)" "<= 0.5 x pg_dump" "$(yes_no "$intro_ratio" 0.5)" \
  "pg_dump --schema-only" "$dump ms (first: ${PGD_FIRST[$MAIN]} ms)" "" "" \
  "introspection / pg_dump" "$intro_ratio" "<= 0.50" "$(yes_no "$intro_ratio" 0.5)" \
  "diff, 1% of objects changed (SchemaDiff.between)" "$diff_row" "<= 200 ms" "$diff_met" \
  "db:generate end to end (1% changed)" "$GENERATE" "" "" \
  "  of which Maven start-up (mvn -o validate)" "${MAVEN_BASELINE:--}${MAVEN_BASELINE:+ ms}" "" "" \
  "db:generate, first migration (from nothing)" "${GENERATE_INITIAL:-not available}${GENERATE_INITIAL:+ ms}" "" "" \
  "peak heap, introspection + diff (heap pools' peaks)" "$heap_peak MB of $heap_max MB, no OutOfMemoryError" "< 512 MB" "$(yes_no "$heap_peak" 511)" \
  "live heap at worst (after GC) / both models held" "$heap_live MB / $heap_models MB" "" "" \
  "growth $smallest -> $largest tables, per-table time" "${growth}x (${per_small} -> ${per_large} ms per table)" "near-linear: <= 1.25x" "$(yes_no "$growth" 1.25)"
echo
printf '| %6s | %18s | %15s | %12s | %18s | %11s | %17s |\n' tables "introspect first" "introspect med" "ms per table" "vs $smallest, per table" "pg_dump med" "introspect/pg_dump"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' -------: -------------------: ----------------: -------------: -------------------: ------------: ------------------:
for n in "${SIZES[@]}"; do
  per=$(awk -v t="${INTRO_MEDIAN[$n]}" -v n="$n" 'BEGIN { printf "%.3f", t / n }')
  printf '| %6s | %18s | %15s | %12s | %18s | %11s | %17s |\n' "$n" "${INTRO_FIRST[$n]}" "${INTRO_MEDIAN[$n]}" "$per" \
    "$(ratio "$per" "$per_small")x" "${PGD_MEDIAN[$n]}" "$(ratio "${INTRO_MEDIAN[$n]}" "${PGD_MEDIAN[$n]}")"
done
echo
echo "the changed database: every 4th table has one change, cycling through: $CHANGE_KINDS"
