#!/usr/bin/env bash
# Benchmark for issues "Fast at a million columns" and "Fast whatever the catalog's statistics say,
# and linear to 5 million columns". See bench/README.md.
#
#   bash bench/run.sh
#
# Needs: a built jar (mvn -B -q package -DskipTests), PostgreSQL reachable as $PGUSER at
# $PGHOST:$PGPORT with the right to create databases, psql, java, curl, python3, /usr/bin/time.
# Environment knobs: JAR, JAVA (the java to run it with), JVM_FLAGS (more JVM options, e.g. the
# image's: -XX:AOTCache=FILE -XX:CompileThresholdScaling=10, see bench/README.md), PGHOST, PGPORT,
# PGUSER, XMX (128m), REPEAT (3), PORT (18080),
# SF_PORT (18090), BENCH_WORK (/tmp/secoda-bench), OLD_JAR (a jar of an earlier commit: its CSV
# of each PostgreSQL case is compared byte for byte with this jar's), SF_PARALLEL ("1 4 16"),
# SF_DATABASES (200), SF_DELAY (1.0 s), SF_LOGIN_DELAY (0 s: each sign-in and logout), PARTS, the parts to run, comma-separated (default
# extract,stale,skewed,5m,partitions,wide-schema,snowflake,upload,parallel,demo):
#   extract      100k and 1M columns, analyzed catalog
#   stale        1M columns, catalog never analyzed, and the same analyzed
#   skewed       1M columns, pg_class and pg_attribute analyzed, pg_description believed empty
#   5m           5M columns (and 100k, 1M for the cost per column)
#   partitions   one table of 1,000 partitions (100 of them with 5 sub-partitions each),
#                include-partitions false and true; then the same in a warm JVM (WARM_RUNS (3) more
#                warehouses on the same database in one run)
#   wide-schema  50,000 tables in one schema
#   snowflake    200 databases on a fake Snowflake answering each after SF_DELAY s
#   upload       the 1M CSV: curl vs the job, to a fake Secoda (needs the 1M extract); with 5m
#                also the 5M CSV to a fake Secoda reading at most UPLOAD_RATE (50) MiB/s
#   parallel     8 warehouses of 100k columns
#   demo         the built-in demo run
#   mariadb      a MariaDB database of 2,000 tables x 50 columns (100,000 columns, built once, a schema
#                comment marks a finished build) through kind mysql and kind jdbc (the MariaDB driver
#                jar from a folder) beside `mariadb -B -N` of the same query; needs the mariadb client
#                and MARIADB_HOST (127.0.0.1), MARIADB_PORT (3306), MARIADB_USER (root, no password)
#   jdbc-1m      kind jdbc (the PostgreSQL driver jar from a folder) on secoda_bench_1m, to show that
#                the per-schema external sort fits -Xmx128m
#   snowflake-large  (not in the default PARTS) one large Snowflake database on bench/fake_snowflake.py,
#                answered as real Snowflake answers a large JSON result: SFL_FIRST_ROWS (1000) rows inline,
#                the rest as result chunks of SFL_CHUNK_ROWS (50000) rows (with SFL_CHUNK_GROWTH > 1 (1):
#                growing by that factor up to SFL_CHUNK_ROWS, as Snowflake grows them), gzip'd JSON that
#                the driver downloads itself, ahead of the reader, from the fake (127.0.0.1 only); beside it
#                SFL_DATABASES - SFL_LARGE_DATABASES (2) small databases of 5 columns. For each size in SFL_COLUMNS
#                ("100000 1000000"): job dry runs x REPEAT (-Xmx$XMX): extract, total, peak RSS, CSV rows
#                (= columns + 5 per small database + header), chunks downloaded (the fake's log) of those
#                announced, exit code. SFL_PROPS: driver properties for the warehouse, space-separated
#                KEY=VALUE (e.g. "CLIENT_PREFETCH_THREADS=1 CLIENT_MEMORY_LIMIT=32"; the fake echoes the
#                CLIENT_* ones at sign-in as Snowflake does); SFL_LARGE_DATABASES (1): how many of the
#                databases are large; SFL_PORT (SF_PORT + 1) for the fake. CONSERVATIVE_MEMORY=false: the
#                fake's login answer leaves out Snowflake's CLIENT_ENABLE_CONSERVATIVE_MEMORY_USAGE=true.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
JAR=${JAR:-$ROOT/target/secoda-sync.jar}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
XMX=${XMX:-128m}
JAVA=${JAVA:-java}
JVM_FLAGS=${JVM_FLAGS:-}
REPEAT=${REPEAT:-3}
WARM_RUNS=${WARM_RUNS:-3}
PORT=${PORT:-18080}
SF_PORT=${SF_PORT:-18090}
SF_PARALLEL=${SF_PARALLEL:-1 4 16}
SF_DATABASES=${SF_DATABASES:-200}
SF_DELAY=${SF_DELAY:-1.0}
SF_LOGIN_DELAY=${SF_LOGIN_DELAY:-0}
OLD_JAR=${OLD_JAR:-}
WORK=${BENCH_WORK:-/tmp/secoda-bench}
PARTS=${PARTS:-extract,stale,skewed,5m,partitions,wide-schema,snowflake,upload,parallel,demo,jsonl}
COLUMNS_PER_TABLE=50
PARTITIONS=1000 SUBPARTITIONED=100 SUBPARTITIONS=5 PART_TABLES=20
unset SECODA_API_TOKEN || true

[[ $# -eq 0 ]] || { echo "usage: [PARTS=extract,stale,...] bash bench/run.sh (see the comment at the top)" >&2; exit 2; }
[[ -f "$JAR" ]] || { echo "no jar at $JAR: run mvn -B -q package -DskipTests first (or set JAR=...)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
for tool in psql "$JAVA" curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done
mkdir -p "$WORK"

# ---------------------------------------------------------------- helpers
say() { echo "> $*" >&2; }                                              # progress, to stderr
now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }           # ms -> "12.34"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
min() { printf '%s\n' "$@" | sort -n | head -1; }
max() { printf '%s\n' "$@" | sort -n | tail -1; }
rss_mb() { awk -F': ' '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$1"; }
log_ts_ms() { date -d "$1" +%s%3N; }                                        # ISO-8601 -> epoch ms
psqlq() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# The databases, by key: tables, views, schemas, analyze (true = VACUUM (ANALYZE) of the catalog
# after the build, false = statistics of an empty database, as autovacuum-off servers keep them),
# columns per table.
db_name() { echo "secoda_bench_${1//-/_}"; }
db_spec() {
  case "$1" in
    100k) echo "2000 4 4 true 50" ;;
    1m) echo "20000 20 4 true 50" ;;
    1m-stale) echo "20000 20 4 false 50" ;;
    5m) echo "100000 20 4 true 50" ;;
    wide) echo "50000 0 1 true 10" ;;
    *) echo "unknown database key $1" >&2; exit 2 ;;
  esac
}

# Runs the jar under /usr/bin/time -v. Sets JOB_MS (wall), JOB_RSS (MB), JOB_LOG, JOB_RC.
run_job() {
  local tag=$1; shift
  JOB_LOG="$WORK/$tag.log"
  local tfile="$WORK/$tag.time" start
  start=$(now_ms)
  set +e
  # shellcheck disable=SC2086
  /usr/bin/time -v -o "$tfile" "$JAVA" $JVM_FLAGS "$@" >"$JOB_LOG" 2>&1
  JOB_RC=$?
  set -e
  JOB_MS=$(( $(now_ms) - start ))
  JOB_RSS=$(rss_mb "$tfile")
  if [[ $JOB_RC -ne 0 ]]; then
    echo "!! job run '$tag' exited $JOB_RC; last lines of $JOB_LOG:" >&2
    tail -20 "$JOB_LOG" >&2
  fi
}

# Extract-and-write ms of every warehouse in a job log, one per line.
extract_ms() { grep -o 'columns written to .* in [0-9]* ms' "$1" | awk '{ print $(NF - 1) }'; }

warehouse_args() { # index name database
  echo "--sync.warehouses[$1].name=$2" "--sync.warehouses[$1].kind=postgres" \
    "--sync.warehouses[$1].jdbc-url=jdbc:postgresql://$PGHOST:$PGPORT/$3" "--sync.warehouses[$1].username=$PGUSER"
}

# ---------------------------------------------------------------- 1. test databases
ensure_db() {
  local key=$1 db tables views schemas analyze columns marker have start
  db=$(db_name "$key")
  if [[ $key == part ]]; then
    marker="secoda-bench partitions=$PARTITIONS subpartitioned=$SUBPARTITIONED x $SUBPARTITIONS tables=$PART_TABLES columns=$COLUMNS_PER_TABLE"
  else
    read -r tables views schemas analyze columns <<<"$(db_spec "$key")"
    marker="secoda-bench tables=$tables columns=$columns views=$views schemas=$schemas analyze=$analyze"
  fi
  have=$(psqlq -d postgres -Atc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$db'")
  if [[ "$have" == "$marker" ]]; then
    say "database $db: already built ($marker)"
    return
  fi
  say "database $db: building ($marker) ..."
  start=$(now_ms)
  psqlq -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  if [[ $key == part ]]; then
    psqlq -d "$db" -c "SET bench.partitions = $PARTITIONS" -c "SET bench.subpartitioned = $SUBPARTITIONED" \
      -c "SET bench.subpartitions = $SUBPARTITIONS" -c "SET bench.tables = $PART_TABLES" \
      -c "SET bench.columns = $COLUMNS_PER_TABLE" -f "$HERE/generate-partitions.sql"
  else
    psqlq -d "$db" -v analyze="$analyze" -c "SET bench.tables = $tables" -c "SET bench.columns = $columns" \
      -c "SET bench.views = $views" -c "SET bench.schemas = $schemas" -f "$HERE/generate.sql"
  fi
  # The marker goes on last, so an interrupted build is rebuilt next time.
  psqlq -d "$db" -c "COMMENT ON DATABASE $db IS '$marker'"
  say "database $db: built in $(secs $(( $(now_ms) - start ))) s"
}

# How stale the catalog's statistics are: planner's belief vs the real row count of pg_attribute.
attribute_stats() {
  psqlq -d "$(db_name "$1")" -Atc "SELECT c.reltuples::bigint || ' / ' || (SELECT count(*) FROM pg_catalog.pg_attribute)
    FROM pg_catalog.pg_class c WHERE c.oid = 'pg_catalog.pg_attribute'::regclass"
}

# ---------------------------------------------------------------- 2. extract: job vs psql
# The limit (issue 12): psql's \copy of the plain join (bench/plain-join.sql) with PostgreSQL's own
# plan, the filters as plain SETs, in the same run as the job's dry runs.
PLAIN_SQL=$(sed -e 's/--.*$//' "$HERE/plain-join.sql" | tr '\n' ' ' | tr -s ' ')
psql_filters() { # include_partitions
  PSQL_FILTERS=(-c "SET secoda_sync.include_schemas = '^(.*)\$'" -c "SET secoda_sync.exclude_schemas = '^\$'"
    -c "SET secoda_sync.include_partitions = $1")
}

# One case: psql x (1 warm-up + REPEAT), job dry run x REPEAT, and with OLD_JAR one run of the old
# jar whose CSV must be byte-identical. Results in R_*[label].
declare -A R_COLS R_PSQL R_EXTRACT R_TOTAL R_RSS R_CHECK R_SAME R_STATS R_DB B_PSQL B_EXTRACT B_TOTAL
bench_extract() { # label db-key include-partitions [psql-timeout-s]
  local label=$1 key=$2 parts=$3 limit=${4:-600} db out i t runs_psql=() runs_extract=() runs_total=() runs_rss=() csv cols records
  db=$(db_name "$key")
  [[ -n "${R_TOTAL[$label]:-}" ]] && return    # measured earlier in this run
  out="$WORK/psql_$label.csv"
  psql_filters "$parts"
  R_DB[$label]=$db
  R_STATS[$label]=$(attribute_stats "$key")
  say "extract $label ($db, pg_attribute reltuples / rows: ${R_STATS[$label]}): psql \\copy of the plain join (1 warm-up + $REPEAT) ..."
  for ((i = 0; i <= REPEAT; i++)); do
    t=$(now_ms)
    if ! timeout "$limit" psql -X -q -v ON_ERROR_STOP=1 -d "$db" "${PSQL_FILTERS[@]}" -c "\\copy ($PLAIN_SQL) to '$out' csv header"; then
      say "extract $label: psql gave up after $limit s"
      runs_psql=("$(( limit * 1000 ))"); R_CHECK[$label]="psql timed out after $limit s"
      break
    fi
    (( i > 0 )) && runs_psql+=($(( $(now_ms) - t )))
  done
  [[ -z "${R_CHECK[$label]:-}" ]] && cols=$(( $(wc -l <"$out") - 1 )) || cols=
  say "extract $label: job dry run x $REPEAT (-Xmx$XMX, include-partitions $parts) ..."
  for ((i = 1; i <= REPEAT; i++)); do
    rm -rf "$WORK/state-$label"
    # shellcheck disable=SC2046
    run_job "dry-$label-$i" "-Xmx$XMX" -jar "$JAR" --dry-run --sync.state-dir="$WORK/state-$label" \
      $(warehouse_args 0 bench "$db") "--sync.warehouses[0].include-partitions=$parts"
    [[ $JOB_RC -eq 0 ]] || { R_CHECK[$label]="job failed (exit $JOB_RC)"; break; }
    runs_extract+=("$(extract_ms "$JOB_LOG")")
    runs_total+=("$JOB_MS")
    runs_rss+=("$JOB_RSS")
  done
  R_PSQL[$label]=$(median "${runs_psql[@]}")
  B_PSQL[$label]=$(min "${runs_psql[@]}")
  if [[ ${#runs_total[@]} -eq $REPEAT ]]; then
    R_EXTRACT[$label]=$(median "${runs_extract[@]}")
    R_TOTAL[$label]=$(median "${runs_total[@]}")
    R_RSS[$label]=$(max "${runs_rss[@]}")
    B_EXTRACT[$label]=$(min "${runs_extract[@]}")
    B_TOTAL[$label]=$(min "${runs_total[@]}")
    csv="$WORK/state-$label/out/bench.csv"
    records=$(wc -l <"$csv")   # bench comments hold no newline, so lines = records
    if [[ -z "$cols" ]]; then
      cols=$(( records - 1 ))
    elif [[ $records -eq $(( cols + 1 )) ]]; then
      R_CHECK[$label]="ok ($records records = $cols columns + header)"
    else
      R_CHECK[$label]="MISMATCH: $records records, expected $(( cols + 1 ))"
    fi
    cp "$csv" "$WORK/job_$label.csv"
    R_SAME[$label]="-"
    if [[ -n "$OLD_JAR" ]]; then
      say "extract $label: the old jar once, for the byte comparison ..."
      rm -rf "$WORK/state-old"
      # shellcheck disable=SC2046
      run_job "old-$label" "-Xmx$XMX" -jar "$OLD_JAR" --dry-run --sync.state-dir="$WORK/state-old" \
        $(warehouse_args 0 bench "$db") "--sync.warehouses[0].include-partitions=$parts"
      if cmp -s "$csv" "$WORK/state-old/out/bench.csv"; then
        R_SAME[$label]="yes ($(sha256sum "$csv" | cut -c1-12))"
      else
        R_SAME[$label]="NO"
      fi
      say "extract $label: old jar extract ms $(extract_ms "$JOB_LOG"), CSV identical: ${R_SAME[$label]}"
    fi
  fi
  R_COLS[$label]=$cols
  say "extract $label: psql runs ms: ${runs_psql[*]}; job extract ms: ${runs_extract[*]:-}; job total ms: ${runs_total[*]:-}; RSS MB: ${runs_rss[*]:-}"
}

print_extract_table() { # title labels...
  local title=$1 label; shift
  echo
  echo "### $title"
  echo
  echo "(job dry run, -Xmx$XMX, median of $REPEAT; psql = \\copy of bench/plain-join.sql with PostgreSQL's own plan, median of $REPEAT after a warm-up; best = fastest job run / fastest psql run)"
  echo
  echo "| case | columns | pg_attribute reltuples / rows | psql s | job extract s | job total s | extract/psql | total/psql | best extract/psql | best total/psql | peak RSS MB | columns/s (extract) | µs/column (extract) | CSV check | CSV = old jar's |"
  echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|"
  for label in "$@"; do
    if [[ -z "${R_TOTAL[$label]:-}" ]]; then
      echo "| $label | ${R_COLS[$label]:-} | ${R_STATS[$label]:-} | $(secs "${R_PSQL[$label]:-0}") | - | - | - | - | - | - | - | - | - | ${R_CHECK[$label]:-} | - |"
      continue
    fi
    echo "| $label | ${R_COLS[$label]} | ${R_STATS[$label]} | $(secs "${R_PSQL[$label]}") | $(secs "${R_EXTRACT[$label]}") | $(secs "${R_TOTAL[$label]}")" \
      "| $(ratio "${R_EXTRACT[$label]}" "${R_PSQL[$label]}") | $(ratio "${R_TOTAL[$label]}" "${R_PSQL[$label]}")" \
      "| $(ratio "${B_EXTRACT[$label]}" "${B_PSQL[$label]}") | $(ratio "${B_TOTAL[$label]}" "${B_PSQL[$label]}")" \
      "| ${R_RSS[$label]} | $(awk -v c="${R_COLS[$label]}" -v ms="${R_EXTRACT[$label]}" 'BEGIN { printf "%d", c / (ms / 1000) }')" \
      "| $(awk -v c="${R_COLS[$label]}" -v ms="${R_EXTRACT[$label]}" 'BEGIN { printf "%.2f", ms * 1000 / c }')" \
      "| ${R_CHECK[$label]} | ${R_SAME[$label]} |"
  done
}

# The same cases in a JVM that has run one extraction already: one job run of 1 + WARM_RUNS
# warehouses on the same database, one at a time; the first warehouse pays the JVM's first use of the
# driver, the COPY decoder and the writer (class loading, interpreter, JIT), the others show what
# the query and the rows themselves cost. psql's figure is the cold case's (bench_extract runs first).
declare -A W_EXTRACT W_CHECK
bench_warm() { # label db-key include-partitions
  local label=$1 key=$2 parts=$3 db i args=() runs=() csv
  db=$(db_name "$key")
  for ((i = 0; i <= WARM_RUNS; i++)); do
    # shellcheck disable=SC2207
    args+=($(warehouse_args "$i" "w$i" "$db") "--sync.warehouses[$i].include-partitions=$parts")
  done
  say "warm $label: one job run of $((WARM_RUNS + 1)) warehouses on $db, one at a time ..."
  rm -rf "$WORK/state-warm-$label"
  run_job "warm-$label" "-Xmx$XMX" -jar "$JAR" --dry-run --sync.state-dir="$WORK/state-warm-$label" \
    --sync.max-parallel-warehouses=1 "${args[@]}"
  [[ $JOB_RC -eq 0 ]] || { W_CHECK[$label]="job failed (exit $JOB_RC)"; return; }
  [[ -n "${R_EXTRACT[$label]:-}" ]] || { W_CHECK[$label]="no cold run to compare with"; return; }
  for ((i = 1; i <= WARM_RUNS; i++)); do
    runs+=("$(grep -o "Warehouse 'w$i': .* in [0-9]* ms" "$JOB_LOG" | awk '{ print $(NF - 1) }' || true)")
    csv="$WORK/state-warm-$label/out/w$i.csv"
    if ! cmp -s "$csv" "$WORK/job_$label.csv"; then
      W_CHECK[$label]="MISMATCH with the cold run's CSV (w$i)"
    fi
  done
  W_EXTRACT[$label]=$(median "${runs[@]}")
  W_CHECK[$label]=${W_CHECK[$label]:-"CSVs byte-identical to the cold run's"}
  say "warm $label: first warehouse $(grep -o "Warehouse 'w0': .* in [0-9]* ms" "$JOB_LOG" | awk '{ print $(NF - 1) }') ms, then ${runs[*]} ms"
}

print_warm_table() { # title labels...
  local title=$1 label; shift
  echo
  echo "### $title"
  echo
  echo "(one job dry run of $((WARM_RUNS + 1)) warehouses on the same database, max-parallel-warehouses 1, -Xmx$XMX; warm = median of warehouses 2 to $((WARM_RUNS + 1)); psql as in the table above)"
  echo
  echo "| case | columns | psql s | cold job extract s | warm job extract s | cold/psql | warm/psql | check |"
  echo "|---|--:|--:|--:|--:|--:|--:|---|"
  for label in "$@"; do
    [[ -n "${W_EXTRACT[$label]:-}" && -n "${R_EXTRACT[$label]:-}" ]] || { echo "| $label | - | - | - | - | - | - | ${W_CHECK[$label]:-not run} |"; continue; }
    echo "| $label | ${R_COLS[$label]} | $(secs "${R_PSQL[$label]}") | $(secs "${R_EXTRACT[$label]}") | $(secs "${W_EXTRACT[$label]}")" \
      "| $(ratio "${R_EXTRACT[$label]}" "${R_PSQL[$label]}") | $(ratio "${W_EXTRACT[$label]}" "${R_PSQL[$label]}") | ${W_CHECK[$label]} |"
  done
}

# The skewed catalog: a copy of the never-analyzed 1M database in which pg_class, pg_attribute
# and pg_namespace are analyzed and pg_description keeps the statistics of an empty database
# while the planner is told its current size in pages (relpages), so it believes a few thousand
# rows spread over them and estimates about one comment per table or column. This is the state
# in which the plain joins are planned as nested loops over a materialized pg_description.
ensure_skewed() {
  local db marker have
  db=$(db_name 1m-skewed)
  marker="secoda-bench skewed copy of $(db_name 1m-stale)"
  have=$(psqlq -d postgres -Atc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$db'")
  [[ "$have" == "$marker" ]] && { say "database $db: already built"; return; }
  ensure_db 1m-stale
  psqlq -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db TEMPLATE $(db_name 1m-stale)"
  psqlq -d "$db" -c "ANALYZE pg_catalog.pg_class" -c "ANALYZE pg_catalog.pg_attribute" -c "ANALYZE pg_catalog.pg_namespace" \
    -c "UPDATE pg_catalog.pg_class SET relpages = pg_relation_size(oid) / current_setting('block_size')::int
          WHERE oid = 'pg_catalog.pg_description'::regclass" \
    -c "COMMENT ON DATABASE $db IS '$marker'"
}

# ---------------------------------------------------------------- Snowflake at scale, simulated
bench_snowflake() {
  local p slog ideal first last
  slog="$WORK/fake_snowflake.log"
  python3 "$HERE/fake_snowflake.py" "$SF_PORT" "$slog" "$SF_DATABASES" "$SF_DELAY" 5 "$SF_LOGIN_DELAY" &
  SF_PID=$!
  for ((i = 0; i < 50; i++)); do curl -s -o /dev/null -X POST "http://127.0.0.1:$SF_PORT/x" && break; sleep 0.1; done
  echo
  echo "### Snowflake, simulated: $SF_DATABASES databases, each INFORMATION_SCHEMA query answered after $SF_DELAY s, each sign-in and logout after $SF_LOGIN_DELAY s (bench/fake_snowflake.py), dry run, -Xmx$XMX, one run each"
  echo
  echo "| max-parallel-databases | ideal s ($SF_DATABASES x $SF_DELAY / p) | first to last query s | job extract s | job total s | extract/ideal | total/ideal | peak RSS MB | columns | exit |"
  echo "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  for p in $SF_PARALLEL; do
    say "snowflake: $SF_DATABASES databases, max-parallel-databases $p ..."
    : >"$slog"
    rm -rf "$WORK/state-sf"
    run_job "sf-$p" "-Xmx$XMX" -jar "$JAR" --dry-run --sync.state-dir="$WORK/state-sf" \
      --sync.warehouses[0].name=sf --sync.warehouses[0].kind=snowflake \
      "--sync.warehouses[0].jdbc-url=jdbc:snowflake://127.0.0.1:$SF_PORT" \
      --sync.warehouses[0].username=U --sync.warehouses[0].password=bench \
      --sync.warehouses[0].properties.account=bench --sync.warehouses[0].properties.ssl=off \
      --sync.warehouses[0].properties.disablePlatformDetection=true \
      "--sync.warehouses[0].max-parallel-databases=$p"
    ideal=$(awk -v n="$SF_DATABASES" -v d="$SF_DELAY" -v p="$p" 'BEGIN { printf "%d", n * d * 1000 / p }')
    first=$(awk '{ print $2 }' "$slog" | sort -n | head -1)
    last=$(awk '{ print $3 }' "$slog" | sort -n | tail -1)
    echo "| $p | $(secs "$ideal") | $(awk -v a="$first" -v b="$last" 'BEGIN { printf "%.2f", b - a }')" \
      "| $(secs "$(extract_ms "$JOB_LOG" || echo 0)") | $(secs "$JOB_MS") | $(ratio "$(extract_ms "$JOB_LOG" || echo 0)" "$ideal")" \
      "| $(ratio "$JOB_MS" "$ideal") | $JOB_RSS | $(grep -o '[0-9]* columns written' "$JOB_LOG" | awk '{ print $1 }') | $JOB_RC |"
  done
  kill "$SF_PID" 2>/dev/null || true
  SF_PID=
}

# ---------------------------------------------------------------- Snowflake, one large database in result chunks
SFL_COLUMNS=${SFL_COLUMNS:-100000 1000000}
SFL_CHUNK_ROWS=${SFL_CHUNK_ROWS:-50000}
SFL_FIRST_ROWS=${SFL_FIRST_ROWS:-1000}
SFL_DATABASES=${SFL_DATABASES:-3}
SFL_LARGE_DATABASES=${SFL_LARGE_DATABASES:-1}
SFL_CHUNK_GROWTH=${SFL_CHUNK_GROWTH:-1}
SFL_PROPS=${SFL_PROPS:-}
SFL_PORT=${SFL_PORT:-$(( SF_PORT + 1 ))}
bench_snowflake_large() {
  local n i kv slog large expected csv records announced got check err ok note
  local props=() runs_extract=() runs_total=() checks=() chunk_counts=() rcs=() all_rss=()
  slog="$WORK/fake_snowflake_large.log"
  for kv in $SFL_PROPS; do props+=("--sync.warehouses[0].properties.${kv%%=*}=${kv#*=}"); done
  large=$(for ((i = 1; i <= SFL_LARGE_DATABASES; i++)); do printf 'DB%04d,' "$i"; done)
  large=${large%,}
  echo
  echo "### Snowflake, simulated: $SFL_LARGE_DATABASES large database(s) in result chunks and $(( SFL_DATABASES - SFL_LARGE_DATABASES )) small ones (bench/fake_snowflake.py: $SFL_FIRST_ROWS rows inline, then chunks of $( [[ $SFL_CHUNK_GROWTH == 1 ]] && echo "$SFL_CHUNK_ROWS rows" || echo "rows growing x$SFL_CHUNK_GROWTH up to $SFL_CHUNK_ROWS" ), gzip'd JSON), dry run, -Xmx$XMX, median of $REPEAT${SFL_PROPS:+, driver properties: $SFL_PROPS}"
  echo
  echo "(extract and total: median of the runs that succeeded; peak RSS: the highest of all runs; chunks and exit: each run's)"
  echo
  echo "| columns (large database) | chunks downloaded / announced | extract s | total s | peak RSS MB | CSV rows check | exit |"
  echo "|--:|--:|--:|--:|--:|---|---|"
  for n in $SFL_COLUMNS; do
    LARGE_DB=$large LARGE_COLUMNS=$n CHUNK_ROWS=$SFL_CHUNK_ROWS CHUNK_GROWTH=$SFL_CHUNK_GROWTH FIRST_ROWS=$SFL_FIRST_ROWS \
      python3 "$HERE/fake_snowflake.py" "$SFL_PORT" "$slog" "$SFL_DATABASES" 0 5 0 &
    SF_PID=$!
    for ((i = 0; i < 50; i++)); do curl -s -o /dev/null -X POST "http://127.0.0.1:$SFL_PORT/x" && break; sleep 0.1; done
    # A fake left over on the port would answer instead of this one.
    kill -0 "$SF_PID" 2>/dev/null || { echo "bench/fake_snowflake.py did not start on port $SFL_PORT" >&2; exit 1; }
    expected=$(( n * SFL_LARGE_DATABASES + 5 * (SFL_DATABASES - SFL_LARGE_DATABASES) + 1 ))
    runs_extract=(); runs_total=(); checks=(); chunk_counts=(); rcs=(); all_rss=()
    for ((i = 1; i <= REPEAT; i++)); do
      say "snowflake-large: $n columns in chunks of up to $SFL_CHUNK_ROWS rows, run $i of $REPEAT (-Xmx$XMX${SFL_PROPS:+, $SFL_PROPS}) ..."
      : >"$slog"
      rm -rf "$WORK/state-sfl"
      run_job "sfl-$n-$i" "-Xmx$XMX" -jar "$JAR" --dry-run --sync.state-dir="$WORK/state-sfl" \
        "--sync.warehouses[0].name=sf" "--sync.warehouses[0].kind=snowflake" \
        "--sync.warehouses[0].jdbc-url=jdbc:snowflake://127.0.0.1:$SFL_PORT" \
        "--sync.warehouses[0].username=U" "--sync.warehouses[0].password=bench" \
        "--sync.warehouses[0].properties.account=bench" "--sync.warehouses[0].properties.ssl=off" \
        "--sync.warehouses[0].properties.disablePlatformDetection=true" "${props[@]}"
      rcs+=("$JOB_RC"); all_rss+=("$JOB_RSS")
      # Chunks announced (the query lines) and downloaded whole (distinct chunk of a database, key ok).
      announced=$(awk '$4 == "query" { for (f = 5; f <= NF; f++) if ($f ~ /^chunks=/) { sub(/chunks=/, "", $f); s += $f } } END { print s + 0 }' "$slog")
      got=$(awk '$4 == "chunk" && / sse_c=ok/ && !/SIZE-MISMATCH/ { seen[$1 " " $5] = 1 } END { print length(seen) }' "$slog")
      chunk_counts+=("$got/$announced")
      csv="$WORK/state-sfl/out/sf.csv"
      if [[ $JOB_RC -eq 0 && -f "$csv" ]]; then
        records=$(wc -l <"$csv")
        if [[ $records -eq $expected ]]; then check="ok ($records records = $(( expected - 1 )) columns + header)"
        else check="MISMATCH: $records records, expected $expected"; fi
        runs_extract+=("$(extract_ms "$JOB_LOG")"); runs_total+=("$JOB_MS")
      else
        # The job's own summary of the failure (Snowflake's code and message), else the first error.
        err=$(grep -m1 -o 'FAILED: [^;]*' "$JOB_LOG" | sed 's/^FAILED: //; s/ *\.$//' | cut -c1-220 || true)
        [[ -n "$err" ]] || err=$(grep -m1 -o -E '[A-Za-z.]*(Error|Exception): [^"]{0,120}' "$JOB_LOG" || true)
        check="job failed (exit $JOB_RC${err:+: $err})"
      fi
      checks+=("$check")
      say "snowflake-large: $n columns run $i: exit $JOB_RC, extract ms $(extract_ms "$JOB_LOG" || echo -), total ms $JOB_MS, RSS MB $JOB_RSS, chunks $got / $announced, $check"
    done
    kill "$SF_PID" 2>/dev/null || true
    wait "$SF_PID" 2>/dev/null || true
    SF_PID=
    # Each distinct outcome once, with how many runs had it.
    check=$(printf '%s\n' "${checks[@]}" | sort | uniq -c | awk -v r="$REPEAT" '{ c = $1; sub(/^ *[0-9]+ /, ""); printf "%s%d of %d: %s", (NR > 1 ? "; " : ""), c, r, $0 }')
    ok=${#runs_total[@]}
    note=$( (( ok > 0 && ok < REPEAT )) && echo " ($ok ok)" || true)
    if (( ok > 0 )); then
      echo "| $n | ${chunk_counts[*]} | $(secs "$(median "${runs_extract[@]}")")$note | $(secs "$(median "${runs_total[@]}")")$note" \
        "| $(max "${all_rss[@]}") | $check | ${rcs[*]} |"
    else
      echo "| $n | ${chunk_counts[*]} | - | - | $(max "${all_rss[@]}") | $check | ${rcs[*]} |"
    fi
  done
}

# ---------------------------------------------------------------- 3. upload: job vs curl
SERVER_PID=
SF_PID=
stop_server() { [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null; SERVER_PID=; }
trap 'stop_server; [[ -n "$SF_PID" ]] && kill "$SF_PID" 2>/dev/null; true' EXIT

bench_upload() { # size [rate MiB/s: the fake Secoda reads no faster]
  local size=$1 rate=${2:-} db csv url slog i t runs_curl=() runs_curl_recv=() runs_job=() runs_job_recv=() runs_rss=() runs_total=()
  local ts_extract ts_upload mb progress=() summary_ms=()
  db=$(db_name "$size")
  csv="$WORK/job_$size.csv"
  [[ -f "$csv" ]] || { say "upload: no $csv (extract failed?)"; return; }
  slog="$WORK/fake_secoda.log"
  : >"$slog"
  # shellcheck disable=SC2086
  python3 "$HERE/fake_secoda.py" "$PORT" "$slog" $rate &
  SERVER_PID=$!
  for ((i = 0; i < 50; i++)); do curl -s -o /dev/null "http://127.0.0.1:$PORT/healthcheck" && break; sleep 0.1; done
  url="http://127.0.0.1:$PORT/integration/integrations/x/import_metadata/"
  mb=$(awk -v b="$(stat -c %s "$csv")" 'BEGIN { printf "%.1f", b / 1048576 }')
  say "upload: $csv ($mb MB), curl x $REPEAT ..."
  for ((i = 1; i <= REPEAT; i++)); do
    t=$(now_ms)
    curl -sS -f -o /dev/null -H "Authorization: Bearer bench" -F "file=@$csv;type=text/csv" "$url"
    runs_curl+=($(( $(now_ms) - t )))
    runs_curl_recv+=("$(awk 'END { printf "%d", $6 * 1000 }' "$slog")")
  done
  say "upload: job (extract + upload) x $REPEAT (-Xmx$XMX) ..."
  for ((i = 1; i <= REPEAT; i++)); do
    rm -rf "$WORK/state-upload"
    # shellcheck disable=SC2046
    run_job "upload-$size-$i" "-Xmx$XMX" -jar "$JAR" --sync.state-dir="$WORK/state-upload" \
      --secoda.base-url="http://127.0.0.1:$PORT" --secoda.api-token=bench \
      $(warehouse_args 0 bench "$db") "--sync.warehouses[0].integration-id=x"
    if [[ $JOB_RC -ne 0 ]] || ! grep -q 'uploaded .* to Secoda integration x' "$JOB_LOG"; then
      echo "!! upload run $i did not upload" >&2
      stop_server
      return
    fi
    # Upload phase = from the extract line to the "uploaded" line (log timestamps, ms).
    ts_extract=$(log_ts_ms "$(grep 'columns written to' "$JOB_LOG" | awk '{ print $1 }')")
    ts_upload=$(log_ts_ms "$(grep 'uploaded .* to Secoda integration' "$JOB_LOG" | awk '{ print $1 }')")
    runs_job+=($(( ts_upload - ts_extract )))
    runs_job_recv+=("$(awk '$1 == "POST" { v = $6 } END { printf "%d", v * 1000 }' "$slog")")
    runs_total+=("$JOB_MS")
    runs_rss+=("$JOB_RSS")
    progress+=("$(grep -c 'Upload of .* MB sent' "$JOB_LOG" || true)")
    summary_ms+=("$(tail -n 1 "$JOB_LOG" | python3 -c 'import json, sys; print(json.load(sys.stdin)["warehouses"][0]["upload_ms"])' || echo '?')")
  done
  LAST_PROGRESS=$(grep -o 'Upload of .* MB sent.*' "$JOB_LOG" | head -n 3 || true)
  stop_server
  say "upload: curl ms ${runs_curl[*]} (server receive ${runs_curl_recv[*]}); job upload phase ms ${runs_job[*]} (server receive ${runs_job_recv[*]}); job total ms ${runs_total[*]}; RSS MB ${runs_rss[*]}"
  local c cr j jr
  c=$(median "${runs_curl[@]}"); cr=$(median "${runs_curl_recv[@]}")
  j=$(median "${runs_job[@]}"); jr=$(median "${runs_job_recv[@]}")
  echo
  echo "### Upload of the $size CSV ($mb MB) to a local fake Secoda${rate:+ reading at most $rate MiB/s} (median of $REPEAT, -Xmx$XMX)"
  echo
  echo "| client | wall s | server receive s | ratio vs curl (wall) | job total s | peak RSS MB | progress lines | summary upload_ms |"
  echo "|---|--:|--:|--:|--:|--:|--:|--:|"
  echo "| curl -F | $(secs "$c") | $(secs "$cr") | 1.00 | - | - | - | - |"
  echo "| secoda-sync (upload phase from log) | $(secs "$j") | $(secs "$jr") | $(ratio "$j" "$c") | $(secs "$(median "${runs_total[@]}")") | $(max "${runs_rss[@]}") | ${progress[*]} | ${summary_ms[*]} |"
  if [[ -n "$LAST_PROGRESS" ]]; then
    echo
    echo "The last run's first progress lines:"
    echo
    sed 's/^/    /' <<<"$LAST_PROGRESS"
  fi
}

# ---------------------------------------------------------------- 4. many warehouses
bench_parallel() {
  local db n p i args one_ms one_rss
  db=$(db_name 100k)
  say "parallel: 1 warehouse, then 8 with max-parallel-warehouses 2 and 4 (-Xmx$XMX) ..."
  rm -rf "$WORK/state-par"
  # shellcheck disable=SC2046
  run_job "par-1" "-Xmx$XMX" -jar "$JAR" --dry-run --sync.state-dir="$WORK/state-par" $(warehouse_args 0 w0 "$db")
  one_ms=$JOB_MS; one_rss=$JOB_RSS
  echo
  echo "### 8 warehouses of ${R_COLS[100k]:-100k} columns (secoda_bench_100k), dry run, -Xmx$XMX, $(nproc) CPUs"
  echo
  echo "| warehouses | max-parallel-warehouses | wall s | ratio vs 1 warehouse | slowest extract s | peak RSS MB | exit |"
  echo "|--:|--:|--:|--:|--:|--:|--:|"
  echo "| 1 | 2 | $(secs "$one_ms") | 1.00 | $(secs "$(max $(extract_ms "$JOB_LOG"))") | $one_rss | $JOB_RC |"
  for p in 2 4; do
    args=()
    for ((i = 0; i < 8; i++)); do
      # shellcheck disable=SC2207
      args+=($(warehouse_args "$i" "w$i" "$db"))
    done
    rm -rf "$WORK/state-par"
    run_job "par-8-$p" "-Xmx$XMX" -jar "$JAR" --dry-run --sync.state-dir="$WORK/state-par" \
      --sync.max-parallel-warehouses="$p" "${args[@]}"
    echo "| 8 | $p | $(secs "$JOB_MS") | $(ratio "$JOB_MS" "$one_ms") | $(secs "$(max $(extract_ms "$JOB_LOG") 0)") | $JOB_RSS | $JOB_RC |"
  done
}

# ---------------------------------------------------------------- 5. demo start-up
bench_demo() {
  local i fresh=() reused=()
  say "demo: java -jar secoda-sync.jar --sync.state-dir=DIR, 3 runs with a fresh DIR, 3 reusing it ..."
  for ((i = 1; i <= 3; i++)); do
    rm -rf "$WORK/state-demo"
    run_job "demo-fresh-$i" -jar "$JAR" --sync.state-dir="$WORK/state-demo"
    fresh+=("$JOB_MS")
  done
  for ((i = 1; i <= 3; i++)); do
    run_job "demo-reused-$i" -jar "$JAR" --sync.state-dir="$WORK/state-demo"
    reused+=("$JOB_MS")
  done
  echo
  echo "### Demo run (built-in H2 warehouse, no upload), wall time"
  echo
  echo "| state dir | runs s | median s | peak RSS MB (last run) |"
  echo "|---|---|--:|--:|"
  echo "| fresh | $(for v in "${fresh[@]}"; do printf '%s ' "$(secs "$v")"; done)| $(secs "$(median "${fresh[@]}")") | - |"
  echo "| reused | $(for v in "${reused[@]}"; do printf '%s ' "$(secs "$v")"; done)| $(secs "$(median "${reused[@]}")") | $JOB_RSS |"
}

# ---------------------------------------------------------------- main
echo "## secoda-sync benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
# Issue 13: the JSONL format on the 1M-column database against the CSV, same run, dry runs.
bench_jsonl() {
  local db fmt i runs rss csv_ms jsonl_ms
  db=$(db_name 1m)
  declare -A J_EXTRACT J_TOTAL J_RSS J_SIZE
  for fmt in csv jsonl; do
    say "jsonl: job dry run x $REPEAT, format $fmt (-Xmx$XMX) ..."
    runs=(); local totals=() rsss=()
    for ((i = 1; i <= REPEAT; i++)); do
      rm -rf "$WORK/state-jsonl"
      # shellcheck disable=SC2046
      run_job "jsonl-$fmt-$i" "-Xmx$XMX" -jar "$JAR" --dry-run --sync.state-dir="$WORK/state-jsonl" \
        $(warehouse_args 0 bench "$db") "--sync.warehouses[0].format=$fmt" "--sync.warehouses[0].view-sql=true"
      [[ $JOB_RC -eq 0 ]] || return 1
      runs+=("$(grep -o 'written to .* in [0-9]* ms' "$JOB_LOG" | awk '{ print $(NF - 1) }')")
      totals+=("$JOB_MS"); rsss+=("$JOB_RSS")
    done
    J_EXTRACT[$fmt]=$(median "${runs[@]}"); J_TOTAL[$fmt]=$(median "${totals[@]}"); J_RSS[$fmt]=$(max "${rsss[@]}")
    J_SIZE[$fmt]=$(du -cb "$WORK"/state-jsonl/out/bench.* | tail -1 | awk '{ printf "%.1f", $1 / 1e6 }')
  done
  echo
  echo "### JSONL against CSV, 1M columns (job dry run, -Xmx$XMX, median of $REPEAT, view-sql on)"
  echo
  echo "| format | extract s | whole process s | peak RSS MB | files MB |"
  echo "|---|---|---|---|---|"
  for fmt in csv jsonl; do
    echo "| $fmt | $(secs "${J_EXTRACT[$fmt]}") | $(secs "${J_TOTAL[$fmt]}") | ${J_RSS[$fmt]} | ${J_SIZE[$fmt]} |"
  done
  echo
  echo "jsonl / csv extract: $(ratio "${J_EXTRACT[jsonl]}" "${J_EXTRACT[csv]}") (target: at most 1.3x)"
}

echo
echo "- machine: $(nproc) CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(free -g | awk '/Mem:/ { print $2 }') GB RAM, $(uname -sr), load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $("$JAVA" -version 2>&1 | head -1)${JVM_FLAGS:+ $JVM_FLAGS}; $(psqlq -d postgres -Atc 'SHOW server_version' | sed 's/^/PostgreSQL /')"
echo "- jar: $JAR ($(stat -c %s "$JAR") bytes), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$( [[ -n "$OLD_JAR" ]] && echo "; old jar for the CSV comparison: $OLD_JAR")"
echo "- parts: $PARTS"
part() { [[ ",$PARTS," == *",$1,"* ]]; }
if part extract; then
  ensure_db 100k; ensure_db 1m
  bench_extract 100k 100k false; bench_extract 1m 1m false
  print_extract_table "Extract, analyzed catalog" 100k 1m
fi
if part stale; then
  ensure_db 1m-stale; ensure_db 1m
  bench_extract 1m-stale 1m-stale false; bench_extract 1m 1m false
  print_extract_table "Extract, 1M columns, catalog never analyzed and analyzed" 1m-stale 1m
fi
if part skewed; then
  ensure_skewed
  OLD_JAR= bench_extract 1m-skewed 1m-skewed false 120   # the old jar would not finish here
  print_extract_table "Extract, 1M columns, skewed statistics (pg_description believed empty; psql limited to 120 s)" 1m-skewed
fi
if part 5m; then
  ensure_db 100k; ensure_db 1m; ensure_db 5m
  bench_extract 100k 100k false; bench_extract 1m 1m false; bench_extract 5m 5m false
  print_extract_table "Extract, 100k to 5M columns (analyzed): cost per column" 100k 1m 5m
fi
if part partitions; then
  ensure_db part
  bench_extract part-false part false; bench_extract part-true part true
  print_extract_table "Extract, one table of $PARTITIONS partitions ($SUBPARTITIONED with $SUBPARTITIONS sub-partitions each) and $PART_TABLES plain tables" part-false part-true
  bench_warm part-false part false; bench_warm part-true part true
  print_warm_table "The same partitions in a warm JVM: what the query and the rows cost" part-false part-true
fi
if part wide-schema; then
  ensure_db wide
  bench_extract wide wide false
  print_extract_table "Extract, 50,000 tables of 10 columns in one schema" wide
fi
if part snowflake; then bench_snowflake; fi
if part snowflake-large; then bench_snowflake_large; fi
if part upload; then bench_upload 1m; fi
# Issue 12, point 3: the 5M CSV streamed from disk with -Xmx128m over a link of UPLOAD_RATE MiB/s.
if part upload && part 5m; then bench_upload 5m "${UPLOAD_RATE:-50}"; fi
if part parallel; then ensure_db 100k; bench_parallel; fi
if part demo; then bench_demo; fi
if part mariadb || part jdbc-1m; then source "$HERE/jdbc.sh"; fi
if part mariadb; then bench_mariadb; fi
if part jdbc-1m; then ensure_db 1m; bench_jdbc_1m; fi
if part jsonl; then ensure_db 1m; bench_jsonl; fi
