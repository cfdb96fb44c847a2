#!/usr/bin/env bash
# Benchmark for issue "Fast at a million columns". See bench/README.md.
#
#   bash bench/run.sh [100k|1m|all]        (default: all)
#
# Needs: a built jar (mvn -B -q package -DskipTests), PostgreSQL reachable as $PGUSER at
# $PGHOST:$PGPORT with the right to create databases, psql, java, curl, python3, /usr/bin/time.
# Environment knobs: JAR, PGHOST, PGPORT, PGUSER, XMX (128m), REPEAT (3), PORT (18080),
# BENCH_WORK (/tmp/secoda-bench), PARTS (extract,upload,parallel,demo: the parts to run; upload
# needs the extract of the same run).
set -euo pipefail

SIZE_ARG=${1:-all}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
JAR=${JAR:-$ROOT/target/secoda-sync.jar}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
XMX=${XMX:-128m}
REPEAT=${REPEAT:-3}
PORT=${PORT:-18080}
WORK=${BENCH_WORK:-/tmp/secoda-bench}
PARTS=${PARTS:-extract,upload,parallel,demo}
COLUMNS_PER_TABLE=50
unset SECODA_API_TOKEN || true

case "$SIZE_ARG" in
  100k) SIZES=(100k) ;;
  1m) SIZES=(1m) ;;
  all) SIZES=(100k 1m) ;;
  *) echo "usage: bash bench/run.sh [100k|1m|all]" >&2; exit 2 ;;
esac

[[ -f "$JAR" ]] || { echo "no jar at $JAR: run mvn -B -q package -DskipTests first (or set JAR=...)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
for tool in psql java curl python3; do
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

db_name() { echo "secoda_bench_$1"; }
db_tables() { case "$1" in 100k) echo 2000 ;; 1m) echo 20000 ;; esac; }
db_views() { case "$1" in 100k) echo 4 ;; 1m) echo 20 ;; esac; }

# The limit: psql's \copy of the job's catalog query (sql/postgres/columns.sql without its
# COPY wrapper, on one line as \copy wants it), with the filters the job puts in settings first
# (sql/postgres/settings.sql) as plain SETs. psql runs it twice: with PostgreSQL's own plan
# (parallel workers, hash joins) and with the job's plan settings; the faster is the limit.
LIMIT_SQL=$(sed -e 's/--.*$//' "$ROOT/sql/postgres/columns.sql" | sed -e '/^COPY ($/d' -e '/^) TO STDOUT$/d' \
  | tr '\n' ' ' | tr -s ' ')
PSQL_FILTERS=(-c "SET secoda_sync.include_schemas = '^(.*)\$'" -c "SET secoda_sync.exclude_schemas = '^\$'"
  -c "SET secoda_sync.include_partitions = false")
PSQL_JOB_PLAN=(-c "SET enable_hashjoin = off" -c "SET enable_mergejoin = off" -c "SET max_parallel_workers_per_gather = 0")

# Runs the jar under /usr/bin/time -v. Sets JOB_MS (wall), JOB_RSS (MB), JOB_LOG, JOB_RC.
run_job() {
  local tag=$1; shift
  JOB_LOG="$WORK/$tag.log"
  local tfile="$WORK/$tag.time" start
  start=$(now_ms)
  set +e
  /usr/bin/time -v -o "$tfile" java "$@" >"$JOB_LOG" 2>&1
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
  local size=$1 db tables views marker have start
  db=$(db_name "$size"); tables=$(db_tables "$size"); views=$(db_views "$size")
  marker="secoda-bench tables=$tables columns=$COLUMNS_PER_TABLE views=$views"
  have=$(psqlq -d postgres -Atc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$db'")
  if [[ "$have" == "$marker" ]]; then
    say "database $db: already built ($marker)"
    return
  fi
  say "database $db: building ($marker) ..."
  start=$(now_ms)
  psqlq -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  psqlq -d "$db" -c "SET bench.tables = $tables" -c "SET bench.columns = $COLUMNS_PER_TABLE" \
    -c "SET bench.views = $views" -f "$HERE/generate.sql"
  # The marker goes on last, so an interrupted build is rebuilt next time.
  psqlq -d "$db" -c "COMMENT ON DATABASE $db IS '$marker'"
  say "database $db: built in $(secs $(( $(now_ms) - start ))) s"
}

# ---------------------------------------------------------------- 2. extract: job vs psql
declare -A R_COLS R_PSQL R_EXTRACT R_TOTAL R_RSS R_CHECK B_PSQL B_EXTRACT B_TOTAL
bench_extract() {
  local size=$1 db out i t runs_psql=() runs_psql_own=() runs_psql_job=() runs_extract=() runs_total=() runs_rss=() csv cols records
  db=$(db_name "$size")
  out="$WORK/psql_$size.csv"
  say "extract $size: psql \\copy (1 warm-up + $REPEAT, with PostgreSQL's plan and with the job's) ..."
  psqlq -d "$db" "${PSQL_FILTERS[@]}" -c "\\copy ($LIMIT_SQL) to '$out' csv header"
  for ((i = 1; i <= REPEAT; i++)); do
    t=$(now_ms)
    psqlq -d "$db" "${PSQL_FILTERS[@]}" -c "\\copy ($LIMIT_SQL) to '$out' csv header"
    runs_psql_own+=($(( $(now_ms) - t )))
    t=$(now_ms)
    psqlq -d "$db" "${PSQL_FILTERS[@]}" "${PSQL_JOB_PLAN[@]}" -c "\\copy ($LIMIT_SQL) to '$out' csv header"
    runs_psql_job+=($(( $(now_ms) - t )))
  done
  if [[ $(median "${runs_psql_own[@]}") -le $(median "${runs_psql_job[@]}") ]]; then
    runs_psql=("${runs_psql_own[@]}")
  else
    runs_psql=("${runs_psql_job[@]}")
  fi
  cols=$(( $(wc -l <"$out") - 1 ))
  say "extract $size: job dry run x $REPEAT (-Xmx$XMX) ..."
  for ((i = 1; i <= REPEAT; i++)); do
    rm -rf "$WORK/state-$size"
    # shellcheck disable=SC2046
    run_job "dry-$size-$i" "-Xmx$XMX" -jar "$JAR" --dry-run --sync.state-dir="$WORK/state-$size" \
      $(warehouse_args 0 bench "$db")
    [[ $JOB_RC -eq 0 ]] || { R_CHECK[$size]="job failed (exit $JOB_RC)"; break; }
    runs_extract+=("$(extract_ms "$JOB_LOG")")
    runs_total+=("$JOB_MS")
    runs_rss+=("$JOB_RSS")
  done
  R_COLS[$size]=$cols
  R_PSQL[$size]=$(median "${runs_psql[@]}")
  B_PSQL[$size]=$(min "${runs_psql[@]}")
  if [[ ${#runs_total[@]} -eq $REPEAT ]]; then
    R_EXTRACT[$size]=$(median "${runs_extract[@]}")
    R_TOTAL[$size]=$(median "${runs_total[@]}")
    R_RSS[$size]=$(max "${runs_rss[@]}")
    B_EXTRACT[$size]=$(min "${runs_extract[@]}")
    B_TOTAL[$size]=$(min "${runs_total[@]}")
    csv="$WORK/state-$size/out/bench.csv"
    records=$(wc -l <"$csv")   # bench comments hold no newline, so lines = records
    if [[ $records -eq $(( cols + 1 )) ]]; then
      R_CHECK[$size]="ok ($records records = $cols columns + header)"
    else
      R_CHECK[$size]="MISMATCH: $records records, expected $(( cols + 1 ))"
    fi
    cp "$csv" "$WORK/job_$size.csv"
  fi
  say "extract $size: psql runs ms, own plan: ${runs_psql_own[*]}, job's plan: ${runs_psql_job[*]}; job extract ms: ${runs_extract[*]:-}; job total ms: ${runs_total[*]:-}; RSS MB: ${runs_rss[*]:-}"
}

print_extract_table() {
  echo
  echo "### Extract (job dry run, -Xmx$XMX, median of $REPEAT; psql = \\copy of columns.sql, median of $REPEAT after a warm-up)"
  echo
  echo "(best-of-$REPEAT ratios = fastest job run / fastest psql run: less sensitive to other load on the machine)"
  echo
  echo "| columns | psql s | job extract s | job total s | extract/psql | total/psql | best extract/psql | best total/psql | peak RSS MB | rows/s (extract) | CSV check |"
  echo "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"
  local size
  for size in "${SIZES[@]}"; do
    if [[ -z "${R_TOTAL[$size]:-}" ]]; then
      echo "| ${R_COLS[$size]} | $(secs "${R_PSQL[$size]}") | - | - | - | - | - | - | - | - | ${R_CHECK[$size]} |"
      continue
    fi
    echo "| ${R_COLS[$size]} | $(secs "${R_PSQL[$size]}") | $(secs "${R_EXTRACT[$size]}") | $(secs "${R_TOTAL[$size]}")" \
      "| $(ratio "${R_EXTRACT[$size]}" "${R_PSQL[$size]}") | $(ratio "${R_TOTAL[$size]}" "${R_PSQL[$size]}")" \
      "| $(ratio "${B_EXTRACT[$size]}" "${B_PSQL[$size]}") | $(ratio "${B_TOTAL[$size]}" "${B_PSQL[$size]}")" \
      "| ${R_RSS[$size]} | $(awk -v c="${R_COLS[$size]}" -v ms="${R_EXTRACT[$size]}" 'BEGIN { printf "%d", c / (ms / 1000) }')" \
      "| ${R_CHECK[$size]} |"
  done
}

# ---------------------------------------------------------------- 3. upload: job vs curl
SERVER_PID=
stop_server() { [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null; SERVER_PID=; }
trap stop_server EXIT

bench_upload() {
  local size=$1 db csv url slog i t runs_curl=() runs_curl_recv=() runs_job=() runs_job_recv=() runs_rss=() runs_total=()
  local ts_extract ts_upload mb
  db=$(db_name "$size")
  csv="$WORK/job_$size.csv"
  [[ -f "$csv" ]] || { say "upload: no $csv (extract failed?)"; return; }
  slog="$WORK/fake_secoda.log"
  : >"$slog"
  python3 "$HERE/fake_secoda.py" "$PORT" "$slog" &
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
  done
  stop_server
  say "upload: curl ms ${runs_curl[*]} (server receive ${runs_curl_recv[*]}); job upload phase ms ${runs_job[*]} (server receive ${runs_job_recv[*]}); job total ms ${runs_total[*]}; RSS MB ${runs_rss[*]}"
  local c cr j jr
  c=$(median "${runs_curl[@]}"); cr=$(median "${runs_curl_recv[@]}")
  j=$(median "${runs_job[@]}"); jr=$(median "${runs_job_recv[@]}")
  echo
  echo "### Upload of the $size CSV ($mb MB) to a local fake Secoda (median of $REPEAT)"
  echo
  echo "| client | wall s | server receive s | ratio vs curl (wall) | job total s | peak RSS MB |"
  echo "|---|--:|--:|--:|--:|--:|"
  echo "| curl -F | $(secs "$c") | $(secs "$cr") | 1.00 | - | - |"
  echo "| secoda-sync (upload phase from log) | $(secs "$j") | $(secs "$jr") | $(ratio "$j" "$c") | $(secs "$(median "${runs_total[@]}")") | $(max "${runs_rss[@]}") |"
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
echo
echo "- machine: $(nproc) CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(free -g | awk '/Mem:/ { print $2 }') GB RAM, $(uname -sr)"
echo "- $(java -version 2>&1 | head -1); $(psqlq -d postgres -Atc 'SHOW server_version' | sed 's/^/PostgreSQL /')"
echo "- jar: $JAR ($(stat -c %s "$JAR") bytes)"
echo
for size in "${SIZES[@]}"; do ensure_db "$size"; done
[[ " ${SIZES[*]} " == *" 100k "* ]] || ensure_db 100k   # for the 8-warehouse run
part() { [[ ",$PARTS," == *",$1,"* ]]; }
if part extract; then
  for size in "${SIZES[@]}"; do bench_extract "$size"; done
  print_extract_table
fi
if part upload; then bench_upload "${SIZES[-1]}"; fi
if part parallel; then bench_parallel; fi
if part demo; then bench_demo; fi
