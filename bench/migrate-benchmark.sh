#!/usr/bin/env bash
# Shale migrate benchmark: Shale db:migrate vs psql -1 vs Flyway flyway:migrate.
#
#   bench/migrate-benchmark.sh [N...]        default N=1000
#
# See bench/README.md for what is measured, the targets and how to read the table.
#
# Environment:
#   BENCH_PGHOST, BENCH_PGPORT, BENCH_PGUSER, BENCH_PGPASSWORD
#                          use this server instead of starting a throwaway one
#                          (the user must be allowed to CREATE DATABASE)
#   BENCH_SKIP_INSTALL=1   do not run `mvn install -DskipTests` on the repository first
#   BENCH_SHALE_VERSION    plugin version to benchmark (default: the root pom's version)
#   BENCH_FLYWAY_VERSION   flyway-maven-plugin version (default below)
#   BENCH_REPEAT=R         measure each figure R times, report the median (default 1)
#   BENCH_WORK=DIR         where to generate projects (default: a new temp dir)
#   BENCH_KEEP=1           keep the work directory (projects, logs) after the run
#   BENCH_PG_BIN=DIR       PostgreSQL server binaries (default: newest /usr/lib/postgresql/*/bin)
#   BENCH_TOOLS="..."      which of shale, psql, flyway to measure (default: all three)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)

FLYWAY_VERSION=${BENCH_FLYWAY_VERSION:-11.20.3}
PGJDBC_VERSION=${BENCH_PGJDBC_VERSION:-42.7.14}
SHALE_VERSION=${BENCH_SHALE_VERSION:-$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$REPO_ROOT/pom.xml" | head -1)}
REPEAT=${BENCH_REPEAT:-1}
TOOLS=" ${BENCH_TOOLS:-shale psql flyway} "
has() { [[ $TOOLS == *" $1 "* ]]; }
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000)
for n in "${SIZES[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "N must be a positive integer, got '$n'" >&2; exit 2; }
done

# Fixed journal timestamps: 2025-01-01T00:00:00Z, one second apart.
EPOCH_MS=1735689600000

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

WORK=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/shale-bench.XXXXXX")}
mkdir -p "$WORK"
chmod 755 "$WORK"
PG_STARTED=""
PG_CTL=""
PGDATA_DIR=""
RUN_AS=()

cleanup() {
  local rc=$?
  if [ -n "$PG_STARTED" ]; then
    log "stopping the throwaway server"
    "${RUN_AS[@]}" "$PG_CTL" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1 || true
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
# Generation
# ---------------------------------------------------------------------------------------------

# Sets SQL to the text of migration i. "--> statement-breakpoint" is an SQL comment, so the
# very same text is valid for Flyway and psql. (printf -v: no subshell per migration.)
migration_sql() {
  local i=$1 ref=""
  [ "$i" -eq 0 ] || ref=" REFERENCES t_$((i - 1)) (id)"
  printf -v SQL 'CREATE TABLE t_%d (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  name text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now(),\n  prev_id bigint%s\n);\n--> statement-breakpoint\nCREATE INDEX ON t_%d (prev_id);\n' \
    "$i" "$ref" "$i"
}

write_shale_pom() {
  cat >"$1/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>shale-bench</artifactId>
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

write_flyway_pom() {
  cat >"$1/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>flyway-bench</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>org.flywaydb</groupId>
        <artifactId>flyway-maven-plugin</artifactId>
        <version>$FLYWAY_VERSION</version>
        <configuration>
          <locations>
            <location>filesystem:src/main/resources/db/migration</location>
          </locations>
        </configuration>
        <dependencies>
          <!-- Since Flyway 10, PostgreSQL support is a separate module. -->
          <dependency>
            <groupId>org.flywaydb</groupId>
            <artifactId>flyway-database-postgresql</artifactId>
            <version>$FLYWAY_VERSION</version>
          </dependency>
          <dependency>
            <groupId>org.postgresql</groupId>
            <artifactId>postgresql</artifactId>
            <version>$PGJDBC_VERSION</version>
          </dependency>
        </dependencies>
      </plugin>
    </plugins>
  </build>
</project>
EOF
}

# generate N DIR: DIR/shale (journal + folders), DIR/flyway (V{i+1}__t_{i}.sql), DIR/all.sql
generate() {
  local n=$1 dir=$2 i tag sep
  local mig="$dir/shale/src/main/db/migrations" fly="$dir/flyway/src/main/resources/db/migration"
  rm -rf "$dir"
  mkdir -p "$mig/meta" "$fly"
  write_shale_pom "$dir/shale"
  write_flyway_pom "$dir/flyway"
  # One mkdir for all folders: a fork per migration costs minutes at N=10,000.
  for ((i = 0; i < n; i++)); do printf '%s/%04d_t_%d\0' "$mig" "$i" "$i"; done | xargs -0 mkdir
  {
    printf '{\n  "version": "7",\n  "dialect": "postgresql",\n  "entries": [\n'
    for ((i = 0; i < n; i++)); do
      printf -v tag '%04d_t_%d' "$i" "$i"
      migration_sql "$i"
      printf '%s' "$SQL" >"$mig/$tag/migration.sql"
      printf '%s' "$SQL" >"$fly/V$((i + 1))__t_$i.sql"
      printf '%s' "$SQL" >&3
      sep=,
      [ $((i + 1)) -lt "$n" ] || sep=""
      printf '    {\n      "idx": %d,\n      "version": "7",\n      "when": %d,\n      "tag": "%s",\n      "breakpoints": true\n    }%s\n' \
        "$i" $((EPOCH_MS + i * 1000)) "$tag" "$sep"
    done
    printf '  ]\n}\n'
  } >"$mig/meta/_journal.json" 3>"$dir/all.sql"
}

# ---------------------------------------------------------------------------------------------
# Server
# ---------------------------------------------------------------------------------------------

# Server start and stop are shared with the other benchmark.
. "$SCRIPT_DIR/throwaway-server.sh"

if [ -n "${BENCH_PGHOST:-}" ]; then
  export PGHOST=$BENCH_PGHOST PGPORT=${BENCH_PGPORT:-5432} PGUSER=${BENCH_PGUSER:-postgres}
  if [ -n "${BENCH_PGPASSWORD:-}" ]; then export PGPASSWORD=$BENCH_PGPASSWORD; else unset PGPASSWORD; fi
  log "using the server at $PGHOST:$PGPORT as $PGUSER"
else
  start_server "${BENCH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)}" "$WORK/initdb.log"
fi
export PGDATABASE=postgres PGOPTIONS="-c client_min_messages=warning"
psql -qAtX -c 'select 1' >/dev/null || die "cannot connect to $PGHOST:$PGPORT as $PGUSER"
log "server: $(psql -qAtX -c 'show server_version')"

jdbc_url() { echo "jdbc:postgresql://$PGHOST:$PGPORT/$1"; }

fresh_db() {
  psql -qAtX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null
}

# ---------------------------------------------------------------------------------------------
# Runs. Each prints elapsed seconds on stdout; output goes to a log under $WORK/logs.
# ---------------------------------------------------------------------------------------------

mkdir -p "$WORK/logs"
MVN=(mvn -B -q)
OFFLINE=()
PW_ARGS_SHALE=()
PW_ARGS_FLYWAY=()
if [ -n "${PGPASSWORD:-}" ]; then
  PW_ARGS_SHALE=(-Ddb.password="$PGPASSWORD")
  PW_ARGS_FLYWAY=(-Dflyway.password="$PGPASSWORD")
fi
# Flyway 10+ may phone home; keep the measurement local.
export REDGATE_DISABLE_TELEMETRY=true FLYWAY_TELEMETRY_OPTOUT=true

. "$SCRIPT_DIR/bench-lib.sh" # timed (its median and ratio are redefined below)

run_shale() { # run_shale PROJECT DB LABEL
  timed "$WORK/logs/$3.log" "${MVN[@]}" "${OFFLINE[@]}" -f "$1/pom.xml" db:migrate \
    -Ddb.url="$(jdbc_url "$2")" -Ddb.user="$PGUSER" "${PW_ARGS_SHALE[@]}"
}

run_flyway() { # run_flyway PROJECT DB LABEL
  timed "$WORK/logs/$3.log" "${MVN[@]}" "${OFFLINE[@]}" -f "$1/pom.xml" flyway:migrate \
    -Dflyway.url="$(jdbc_url "$2")" -Dflyway.user="$PGUSER" "${PW_ARGS_FLYWAY[@]}"
}

run_psql() { # run_psql FILE DB LABEL
  timed "$WORK/logs/$3.log" psql -qX -1 -v ON_ERROR_STOP=1 -d "$2" -f "$1"
}

# expect_tables DB N WHAT: the run really created N tables (and N tracking rows when asked).
expect_tables() {
  local got
  got=$(psql -qAtX -d "$1" -c "select count(*) from pg_tables where schemaname = 'public' and tablename ~ '^t_[0-9]+$'")
  [ "$got" = "$2" ] || die "$3: expected $2 tables in $1, found $got"
}
expect_rows() {
  local got
  got=$(psql -qAtX -d "$1" -c "select count(*) from $2")
  [ "$got" = "$3" ] || die "expected $3 rows in $1.$2, found $got"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
values_median() { if [ $# -eq 0 ]; then echo -; else printf '%s\n' "$@" | median; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "-" && b != "-" && b > 0) printf "%.2f", a / b; else print "-" }'; }

# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

if has shale && [ "${BENCH_SKIP_INSTALL:-0}" != 1 ]; then
  log "installing Shale $SHALE_VERSION from $REPO_ROOT (mvn install -DskipTests)"
  "${MVN[@]}" -f "$REPO_ROOT/pom.xml" install -DskipTests -Dinvoker.skip=true >"$WORK/logs/install.log" 2>&1 \
    || { tail -n 40 "$WORK/logs/install.log" >&2; die "mvn install failed (log: $WORK/logs/install.log)"; }
fi

log "warming up both plugins (downloads are not measured)"
generate 2 "$WORK/warmup"
if has shale; then
  fresh_db bench_warm_shale
  run_shale "$WORK/warmup/shale" bench_warm_shale warmup-shale >/dev/null
  run_shale "$WORK/warmup/shale" bench_warm_shale warmup-shale-noop >/dev/null
  expect_tables bench_warm_shale 2 "Shale warm-up"
fi
if has flyway; then
  fresh_db bench_warm_flyway
  run_flyway "$WORK/warmup/flyway" bench_warm_flyway warmup-flyway >/dev/null
  run_flyway "$WORK/warmup/flyway" bench_warm_flyway warmup-flyway-noop >/dev/null
  expect_tables bench_warm_flyway 2 "Flyway warm-up"
fi
OFFLINE=(-o)

# Maven's own start-up, loading the same project and running no plugin: the floor under both
# tools' figures.
mv=()
for ((r = 1; r <= REPEAT; r++)); do
  mv+=("$(timed "$WORK/logs/maven-validate-r$r.log" "${MVN[@]}" "${OFFLINE[@]}" -f "$WORK/warmup/shale/pom.xml" validate)")
done
MAVEN_BASELINE=$(values_median "${mv[@]}")

declare -A SHALE_FRESH PSQL_FRESH FLYWAY_FRESH SHALE_NOOP FLYWAY_NOOP
for n in "${SIZES[@]}"; do
  dir="$WORK/n$n"
  log "N=$n: generating"
  generate "$n" "$dir"
  sf=() pf=() ff=() sn=() fn=()
  for ((r = 1; r <= REPEAT; r++)); do
    if has shale; then
      log "N=$n run $r/$REPEAT: shale fresh"
      fresh_db bench_shale
      sf+=("$(run_shale "$dir/shale" bench_shale "n$n-r$r-shale-fresh")")
      expect_tables bench_shale "$n" "Shale"
      expect_rows bench_shale drizzle.__drizzle_migrations "$n"
      log "N=$n run $r/$REPEAT: shale no-op"
      sn+=("$(run_shale "$dir/shale" bench_shale "n$n-r$r-shale-noop")")
    fi
    if has psql; then
      log "N=$n run $r/$REPEAT: psql -1"
      fresh_db bench_psql
      pf+=("$(run_psql "$dir/all.sql" bench_psql "n$n-r$r-psql")")
      expect_tables bench_psql "$n" "psql"
    fi
    if has flyway; then
      log "N=$n run $r/$REPEAT: flyway fresh"
      fresh_db bench_flyway
      ff+=("$(run_flyway "$dir/flyway" bench_flyway "n$n-r$r-flyway-fresh")")
      expect_tables bench_flyway "$n" "Flyway"
      expect_rows bench_flyway flyway_schema_history "$n"
      log "N=$n run $r/$REPEAT: flyway no-op"
      fn+=("$(run_flyway "$dir/flyway" bench_flyway "n$n-r$r-flyway-noop")")
    fi
  done
  log "N=$n runs (s): shale fresh ${sf[*]:--}; psql ${pf[*]:--}; flyway fresh ${ff[*]:--}; shale no-op ${sn[*]:--}; flyway no-op ${fn[*]:--}"
  SHALE_FRESH[$n]=$(values_median "${sf[@]}")
  PSQL_FRESH[$n]=$(values_median "${pf[@]}")
  FLYWAY_FRESH[$n]=$(values_median "${ff[@]}")
  SHALE_NOOP[$n]=$(values_median "${sn[@]}")
  FLYWAY_NOOP[$n]=$(values_median "${fn[@]}")
  for db in bench_shale bench_psql bench_flyway; do
    psql -qAtX -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  done
done

echo
echo "Shale $SHALE_VERSION vs Flyway $FLYWAY_VERSION vs psql -1; PostgreSQL $(psql -qAtX -c 'show server_version'); median of $REPEAT run(s); seconds of wall time"
echo
printf '| %6s | %13s | %9s | %14s | %12s | %10s | %13s | %14s | %11s |\n' \
  N "shale fresh s" "psql -1 s" "flyway fresh s" shale/flyway shale/psql "shale no-op s" "flyway no-op s" "no-op ratio"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' -------: --------------: ----------: ---------------: -------------: -----------: --------------: ---------------: ------------:
for n in "${SIZES[@]}"; do
  printf '| %6s | %13s | %9s | %14s | %12s | %10s | %13s | %14s | %11s |\n' "$n" \
    "${SHALE_FRESH[$n]}" "${PSQL_FRESH[$n]}" "${FLYWAY_FRESH[$n]}" \
    "$(ratio "${SHALE_FRESH[$n]}" "${FLYWAY_FRESH[$n]}")" "$(ratio "${SHALE_FRESH[$n]}" "${PSQL_FRESH[$n]}")" \
    "${SHALE_NOOP[$n]}" "${FLYWAY_NOOP[$n]}" "$(ratio "${SHALE_NOOP[$n]}" "${FLYWAY_NOOP[$n]}")"
done
if [ -n "${SHALE_NOOP[1000]:-}" ] && [ -n "${SHALE_NOOP[10000]:-}" ]; then
  echo
  growth() { local g; g=$(ratio "$2" "$1"); if [ "$g" = - ]; then echo "not measured"; else echo "${g}x"; fi; }
  echo "no-op growth 1,000 -> 10,000: shale $(growth "${SHALE_NOOP[1000]}" "${SHALE_NOOP[10000]}"), flyway $(growth "${FLYWAY_NOOP[1000]}" "${FLYWAY_NOOP[10000]}") (target: shale <= 10x)"
fi
echo
echo "Maven start-up alone (mvn -o validate, no plugin): $MAVEN_BASELINE s; it is inside every shale and flyway figure"
echo "targets at N=1000: shale/flyway <= 0.60, shale/psql <= 2.00, no-op ratio <= 0.70"
