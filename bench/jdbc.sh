# Sourced by bench/run.sh (PARTS=mariadb, PARTS=jdbc-1m): kind mysql and kind jdbc against MariaDB,
# kind jdbc against the 1M PostgreSQL catalog. Uses run_job, median, max, secs, ratio, say, now_ms.
MARIADB_HOST=${MARIADB_HOST:-127.0.0.1} MARIADB_PORT=${MARIADB_PORT:-3306} MARIADB_USER=${MARIADB_USER:-root}
MARIADB_DB=secoda_bench_100k
MARIADB_TABLES=2000
M2=${M2:-$HOME/.m2/repository}
mq() { mariadb -h "$MARIADB_HOST" -P "$MARIADB_PORT" -u "$MARIADB_USER" "$@"; }

# A driver jar from the local Maven repository into a folder of its own, as a user installs it.
driver_folder() { # name group-path artifact
  local dir="$WORK/drivers/$1" jar
  jar=$(ls -1 "$M2/$2/$3"/*/"$3"-*.jar | grep -v -e sources -e javadoc | sort -V | tail -1)
  mkdir -p "$dir" && cp "$jar" "$dir/"
  echo "$dir"
}

ensure_mariadb() {
  local marker="secoda-bench tables=$MARIADB_TABLES columns=$COLUMNS_PER_TABLE" have start
  have=$(mq -N -B -e "SELECT SCHEMA_COMMENT FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$MARIADB_DB'")
  if [[ "$have" == "$marker" ]]; then say "mariadb $MARIADB_DB: already built ($marker)"; return; fi
  say "mariadb $MARIADB_DB: building ($marker) ..."
  start=$(now_ms)
  # Generated DDL, one client session; the comment goes on last so an interrupted build is redone.
  {
    echo "DROP DATABASE IF EXISTS $MARIADB_DB; CREATE DATABASE $MARIADB_DB CHARACTER SET utf8mb4; USE $MARIADB_DB;"
    awk -v q="'" -v t="$MARIADB_TABLES" -v c="$COLUMNS_PER_TABLE" 'BEGIN {
      for (i = 1; i <= t; i++) {
        s = sprintf("CREATE TABLE t_%05d (", i)
        for (j = 1; j <= c; j++) s = s sprintf("%sc_%02d %s COMMENT %s", j > 1 ? ", " : "", j,
            j % 3 == 0 ? "varchar(40)" : j % 3 == 1 ? "bigint" : "decimal(12,2)", q "col " j q)
        print s ") COMMENT " q "table " i q ";"
      } }'
    echo "ALTER DATABASE $MARIADB_DB COMMENT '$marker';"
  } | mq
  say "mariadb $MARIADB_DB: built in $(secs $(( $(now_ms) - start ))) s"
}

bench_mariadb() {
  ensure_mariadb
  local drivers sql out i runs_cli=() kinds="mysql jdbc" kind url
  drivers=$(driver_folder mariadb org/mariadb/jdbc mariadb-java-client)
  # sql/mysql/columns.sql with its parameters as literals (no schema filter but this database).
  sql=$(sed -e 's/--.*$//' "$ROOT/sql/mysql/columns.sql" | tr '\n' ' ' \
    | sed -e "s/:database_label/'bench'/g" -e "s/:include_schemas/'^($MARIADB_DB)\$'/g" -e "s/:exclude_schemas/'^\$'/g")
  out="$WORK/mariadb-cli.tsv"
  say "mariadb: mariadb -B -N of sql/mysql/columns.sql (1 warm-up + $REPEAT) ..."
  for ((i = 0; i <= REPEAT; i++)); do
    local t; t=$(now_ms); mq -B -N -e "$sql" >"$out"; (( i > 0 )) && runs_cli+=($(( $(now_ms) - t )))
  done
  declare -A M_EXTRACT M_TOTAL M_RSS M_COLS
  for kind in $kinds; do
    local extracts=() totals=() rss=()
    url="jdbc:mariadb://$MARIADB_HOST:$MARIADB_PORT/"
    for ((i = 1; i <= REPEAT; i++)); do
      rm -rf "$WORK/state-mariadb-$kind"
      local extra=()
      [[ $kind == jdbc ]] && extra=("--sync.warehouses[0].driver-path=$drivers")
      run_job "mariadb-$kind-$i" "-Xmx$XMX" -jar "$JAR" --dry-run --sync.state-dir="$WORK/state-mariadb-$kind" \
        "--sync.warehouses[0].name=bench" "--sync.warehouses[0].kind=$kind" "--sync.warehouses[0].jdbc-url=$url" \
        "--sync.warehouses[0].username=$MARIADB_USER" "--sync.warehouses[0].include-schemas=$MARIADB_DB" "${extra[@]}"
      [[ $JOB_RC -eq 0 ]] || break
      extracts+=("$(extract_ms "$JOB_LOG")"); totals+=("$JOB_MS"); rss+=("$JOB_RSS")
    done
    M_EXTRACT[$kind]=$(median "${extracts[@]}"); M_TOTAL[$kind]=$(median "${totals[@]}"); M_RSS[$kind]=$(max "${rss[@]}")
    M_COLS[$kind]=$(( $(wc -l <"$WORK/state-mariadb-$kind/out/bench.csv") - 1 ))
  done
  local cli; cli=$(median "${runs_cli[@]}")
  echo
  echo "#### MariaDB, $MARIADB_TABLES tables x $COLUMNS_PER_TABLE columns: kind mysql and kind jdbc vs the mariadb client"
  echo
  echo "(job dry run, -Xmx$XMX, median of $REPEAT; client = mariadb -B -N of sql/mysql/columns.sql, $(( $(wc -l <"$out") )) rows, median of $REPEAT after a warm-up: $(secs "$cli") s)"
  echo
  echo "| kind | CSV columns | job extract s | job total s | extract/client | total/client | peak RSS MB |"
  echo "|---|--:|--:|--:|--:|--:|--:|"
  for kind in $kinds; do
    echo "| $kind | ${M_COLS[$kind]} | $(secs "${M_EXTRACT[$kind]}") | $(secs "${M_TOTAL[$kind]}") | $(ratio "${M_EXTRACT[$kind]}" "$cli") | $(ratio "${M_TOTAL[$kind]}" "$cli") | ${M_RSS[$kind]} |"
  done
}

bench_jdbc_1m() {
  local drivers db i extracts=() totals=() rss=()
  drivers=$(driver_folder postgresql org/postgresql postgresql)
  db=$(db_name 1m)
  for ((i = 1; i <= REPEAT; i++)); do
    rm -rf "$WORK/state-jdbc-1m"
    run_job "jdbc-1m-$i" "-Xmx$XMX" -jar "$JAR" --dry-run --sync.state-dir="$WORK/state-jdbc-1m" \
      "--sync.warehouses[0].name=bench" "--sync.warehouses[0].kind=jdbc" \
      "--sync.warehouses[0].jdbc-url=jdbc:postgresql://$PGHOST:$PGPORT/$db" "--sync.warehouses[0].username=$PGUSER" \
      "--sync.warehouses[0].driver-path=$drivers"
    [[ $JOB_RC -eq 0 ]] || break
    extracts+=("$(extract_ms "$JOB_LOG")"); totals+=("$JOB_MS"); rss+=("$JOB_RSS")
  done
  echo
  echo "#### kind jdbc on $db (PostgreSQL driver from a folder), -Xmx$XMX"
  echo
  if [[ ${#totals[@]} -eq $REPEAT ]]; then
    echo "| CSV columns | job extract s | job total s | peak RSS MB |"
    echo "|--:|--:|--:|--:|"
    echo "| $(( $(wc -l <"$WORK/state-jdbc-1m/out/bench.csv") - 1 )) | $(secs "$(median "${extracts[@]}")") | $(secs "$(median "${totals[@]}")") | $(max "${rss[@]}") |"
  else
    echo "job failed (exit $JOB_RC): $(grep -m1 -o "Warehouse 'bench' failed.*" "$JOB_LOG" | cut -c1-300)"
  fi
}
